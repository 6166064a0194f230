/**
 * Analytics benchmark (issue 4): a generated organisation of N people, each operation timed over
 * the GraphQL API of the built server run as a child process (what an analyst's click costs),
 * p50/p95 printed, and attackPaths compared with a plain Cypher shortestPath on the same pairs in
 * the same run.
 *
 *   npm run bench -- [--people 100000] [--seed 1] [--runs 40] [--keep] [--edits-only | --paths-only] [--no-edits]
 *
 * Needs a Neo4j the usual way (NEO4J_URI, Docker or the local launcher) and the build
 * (`npm run bench` builds first). The graph is erased and the organisation imported unless --keep
 * and it already holds one.
 */
import { performance } from 'node:perf_hooks';
import { loadConfig } from '@rampart/config';
import { createGraphContext, graphOptionsFrom, resolveNeo4j } from '@rampart/graph';
import { NativeImporter, generateOrganisation } from '@rampart/interchange';
import { AuditService } from '@rampart/audit';
import { INestApplicationContext } from '@nestjs/common';
import { ApiProcess, startApi } from './api-process';
import {
  benchJwtSecret,
  benchServices,
  benchSignIn,
  createBenchAccount,
  createLimitedBenchAccount,
} from './bench-auth';
import { numberArg, percentile } from './bench-args';
import { measureEdits } from './edit-bench';
import { measureReads } from './read-bench';

const people = numberArg('people', 100_000);
const seed = numberArg('seed', 1);
const runs = numberArg('runs', 40);
const keep = process.argv.includes('--keep');
/** Skip the read measurements (what an edit costs is measured either way). */
const editsOnly = process.argv.includes('--edits-only');
/** Only attackPaths, its baseline and the GraphQL floor, then the edits (unless --no-edits). */
const pathsOnly = process.argv.includes('--paths-only');
const noEdits = process.argv.includes('--no-edits');

const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);

async function main() {
  const config = loadConfig(process.env);
  const neo4j = await resolveNeo4j(config.neo4j, (m) => console.error(m));
  const graph = await createGraphContext(graphOptionsFrom(config, neo4j.connection));
  const rows: string[] = [];
  const report = (name: string, times: number[], note = '') => {
    const line = `| ${name} | ${times.length} | ${fmt(percentile(times, 50))} | ${fmt(percentile(times, 95))} | ${note} |`;
    rows.push(line);
    console.error(line);
  };
  let services: INestApplicationContext | undefined;
  let api: ApiProcess | undefined;
  try {
    await graph.schema.apply();
    const orgs = await graph.organizations.list();
    if (!keep || !orgs.length) {
      await graph.health.deleteAll();
      const doc = generateOrganisation({ people, seed });
      const t = performance.now();
      const r = await new NativeImporter(graph).importText('bench.json', JSON.stringify(doc), {
        format: 'json',
      });
      if (!r.ok) throw new Error(`generated file invalid: ${r.issues[0]?.message}`);
      console.error(
        `imported ${r.entities} entities, ${r.relationships} relationships in ${fmt(performance.now() - t)}`,
      );
    }
    const jwtSecret = benchJwtSecret();
    services = await benchServices(config, graph, jwtSecret);
    await createBenchAccount(services);
    // An analyst limited to the organisation: the graph they see is scoped (and patched after edits).
    await createLimitedBenchAccount(services, [(await graph.organizations.list())[0].id]);
    api = await startApi({ neo4j: neo4j.connection, jwtSecret });
    const url = `${api.url}/graphql`;
    const gqlAs =
      (accessToken: string) =>
      async (query: string, variables: Record<string, unknown> = {}) => {
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
          body: JSON.stringify({ query, variables }),
        });
        const body = (await res.json()) as { data?: Record<string, unknown>; errors?: { message: string }[] };
        if (body.errors) throw new Error(body.errors[0].message);
        return body.data as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
      };
    const gql = gqlAs((await benchSignIn(api.url)).accessToken);
    const limitedGql = gqlAs((await benchSignIn(api.url, true)).accessToken);
    const timed = async (f: () => Promise<unknown>) => {
      const t = performance.now();
      await f();
      return performance.now() - t;
    };

    // What each write pays for its audit record: the graph's content hash, cold (computed here by
    // the AuditService the API uses, nothing cached yet).
    const audit = services.get(AuditService);
    report('graph content hash (audit record of a write)', [await timed(() => audit.graphHash())]);

    // The first analytics call loads the attack graph into memory (a cheap one, to time the load).
    const someone = (await gql('{ people(first: 1) { edges { node { id } } } }')).people.edges[0].node.id;
    report('load attack graph (first analytics call)', [
      await timed(() => gql('query($id: ID!) { coverage(assetId: $id) { score } }', { id: someone })),
    ]);
    const threats = (await gql('{ threats(first: 50) { edges { node { id } } } }')).threats.edges.map(
      (e: { node: { id: string } }) => e.node.id,
    ) as string[];
    // Pairs a threat really reaches: critical assets in the structural reach of its entry points.
    const reachable = new Map<string, string[]>();
    for (const t of threats) {
      const entries = (
        await gql(
          'query($id: ID!) { entity(id: $id) { relationships(types: [STARTS_AT], direction: OUT) { node { id } } } }',
          { id: t },
        )
      ).entity.relationships.map((r: { node: { id: string } }) => r.node.id);
      const reached = (
        await gql('query($n: [ID!]!) { blastRadius(nodeIds: $n, maxHops: 8) { nodes { id criticality } } }', {
          n: entries,
        })
      ).blastRadius.nodes.filter((n: { criticality?: number }) => (n.criticality ?? 1) >= 4);
      if (reached.length)
        reachable.set(
          t,
          reached.map((n: { id: string }) => n.id),
        );
    }
    const peopleIds = (await gql('{ people(first: 500) { edges { node { id } } } }')).people.edges.map(
      (e: { node: { id: string } }) => e.node.id,
    ) as string[];
    let k = seed;
    const pick = <T>(xs: T[]) => xs[(k = (k * 48271) % 2147483647) % xs.length];
    const reaching = [...reachable.keys()];
    if (!reaching.length) throw new Error('no threat reaches a critical asset: nothing to measure');
    const pairs = Array.from({ length: runs }, () => {
      const t = pick(reaching);
      return { t, a: pick(reachable.get(t) as string[]) };
    });

    if (!editsOnly)
      await measureReads({
        gql,
        timed,
        report,
        graph,
        database: config.neo4j.database,
        pairs,
        pick,
        peopleIds,
        runs,
        pathsOnly,
        apiPid: api.pid,
      });
    if (!noEdits) await measureEdits(gql, timed, report, pairs, runs, limitedGql);
    console.log(
      `\n${people} people, seed ${seed}\n\n| operation | runs | p50 | p95 | note |\n| --- | --- | --- | --- | --- |\n${rows.join('\n')}`,
    );
  } finally {
    await api?.stop();
    await services?.close().catch(() => undefined);
    await graph.close().catch(() => undefined);
    await neo4j.stop();
  }
}

main().catch((e: unknown) => {
  console.error(`bench: ${(e as Error).message}`);
  process.exit(1);
});
