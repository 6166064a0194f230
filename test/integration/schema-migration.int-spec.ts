import { GraphContext, MultisetHash, Q } from '@rampart/graph';
import { freshDemo, freshGraph, openGraph } from '../support/test-graph';

/** A graph recorded at schema version 1 (before every migration), then brought up to date. */
async function migrateFromOldVersion(graph: GraphContext) {
  await graph.executor.executeWrite(Q.schemaVersionSet, { version: 1 });
  return graph.schema.apply();
}

describe('schema migrations and the content digest', () => {
  let graph: GraphContext;
  beforeAll(async () => {
    graph = await openGraph();
  });
  afterAll(() => graph.close());

  it('a migration of a graph with content forgets the digest; the next read recomputes it', async () => {
    await freshDemo(graph);
    await graph.digests.graphHash();
    const status = await migrateFromOldVersion(graph);
    expect(status.upToDate).toBe(true);
    expect((await graph.digests.check()).stored).toBeNull();
    const hash = await graph.digests.graphHash();
    expect(await graph.digests.check()).toMatchObject({ stored: hash, computed: hash });
  });

  it("a migration of an empty graph stores the empty graph's digest, which the next writes keep", async () => {
    await freshGraph(graph);
    await migrateFromOldVersion(graph);
    const empty = MultisetHash.empty().hex();
    expect(await graph.digests.check()).toMatchObject({ stored: empty, computed: empty });
    await freshDemo(graph);
    const digest = await graph.digests.check();
    expect(digest.stored).not.toBe(empty);
    expect(digest.stored).toBe(digest.computed);
  });
});
