/**
 * Calibrates the GraphQL cost table (apps/api/src/common/graphql-costs.ts, issue 19): every field
 * the table prices is timed over the GraphQL API of the built server, run as a child process, on a
 * generated organisation, with the most expensive arguments the API accepts (maxHops 12, maxOrder 3, k 50, first 500,
 * threshold 0). A field's cost is its p95 less the p50 of an empty request (`{ __typename }`: HTTP,
 * token check and interceptors, paid once per request however many fields it asks for).
 *
 *   npm run bench:costs -- [--people 20000] [--seed 1] [--runs 20] [--keep] [--only posture,findings]
 *
 * Needs a Neo4j the usual way (NEO4J_URI, Docker or the local launcher) and the build
 * (`npm run bench:costs` builds first). The graph is erased and the organisation imported unless
 * --keep and it already holds one. It writes (an edit, a report,
 * test accounts): run it on a benchmark graph only.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '@rampart/config';
import { createGraphContext, graphOptionsFrom, resolveNeo4j } from '@rampart/graph';
import { NativeImporter, generateOrganisation } from '@rampart/interchange';
import { INestApplicationContext } from '@nestjs/common';
import { ApiProcess, startApi } from './api-process';
import { benchJwtSecret, benchServices, benchSignIn, createBenchAccount } from './bench-auth';
import { numberArg, percentile } from './bench-args';

const people = numberArg('people', 20_000);
const seed = numberArg('seed', 1);
const runs = numberArg('runs', 20);
const keep = process.argv.includes('--keep');
// --only a,b: measure these rows only (the names printed), e.g. after changing one resolver.
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt > 0 ? process.argv[onlyAt + 1].split(',') : undefined;

type Vars = Record<string, unknown>;
type Data = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function main() {
  const config = loadConfig(process.env);
  const neo4j = await resolveNeo4j(config.neo4j, (m) => console.error(m));
  const graph = await createGraphContext(graphOptionsFrom(config, neo4j.connection));
  const reportsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-cost-bench-'));
  let services: INestApplicationContext | undefined;
  let api: ApiProcess | undefined;
  try {
    await graph.schema.apply();
    if (!keep || !(await graph.organizations.list()).length) {
      await graph.health.deleteAll();
      const doc = generateOrganisation({ people, seed });
      const r = await new NativeImporter(graph).importText('bench.json', JSON.stringify(doc), {
        format: 'json',
      });
      if (!r.ok) throw new Error(`generated file invalid: ${r.issues[0]?.message}`);
      console.error(`imported ${r.entities} entities, ${r.relationships} relationships`);
    }
    const jwtSecret = benchJwtSecret();
    services = await benchServices(config, graph, jwtSecret);
    await createBenchAccount(services);
    api = await startApi({
      neo4j: neo4j.connection,
      jwtSecret,
      env: {
        RAMPART_REPORTS_DIR: reportsDir,
        // Measuring the fields, not the guards: nothing here is refused.
        RAMPART_GRAPHQL_MAX_COST: String(1e12),
        RAMPART_GRAPHQL_MAX_COMPLEXITY: String(1e12),
      },
    });
    const url = `${api.url}/graphql`;
    const { accessToken } = await benchSignIn(api.url);
    const gql = async (query: string, variables: Vars = {}): Promise<Data> => {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as { data?: Data; errors?: { message: string }[] };
      if (body.errors) throw new Error(`${query.slice(0, 80)}: ${body.errors[0].message}`);
      return body.data as Data;
    };
    const time = async (n: number, query: string, vars: () => Vars = () => ({})) => {
      const times: number[] = [];
      for (let i = 0; i < n; i++) {
        const v = vars();
        const t = performance.now();
        await gql(query, v);
        times.push(performance.now() - t);
      }
      return times;
    };

    // Warm up: the attack graph loads on the first analytics call.
    const ids = async (list: string, n = 500) =>
      (
        (await gql(`{ ${list}(first: ${n}) { edges { node { id } } } }`))[list].edges as {
          node: { id: string };
        }[]
      ).map((e) => e.node.id);
    const personIds = await ids('people');
    const threatIds = await ids('threats', 50);
    const assetIds = await ids('assets');
    const controlIds = await ids('controls', 50);
    await gql('query($id: ID!) { coverage(assetId: $id) { score } }', { id: assetIds[0] });
    let k = seed;
    const pick = <T>(xs: T[]) => xs[(k = (k * 48271) % 2147483647) % xs.length];
    // Pairs a threat really reaches (its targets ranked reachable first).
    const pairs: { t: string; a: string }[] = [];
    for (const t of threatIds) {
      const r = await gql(
        'query($t: ID!) { threatTargets(threatId: $t, first: 20) { targets { reachable asset { id } } } }',
        { t },
      );
      for (const x of r.threatTargets.targets) if (x.reachable) pairs.push({ t, a: x.asset.id });
    }
    if (!pairs.length) throw new Error('no threat reaches an asset: nothing to measure');
    const pair = () => pick(pairs);

    const empty = percentile(await time(runs, '{ __typename }'), 50);
    const rows: { field: string; p50: number; p95: number; runs: number; query: string }[] = [];
    const measure = async (field: string, n: number, query: string, vars?: () => Vars, less = empty) => {
      if (only && !only.includes(field.split(' ')[0])) return;
      const t = await time(n, query, vars);
      const row = {
        field,
        p50: percentile(t, 50),
        p95: Math.max(1, percentile(t, 95) - less),
        runs: n,
        query,
      };
      rows.push(row);
      console.error(`${field}: p50 ${row.p50.toFixed(1)} ms, cost ${row.p95.toFixed(1)}`);
    };

    const few = Math.max(3, Math.floor(runs / 4));
    await measure('me', runs, '{ me { id } }');
    await measure('organizations', runs, '{ organizations { id } }');
    await measure('entity', runs, 'query($id: ID!) { entity(id: $id) { id } }', () => ({
      id: pick(personIds),
    }));
    const entityP50 = percentile(
      await time(runs, 'query($id: ID!) { entity(id: $id) { id } }', () => ({ id: pick(assetIds) })),
      50,
    );
    await measure(
      'relationships',
      runs,
      'query($id: ID!) { entity(id: $id) { relationships(first: 1000) { node { id } } } }',
      () => ({ id: pick(assetIds) }),
      entityP50,
    );
    await measure(
      'list page',
      runs,
      'query($s: String) { people(first: 500, filter: { search: $s }) { totalCount edges { node { id name } } } }',
      () => ({
        s: String(pick([1, 2, 3, 4, 5, 6, 7, 8, 9])),
      }),
    );
    await measure('auditLog', few, '{ auditLog(first: 500) { totalCount edges { node { actor at } } } }');
    await measure('reportRuns', few, '{ reportRuns(first: 500) { id } }');
    await measure('users', few, '{ users { id } }');
    await measure(
      'attackPaths',
      runs,
      'query($t: ID!, $a: ID!) { attackPaths(threatId: $t, assetId: $a, k: 50, maxHops: 12) { paths { probability } } }',
      pair,
    );
    await measure(
      'securityDepth',
      runs,
      'query($t: ID!, $a: ID!) { securityDepth(threatId: $t, assetId: $a, maxOrder: 3, maxHops: 12) { depth } }',
      pair,
    );
    await measure(
      'interruption',
      runs,
      'query($t: ID!, $a: ID!) { interruption(threatId: $t, assetId: $a, maxHops: 12) { assessed } }',
      pair,
    );
    for (const mode of ['STRUCTURAL', 'PROBABLE']) {
      await measure(
        `blastRadius ${mode}`,
        runs,
        `query($n: [ID!]!) { blastRadius(nodeIds: $n, mode: ${mode}, maxHops: 12, threshold: 0) { impactScore } }`,
        () => ({ n: [pick(personIds)] }),
      );
      await measure(
        `exposure ${mode}`,
        runs,
        `query($a: ID!) { exposure(assetId: $a, mode: ${mode}, maxHops: 12, threshold: 0) { impactScore } }`,
        () => ({ a: pick(assetIds) }),
      );
    }
    await measure(
      'threatTargets',
      runs,
      'query($t: ID!) { threatTargets(threatId: $t, first: 500, maxHops: 12) { totalCount } }',
      () => ({ t: pick(threatIds) }),
    );
    await measure('coverage', runs, 'query($a: ID!) { coverage(assetId: $a) { score } }', () => ({
      a: pick(assetIds),
    }));
    await measure('coverageSummary', few, '{ coverageSummary(first: 500) { score } }');
    await measure('findingRules', few, '{ findingRules { id } }');
    await measure('findings', few, '{ findings { ruleId } }');
    await measure('risks', few, '{ risks { riskId } }');
    await measure('posture', few, '{ posture { findings } }');
    // Kept per graph version: the first call after a write pays the whole ranking (measured next).
    await measure(
      'updateEntity',
      few,
      'mutation($id: ID!, $set: JSONObject!) { updateEntity(id: $id, set: $set) { id } }',
      () => ({ id: pick(controlIds), set: { description: `bench ${performance.now()}` } }),
    );
    await measure('weakestLinks', 1, '{ weakestLinks(limit: 500) { riskIncrease } }');
    let u = 0;
    await measure(
      'createUser',
      few,
      'mutation($u: String!) { createUser(input: { username: $u, password: "bench-only password 0123", roles: ["analyst"], clearance: "OFFICIAL" }) { id } }',
      () => ({ u: `bench-cost-${Date.now()}-${u++}` }),
    );
    await measure(
      'generateReport',
      Math.min(few, 3),
      'mutation { generateReport(report: "posture", format: "pdf") { bytes } }',
    );
    const date = new Date().toISOString().slice(0, 10);
    console.log(
      `\n${people} people, seed ${seed}, ${date}, ${os.cpus().length} CPUs; empty request p50 ${empty.toFixed(1)} ms\n\n` +
        `| field | runs | p50 ms | cost (p95 − empty p50) |\n| --- | --- | --- | --- |\n` +
        rows.map((r) => `| ${r.field} | ${r.runs} | ${r.p50.toFixed(1)} | ${Math.ceil(r.p95)} |`).join('\n'),
    );
  } finally {
    await api?.stop();
    await services?.close().catch(() => undefined);
    fs.rmSync(reportsDir, { recursive: true, force: true });
    await graph.close().catch(() => undefined);
    await neo4j.stop();
  }
}

main().catch((e: unknown) => {
  console.error(`bench: ${(e as Error).message}`);
  process.exit(1);
});
