/**
 * Import at scale (issue 21): a generated organisation of N people imported into an empty graph by
 * the minimal hand-written loader (bench/raw-loader.ts), then, after erasing, by `rampart import`,
 * then imported again (the no-op re-import), and again after another file added an entity to the
 * organisation (compared row by row), each as its own process on the same database, with
 * wall time and peak memory (RSS) measured by /usr/bin/time. Prints the ratios.
 *
 *   npm run bench:import -- [--people 100000] [--seed 1]
 *
 * ERASES the graph it finds (NEO4J_URI or the local launcher, as the CLI resolves it).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadConfig } from '@rampart/config';
import { createGraphContext, graphOptionsFrom, resolveNeo4j } from '@rampart/graph';
import { numberArg } from './bench-args';

const people = numberArg('people', 100_000);
const seed = numberArg('seed', 1);
const root = path.resolve(__dirname, '..', '..');
const cli = path.join(root, 'dist/apps/cli/src/main.js');

interface Run {
  name: string;
  seconds: number;
  peakMb: number;
}

/** Runs a node script under /usr/bin/time: its wall time and peak RSS. */
function timed(name: string, args: string[], env: NodeJS.ProcessEnv = process.env): Run {
  const out = path.join(os.tmpdir(), `rampart-bench-time-${process.pid}`);
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', '-o', out, process.execPath, ...args], {
    stdio: ['ignore', 'ignore', 'inherit'],
    cwd: root,
    env,
  });
  if (r.status !== 0) throw new Error(`${name} failed (exit ${r.status})`);
  const [seconds, kb] = fs.readFileSync(out, 'utf8').trim().split(/\s+/).slice(-2).map(Number);
  return { name, seconds, peakMb: kb / 1024 };
}

async function erase(): Promise<void> {
  const config = loadConfig(process.env);
  const neo4j = await resolveNeo4j(config.neo4j, (m) => console.error(m));
  const graph = await createGraphContext(graphOptionsFrom(config, neo4j.connection));
  try {
    await graph.health.deleteAll();
    await graph.schema.apply();
  } finally {
    await graph.close();
    await neo4j.stop();
  }
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-import-bench-'));
  const file = path.join(dir, `generated-${people}.json`);
  try {
    timed('generate', [cli, 'generate', '--people', String(people), '--seed', String(seed), '--out', file]);
    await erase();
    const raw = timed('raw loader (UNWIND ... MERGE, batches of 1000)', [
      '-r',
      'tsconfig-paths/register',
      path.join(__dirname, 'raw-loader.js'),
      file,
    ]);
    await erase();
    const first = timed('rampart import, first', [cli, 'import', file]);
    const again = timed('rampart import, again (no-op)', [cli, 'import', file]);
    // An entity added to the organisation by another file: the import record no longer vouches for
    // it, so the same file is compared row by row (and its stale relationships looked for).
    const touch = path.join(dir, 'touch.yaml');
    fs.writeFileSync(touch, `format: rampart/v1\nassets:\n  - {id: "org-gen-${seed}:touch", name: Touch}\n`);
    timed('touch', [cli, 'import', touch, '--org', `org-gen-${seed}`]);
    const compared = timed('rampart import, again after an edit (compared row by row)', [
      cli,
      'import',
      file,
    ]);
    const rows = [raw, first, again, compared].map(
      (r) => `| ${r.name} | ${r.seconds.toFixed(1)} s | ${r.peakMb.toFixed(0)} MB |`,
    );
    console.log(
      `\n${people} people, seed ${seed}\n\n| run | wall | peak RSS |\n| --- | --- | --- |\n${rows.join('\n')}`,
    );
    console.log(`\nfirst import / raw loader: ${(first.seconds / raw.seconds).toFixed(2)}`);
    console.log(`first import / no-op re-import: ${(first.seconds / again.seconds).toFixed(2)}`);
    console.log(
      `first import / re-import compared row by row: ${(first.seconds / compared.seconds).toFixed(2)}`,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(`bench: ${(e as Error).message}`);
  process.exit(1);
});
