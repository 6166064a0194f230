/**
 * Web UI rendering benchmark (issue 5): a blast-radius view of about --elements N Cytoscape
 * elements on a generated organisation, opened in Debian's headless chromium. Prints the time
 * from navigation to a drawn graph, Cytoscape's own render + layout time, and the frame rates of
 * a continuous pan (one long drag), of a continuous zoom (wheel steps) and of both mixed (short
 * drags and zooms, each ending in a full redraw). The UI and its API are the built server, run as
 * a child process (`npm run bench:web` builds first).
 *
 *   npm run bench:web -- [--people 10000] [--elements 5000] [--runs 3] [--keep] [--start <facility id>]
 */
import { performance } from 'node:perf_hooks';
import { loadConfig } from '@rampart/config';
import { createGraphContext, graphOptionsFrom, resolveNeo4j } from '@rampart/graph';
import { NativeImporter, generateOrganisation } from '@rampart/interchange';
import { Page, chromium } from 'playwright-core';
import { INestApplicationContext } from '@nestjs/common';
import { ApiProcess, startApi } from './api-process';
import { benchJwtSecret, benchServices, benchSignIn, createBenchAccount } from './bench-auth';
import { numberArg } from './bench-args';

const people = numberArg('people', 10_000);
const target = numberArg('elements', 5_000);
const runs = numberArg('runs', 3);
const keep = process.argv.includes('--keep');

interface PageCy {
  rampartGraphs?: Record<
    string,
    {
      elements(): { length: number };
      zoom(level?: number): number;
      panBy(p: { x: number; y: number }): void;
    }
  >;
  document: { querySelector(s: string): { getAttribute(a: string): string | null } | null };
  requestAnimationFrame(f: (t: number) => void): void;
}

