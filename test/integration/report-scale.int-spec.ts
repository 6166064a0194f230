/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are untyped JSON */
import { INestApplication } from '@nestjs/common';
import { parse } from 'csv-parse/sync';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { GraphContext } from '@rampart/graph';
import { NativeImporter, generateOrganisation } from '@rampart/interchange';
import { DEFAULT_REPORT_ROWS, REPORT_MARKING } from '@rampart/reports';
import TestAgent from 'supertest/lib/agent';
import { createApp } from '../../apps/api/src/bootstrap';
import { createLogger } from '../../apps/api/src/logging';
import { CLI, ROOT, requireBuiltCli } from '../support/cli';
import { readPdf } from '../support/pdf-text';
import { signedIn, startDemoApp } from '../support/test-app';
import { freshDemo, openGraph, testConfig } from '../support/test-graph';

const AS_OF = '2026-11-23';
/** Large enough that every long table is cut (about 540 uncovered critical assets), small enough for CI. */
const PEOPLE = 5000;
const GENERATED = 'org-gen-21';
const binary = (res: any, cb: (e: Error | null, b: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};
/** An id as a whole word: org-gen-21:sys-s0001 is not in a text that holds org-gen-21:sys-s00012. */
const hasId = (text: string, id: string) =>
  new RegExp(`(?<![\\w-])${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-])`).test(text);
const unescape = (s: string) =>
  s
    .replace(/<br>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

// Issue 21 item 5: every format of a large organisation's report renders, long tables shown as
// their first rows with the rest in the CSV/JSON annex; the demo's PDF is short and well broken;
// a render that fails says why in one line.
describe('reports at any size', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-report-scale-'));
  const base = testConfig();
  const config = { ...base, reports: { ...base.reports, dir, schedules: [] } };
  let app: INestApplication;
  let graph: GraphContext;
  let api: TestAgent;
  const get = (report: string, format: string, org?: string) =>
    api
      .get(`/api/reports/${report}?format=${format}&asOf=${AS_OF}${org ? `&organizationId=${org}` : ''}`)
      .buffer(true)
      .parse(binary);

  beforeAll(async () => {
    ({ app, graph } = await startDemoApp(config));
    const imported = await new NativeImporter(graph).importText(
      'gen-21.json',
      JSON.stringify(generateOrganisation({ people: PEOPLE, seed: 21 })),
    );
    expect(imported.ok).toBe(true);
    api = await signedIn(app);
  }, 300_000);
  afterAll(async () => {
    // The next suites find the demo alone, as after a start.
    if (graph) await freshDemo(graph, config).catch(() => undefined);
    await app?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }, 120_000);

  it('prints the demo uncovered report in at most 12 pages, no heading last on a page, no id broken', async () => {
    const html = (await get('uncovered', 'html', 'org-acme')).body.toString('utf8') as string;
    const res = await get('uncovered', 'pdf', 'org-acme');
    expect(res.status).toBe(200);
    const { pages } = await readPdf(res.body as Buffer);
    expect(pages.length).toBeGreaterThan(3);
    expect(pages.length).toBeLessThanOrEqual(12);

    // Headings and table captions must have what they announce below them on the same page.
    const titles = [...html.matchAll(/<(h2|h3|caption)[^>]*>([^<]+)<\/\1>/g)].map((m) => unescape(m[2]));
    expect(titles).toContain('Most urgent: what to do');
    pages.forEach((page, i) => {
      const body = page
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l && !l.includes(REPORT_MARKING.slice(0, 30)) && !/page \d+ of \d+/.test(l));
      const last = body[body.length - 1] ?? '';
      const orphan = titles.find((t) => t === last || (last.length >= 8 && t.startsWith(last)));
      expect({ page: i + 1, orphan }).toEqual({ page: i + 1, orphan: undefined });
    });

    // Every id of the uncovered list sits whole on one line of the PDF's text.
    const ids = [...html.matchAll(/<td class="nowrap">([^<]+)<\/td>/g)].map((m) => unescape(m[1]));
    const uncovered = JSON.parse((await get('uncovered', 'json', 'org-acme')).body.toString('utf8'));
    expect(ids).toEqual(
      expect.arrayContaining(
        uncovered.uncovered.slice(0, DEFAULT_REPORT_ROWS).map((u: any) => u.asset.id) as string[],
      ),
    );
    const lines = pages.flatMap((p) => p.split('\n'));
    for (const id of ids)
      expect({ id, whole: lines.some((l) => l.includes(id)) }).toEqual({ id, whole: true });
  }, 120_000);

  describe(`a generated organisation of ${PEOPLE} people`, () => {
    let json: any;
    beforeAll(async () => {
      const res = await get('uncovered', 'json', GENERATED);
      expect(res.status).toBe(200);
      json = JSON.parse(res.body.toString('utf8'));
    }, 180_000);

    it('has every uncovered critical asset in the JSON and the CSV annexes', async () => {
      const total = json.summary.uncoveredCriticalAssets;
      expect(total).toBeGreaterThan(DEFAULT_REPORT_ROWS);
      expect(json.uncovered).toHaveLength(total);
      const res = await get('uncovered', 'csv', GENERATED);
      expect(res.status).toBe(200);
      const rows = parse(res.body.toString('utf8'), { columns: true }) as Record<string, string>[];
      expect(rows.map((r) => r.asset_id)).toEqual(json.uncovered.map((u: any) => u.asset.id));
    }, 180_000);

    it.each(['md', 'html', 'pdf'])(
      'renders %s as a summary: the first rows, then how many of how many and where the rest are',
      async (format) => {
        const res = await get('uncovered', format, GENERATED);
        expect(res.status).toBe(200);
        const body = res.body as Buffer;
        const text =
          format === 'pdf'
            ? (await readPdf(body)).pages.join('\n').replace(/\s+/g, ' ')
            : body.toString('utf8').replace(/\\/g, '');
        const total = json.summary.uncoveredCriticalAssets;
        expect(text).toContain(
          `${DEFAULT_REPORT_ROWS} of ${total} uncovered critical assets shown; the full list is in the CSV/JSON annex`,
        );
        const lastShown = json.uncovered[DEFAULT_REPORT_ROWS - 1].asset.id;
        const firstLeftOut = json.uncovered[DEFAULT_REPORT_ROWS].asset.id;
        expect(hasId(text, lastShown)).toBe(true);
        expect(hasId(text, firstLeftOut)).toBe(false);
        // Bounded by the summary, not by the organisation (the whole list was 5 MB of HTML at 10k people).
        if (format !== 'pdf') expect(body.length).toBeLessThan(500_000);
        else expect((await readPdf(body)).pages.length).toBeLessThan(30);
      },
      180_000,
    );

    it.each(['posture', 'plan'])(
      'renders the %s report in every format',
      async (report) => {
        for (const format of ['json', 'csv', 'md', 'html', 'pdf']) {
          const res = await get(report, format, GENERATED);
          expect({ format, status: res.status }).toEqual({ format, status: 200 });
          expect((res.body as Buffer).length).toBeGreaterThan(100);
        }
      },
      300_000,
    );
  });

  describe('a render that fails', () => {
    let other: INestApplication | undefined;
    let otherGraph: GraphContext | undefined;
    afterAll(async () => {
      await other?.close();
      await otherGraph?.close().catch(() => undefined);
    });

    it('answers the API client with one line saying what failed, why and what to change', async () => {
      // An allowance no printing can meet: the deadline passes at once.
      const tight = { ...config, reports: { ...config.reports, pdfTimeoutMs: 1 } };
      otherGraph = await openGraph(tight);
      other = await createApp({
        config: tight,
        graph: otherGraph,
        logger: createLogger({ logLevel: 'silent' }),
      });
      await other.init();
      const res = await (
        await signedIn(other)
      ).get(`/api/reports/uncovered?format=pdf&organizationId=org-acme`);
      expect(res.status).toBe(503);
      expect(res.body.error).toMatchObject({
        code: 'REPORT_RENDER_FAILED',
        message:
          'PDF rendering of report uncovered timed out after 1 ms (chromium did not finish); ' +
          'raise RAMPART_PDF_TIMEOUT_MS, or narrow the report to one organisation',
      });
    }, 120_000);

    it('prints one line on the CLI’s stderr, no stack', () => {
      requireBuiltCli();
      const out = path.join(dir, 'never.pdf');
      const r = spawnSync(
        process.execPath,
        [CLI, 'report', 'uncovered', '--format', 'pdf', '--org', 'org-acme', '--out', out],
        {
          cwd: ROOT,
          env: { ...process.env, RAMPART_CHROMIUM_PATH: '/nonexistent/chromium' },
          encoding: 'utf8',
        },
      );
      expect(r.status).toBe(1);
      const lines = r.stderr.trim().split('\n');
      expect(lines[lines.length - 1]).toBe(
        'rampart: PDF rendering of report uncovered needs chromium, and there is no executable at ' +
          "/nonexistent/chromium: install Debian's (apt-get install -y chromium) or set RAMPART_CHROMIUM_PATH to where it is.",
      );
      expect(r.stderr).not.toMatch(/^\s+at /m);
      expect(fs.existsSync(out)).toBe(false);
    }, 120_000);
  });
});
