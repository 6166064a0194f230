/**
 * The read side of `npm run bench` (issue 4): attack paths against a plain shortestPath on the
 * same pairs, blast radius, security depth, posture and weakest links, each over the API.
 */
import * as fs from 'node:fs';
import { GraphContext, Q } from '@rampart/graph';

type Gql = (query: string, variables?: Record<string, unknown>) => Promise<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface ReadBench {
  gql: Gql;
  timed: (f: () => Promise<unknown>) => Promise<number>;
  report: (name: string, times: number[], note?: string) => void;
  graph: GraphContext;
  /** The Neo4j database (the auto-commit baseline opens its own session). */
  database: string;
  pairs: { t: string; a: string }[];
  pick: <T>(xs: T[]) => T;
  peopleIds: string[];
  runs: number;
  /** Only attack paths, the baseline and the parts of a request (issue 21, item 2). */
  pathsOnly?: boolean;
  /** The API's process id: its CPU time per request is read from /proc (Linux) when given. */
  apiPid?: number;
}

/** User plus system CPU time of a process so far, in ms (undefined where /proc is not there). */
function cpuMs(pid: number | undefined): number | undefined {
  if (!pid) return undefined;
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    // utime and stime are fields 14 and 15 of stat (12 and 13 after the name), in clock ticks.
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return undefined;
  }
}

/** The baseline query sent as one auto-commit query on a session of its own. */
async function autoCommitRead(graph: GraphContext, database: string, params: Record<string, unknown>) {
  const session = graph.driver.session({ database, defaultAccessMode: 'READ' });
  try {
    await session.run(graph.registry.get(Q.benchShortestPath).text, params);
  } finally {
    await session.close();
  }
}

export async function measureReads(bench: ReadBench) {
  const { gql, timed, report, graph, pairs, pick, peopleIds, runs } = bench;
  // The floor under every GraphQL answer: HTTP, the token check, parsing and validation, nothing
  // resolved. What attackPaths adds above it is the computation and its result's mapping.
  const cpu = (since: number | undefined, n: number) => {
    const now = cpuMs(bench.apiPid);
    return since === undefined || now === undefined
      ? ''
      : `API CPU ${((now - since) / n).toFixed(1)} ms per request`;
  };
  // `{ __typename }` resolves nothing, so no guard runs: HTTP and Apollo alone. `{ me { id } }` is
  // the floor of every answer: the guard's token check (one Neo4j round trip) and one resolver.
  const bare: number[] = [];
  let cpuBefore = cpuMs(bench.apiPid);
  for (let i = 0; i < pairs.length; i++) bare.push(await timed(() => gql('{ __typename }')));
  report('HTTP and GraphQL, nothing resolved: { __typename }', bare, cpu(cpuBefore, pairs.length));
  const floor: number[] = [];
  cpuBefore = cpuMs(bench.apiPid);
  for (let i = 0; i < pairs.length; i++) floor.push(await timed(() => gql('{ me { id } }')));
  report('GraphQL floor: { me { id } } (token checked)', floor, cpu(cpuBefore, pairs.length));
  const paths: number[] = [];
  let found = 0;
  cpuBefore = cpuMs(bench.apiPid);
  for (const p of pairs) {
    paths.push(
      await timed(async () => {
        const d = await gql(
          'query($t: ID!, $a: ID!) { attackPaths(threatId: $t, assetId: $a, k: 5) { paths { probability } } }',
          p,
        );
        if (d.attackPaths.paths.length) found += 1;
      }),
    );
  }
  report(
    'attackPaths k=5',
    paths,
    `${found}/${pairs.length} pairs reachable; ${cpu(cpuBefore, pairs.length)}`,
  );

  // The baseline as the driver's manual writes a read and Rampart's executor sends every read (a
  // transaction function: BEGIN, RUN, COMMIT), and as one auto-commit query (RUN and PULL only).
  const baseline: number[] = [];
  const autoCommit: number[] = [];
  for (const p of pairs) {
    const entry = (
      await gql(
        'query($id: ID!) { entity(id: $id) { relationships(types: [STARTS_AT], direction: OUT) { node { id } } } }',
        { id: p.t },
      )
    ).entity.relationships[0]?.node.id;
    if (!entry) continue;
    const params = { from: entry, to: p.a };
    baseline.push(await timed(() => graph.executor.executeRead(Q.benchShortestPath, params)));
    autoCommit.push(await timed(() => autoCommitRead(graph, bench.database, params)));
  }
  report('baseline: Cypher shortestPath (one entry point, no controls)', baseline);
  report('the same baseline as one auto-commit query', autoCommit);
  if (bench.pathsOnly) return;

  const blast = (mode: string) => async () =>
    gql(`query($n: [ID!]!) { blastRadius(nodeIds: $n, mode: ${mode}, maxHops: 6) { impactScore } }`, {
      n: [pick(peopleIds)],
    });
  const structural: number[] = [];
  const probable: number[] = [];
  for (let i = 0; i < runs; i++) structural.push(await timed(blast('STRUCTURAL')));
  for (let i = 0; i < runs; i++) probable.push(await timed(blast('PROBABLE')));
  report('blastRadius 6 hops, structural', structural);
  report('blastRadius 6 hops, probable', probable);

  const cuts: number[] = [];
  for (const p of pairs.slice(0, Math.max(5, Math.floor(runs / 2)))) {
    cuts.push(
      await timed(() =>
        gql('query($t: ID!, $a: ID!) { securityDepth(threatId: $t, assetId: $a, maxOrder: 2) { depth } }', p),
      ),
    );
  }
  report('securityDepth, cut sets up to order 2', cuts);

  const posture: number[] = [];
  for (let i = 0; i < 3; i++)
    posture.push(await timed(() => gql('{ posture { criticalAssets uncoveredCriticalAssets } }')));
  report('posture (whole organisation)', posture);

  // The ranking is computed once per graph version: the first call pays, later ones slice it.
  const links = () => timed(() => gql('{ weakestLinks(limit: 20) { riskIncrease } }'));
  report('weakestLinks, first call (whole organisation)', [await links()]);
  report('weakestLinks, later calls (kept per graph version)', [await links(), await links(), await links()]);
}