async function main() {
  const config = loadConfig();
  const neo4j = await resolveNeo4j(config.neo4j, (m) => console.error(m));
  const graph = await createGraphContext(graphOptionsFrom(config, neo4j.connection));
  let services: INestApplicationContext | undefined;
  let api: ApiProcess | undefined;
  try {
    await graph.schema.apply();
    if (!keep || !(await graph.organizations.list()).length) {
      await graph.health.deleteAll();
      const doc = generateOrganisation({ people, seed: 1 });
      const r = await new NativeImporter(graph).importText('bench.json', JSON.stringify(doc), {
        format: 'json',
      });
      if (!r.ok) throw new Error(`generated file invalid: ${r.issues[0]?.message}`);
    }
    const jwtSecret = benchJwtSecret();
    services = await benchServices(config, graph, jwtSecret);
    await createBenchAccount(services);
    api = await startApi({ neo4j: neo4j.connection, jwtSecret });
    const base = api.url;
    const { accessToken } = await benchSignIn(base);
    const gql = async (query: string, variables: Record<string, unknown> = {}) => {
      const res = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
        body: JSON.stringify({ query, variables }),
      });
      return ((await res.json()) as { data: Record<string, any> }).data; // eslint-disable-line @typescript-eslint/no-explicit-any
    };
    // The start whose 6-hop structural blast radius draws closest to the target element count
    // (a tree: n reached nodes and n edges, plus the start).
    const given = process.argv.includes('--start') ? process.argv[process.argv.indexOf('--start') + 1] : '';
    const starts = given
      ? [given]
      : ((await gql('{ facilities(first: 200) { edges { node { id } } } }')).facilities.edges.map(
          (e: { node: { id: string } }) => e.node.id,
        ) as string[]);
    let best = { id: '', elements: 0 };
    for (const id of starts) {
      const n = (await gql('query($n: [ID!]!) { blastRadius(nodeIds: $n) { nodes { id } } }', { n: [id] }))
        .blastRadius.nodes.length;
      if (Math.abs(2 * n + 1 - target) < Math.abs(best.elements - target)) best = { id, elements: 2 * n + 1 };
    }
    console.error(`start ${best.id}: about ${best.elements} elements`);

    // Two rasterisation modes: chromium's own (a GPU process, SwiftShader when there is no GPU)
    // and CPU only (--disable-gpu), the worst case.
    const rows: string[] = [];
    for (const [mode, flags] of [
      ['default', []],
      ['CPU only', ['--disable-gpu']],
    ] as const) {
      const browser = await chromium.launch({
        executablePath: '/usr/bin/chromium',
        args: [
          '--headless=new',
          '--no-sandbox',
          '--no-first-run',
          '--disable-background-networking',
          ...flags,
        ],
      });
      for (let i = 0; i < runs; i++) {
        const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
        // Signed in as the UI resumes a tab's session: a fresh refresh token per page (they rotate).
        const { refreshToken } = await benchSignIn(base);
        await page.addInitScript((token) => {
          (
            globalThis as unknown as { sessionStorage: { setItem(k: string, v: string): void } }
          ).sessionStorage.setItem('rampart.refreshToken', token);
        }, refreshToken);
        const t = performance.now();
        await page.goto(`${base}/#/blast?nodes=${best.id}`);
        await page.waitForFunction(() => Boolean((globalThis as unknown as PageCy).rampartGraphs?.blast));
        const total = performance.now() - t;
        const drawn = await page.evaluate(() => {
          const w = globalThis as unknown as PageCy;
          return {
            elements: w.rampartGraphs!.blast.elements().length,
            renderMs: Number(
              w.document.querySelector('[data-testid=graph-blast]')?.getAttribute('data-render-ms'),
            ),
          };
        });
        const box = await page.getByTestId('graph-blast').boundingBox();
        if (!box) throw new Error('the blast radius graph is not on the page');
        const cx = box.x + box.width / 2;
        const cy = box.y + box.height / 2;
        // Two seconds of real mouse gestures each while the page counts the frames it draws; idle
        // first, as the ceiling this browser reaches at all.
        const idle = await framesPerSecond(page, async (until) => {
          while (!until()) await page.waitForTimeout(50);
        });
        const pan = await framesPerSecond(page, async (until) => {
          await page.mouse.move(cx, cy);
          await page.mouse.down();
          for (let k = 1; !until(); k++)
            await page.mouse.move(cx + 200 * Math.sin(k / 10), cy + 100 * Math.cos(k / 10));
          await page.mouse.up();
        });
        const zoom = await framesPerSecond(page, async (until) => {
          await page.mouse.move(cx, cy);
          for (let k = 0; !until(); k++) await page.mouse.wheel(0, k % 20 < 10 ? -40 : 40);
        });
        const mixed = await framesPerSecond(page, async (until) => {
          while (!until()) {
            await page.mouse.move(cx, cy);
            await page.mouse.down();
            for (let k = 1; k <= 10; k++) await page.mouse.move(cx + 8 * k, cy + 3 * k);
            await page.mouse.up();
            await page.mouse.wheel(0, -120);
            await page.mouse.wheel(0, 120);
          }
        });
        rows.push(
          `| ${mode} | ${drawn.elements} | ${(total / 1000).toFixed(2)} s | ${(drawn.renderMs / 1000).toFixed(2)} s | ${idle.toFixed(0)} | ${pan.toFixed(0)} | ${zoom.toFixed(0)} | ${mixed.toFixed(0)} |`,
        );
        console.error(rows[rows.length - 1]);
        await page.close();
      }
      await browser.close();
    }
    console.log(
      `\nblast radius of ${best.id}\n\n| rendering | elements | navigation to drawn graph | Cytoscape render + layout | frames/s idle | frames/s panning | frames/s zooming | frames/s drag + zoom |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n${rows.join('\n')}`,
    );
  } finally {
    await api?.stop();
    await services?.close().catch(() => undefined);
    await graph.close().catch(() => undefined);
    await neo4j.stop();
  }
}

/** Frames the page draws per second while `gesture` runs for two seconds. */
async function framesPerSecond(
  page: Page,
  gesture: (until: () => boolean) => Promise<void>,
): Promise<number> {
  await page.evaluate(() => {
    const w = globalThis as unknown as PageCy & { rampartFrames?: number };
    if (w.rampartFrames !== undefined) return;
    w.rampartFrames = 0;
    const tick = () => {
      w.rampartFrames! += 1;
      w.requestAnimationFrame(tick);
    };
    w.requestAnimationFrame(tick);
  });
  const count = () => page.evaluate(() => (globalThis as unknown as { rampartFrames: number }).rampartFrames);
  const before = await count();
  const t0 = performance.now();
  await gesture(() => performance.now() - t0 >= 2000);
  return (((await count()) - before) * 1000) / (performance.now() - t0);
}

main().catch((e: unknown) => {
  console.error(`bench:web: ${(e as Error).message}`);
  process.exit(1);
});
