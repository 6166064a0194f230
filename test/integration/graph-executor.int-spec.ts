import { DomainError, NodeRow, RelationshipRow } from '@rampart/domain';
import { GraphContext, Neo4jConnectionError, Q, QueryExecutor, connect } from '@rampart/graph';
import { driverSession } from '../support/raw-session';
import { connectionOf, freshGraph, openGraph, testConfig } from '../support/test-graph';

describe('graph access on a real Neo4j', () => {
  const config = testConfig();
  let graph: GraphContext;
  const write = (nodes: NodeRow[], rels: RelationshipRow[], prune = false) =>
    graph.imports.write(nodes, rels, {
      source: 't',
      organizationId: 'o',
      prune,
      now: '2026-01-01T00:00:00Z',
    });

  beforeAll(async () => {
    graph = await openGraph(config);
    await freshGraph(graph);
  });
  afterAll(() => graph.close());

  it('enforces unique entity ids through the schema, reported as CONFLICT by its Neo4j code', async () => {
    await write([{ id: 'dup', labels: ['Asset'], props: { name: 'one' } }], []);
    // MERGE never collides, so collide through the constraint directly.
    await driverSession(config, async (s) => {
      const e = await s.run("CREATE (:Entity {id: 'dup'})").catch((x: unknown) => x);
      expect((e as { code: string }).code).toBe('Neo.ClientError.Schema.ConstraintValidationFailed');
    });
  });

  it('writes all or nothing: a failing batch leaves the graph unchanged', async () => {
    await freshGraph(graph);
    const before = await graph.health.isEmpty();
    const writes = graph.executor.writesCommitted;
    await expect(
      write(
        [{ id: 'a', labels: ['Asset'], props: { name: 'A' } }],
        [{ type: 'OWNS', from: 'a', to: 'a', props: { bad: { nested: 'maps are not storable' } } }],
      ),
    ).rejects.toBeInstanceOf(DomainError);
    expect(before).toBe(true);
    expect(await graph.health.isEmpty()).toBe(true);
    // Caches of the graph trust the count of committed writes: a rolled-back one is not one.
    expect(graph.executor.writesCommitted).toBe(writes);
  });

  it('is idempotent: writing the same rows twice leaves one copy', async () => {
    await freshGraph(graph);
    const rows = [
      { id: 'sys-a', labels: ['System', 'Asset'], props: { name: 'A', organizationId: 'o' } },
      { id: 'sys-b', labels: ['System', 'Asset'], props: { name: 'B', organizationId: 'o' } },
    ];
    const rels = [{ type: 'CONNECTS_TO' as const, from: 'sys-a', to: 'sys-b', props: {} }];
    const writes = graph.executor.writesCommitted;
    await write(rows, rels);
    // Other options: compared row by row and written again (issue 21's import record does not apply).
    await write(rows, rels, true);
    expect(graph.executor.writesCommitted).toBe(writes + 2);
    // The same rows and options again, nothing changed since: recognised, nothing written.
    await write(rows, rels, true);
    await graph.entities.page('ASSET', {}, { first: 1 });
    expect(graph.executor.writesCommitted).toBe(writes + 2);
    const page = await graph.entities.page('ASSET', {}, { first: 10 });
    expect(page.totalCount).toBe(2);
    expect(page.items.map((i) => i.node.labels.sort())).toEqual([
      ['Asset', 'System'],
      ['Asset', 'System'],
    ]);
    const [sys] = await graph.executor.executeRead(Q.entityRelationships, {
      ids: ['sys-a'],
      types: [],
      direction: 'BOTH',
      organizationIds: null,
      limit: 10,
    });
    expect(sys.relationships).toHaveLength(1);
  });

  it('refuses labels and relationship types outside the whitelist before touching the database', async () => {
    await expect(write([{ id: 'x', labels: ['Admin'], props: {} }], [])).rejects.toThrow(/not one of/);
    await expect(write([], [{ type: 'KNOWS' as never, from: 'a', to: 'b', props: {} }])).rejects.toThrow(
      /not allowed/,
    );
  });

  it('maps a transaction timeout to QUERY_TIMEOUT', async () => {
    // A write that waits on a lock another transaction holds: deterministic, where a merely large
    // write may finish before Neo4j's timeout monitor (every 2 s) looks at it.
    const slow = new QueryExecutor(graph.driver, graph.registry, config.neo4j.database, 1);
    const e = await driverSession(config, async (s) => {
      const holder = s.beginTransaction();
      try {
        await holder.run("MATCH (n:Entity {id: 'sys-a'}) SET n.locked = true");
        return await slow
          .executeWrite(Q.importMergeNodes, {
            labels: ['Asset', 'System'],
            rows: [{ id: 'sys-a', props: { id: 'sys-a', name: 'Changed', contentHash: 'x' } }],
            now: 'x',
          })
          .catch((x: unknown) => x);
      } finally {
        await holder.rollback();
      }
    });
    expect(e).toBeInstanceOf(DomainError);
    // The Neo4j code in the expectation says which one to map when this fails.
    expect({ code: (e as DomainError).code, neo4j: (e as DomainError).details?.neo4jCode }).toMatchObject({
      code: 'QUERY_TIMEOUT',
    });
    const page = await graph.entities.page('ASSET', {}, { first: 10 });
    expect(page.items.map((i) => [i.node.id, i.node.props.name])).toEqual([
      ['sys-a', 'A'],
      ['sys-b', 'B'],
    ]); // the timed-out write left nothing
  });

  it('explains a wrong password and an unreachable URI in one actionable line', async () => {
    const conn = connectionOf(config);
    const wrongPassword = await connect({ ...conn, password: 'definitely-wrong' }).catch((e: unknown) => e);
    expect(wrongPassword).toBeInstanceOf(Neo4jConnectionError);
    expect((wrongPassword as Error).message).toBe(
      `Neo4j at ${conn.uri} refused user "${conn.user}": check NEO4J_USER and NEO4J_PASSWORD.`,
    );
    const unreachable = await connect({ ...conn, uri: 'bolt://127.0.0.1:1' }).catch((e: unknown) => e);
    expect((unreachable as Error).message).toMatch(
      /^Cannot reach Neo4j at bolt:\/\/127\.0\.0\.1:1 \(.+\): is it running\? Check NEO4J_URI/,
    );
    expect((unreachable as Error).message).not.toContain('\n');
  });

  it('reports readiness: database up and schema current', async () => {
    const r = await graph.health.readiness();
    expect(r).toMatchObject({ database: 'up', ready: true, schema: { upToDate: true } });
  });
});
