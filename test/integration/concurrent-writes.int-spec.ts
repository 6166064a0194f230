import { GraphChange, GraphContext, NamedTx, Q, nodeContentHash } from '@rampart/graph';
import { RelationshipRow } from '@rampart/domain';
import { writeRelationships } from '../../libs/graph/src/repositories/relationship-sync';
import { freshDemo, openGraph, testConfig } from '../support/test-graph';

const ORG = 'org-acme';
const LABELS = ['System', 'Asset'];

/** A system of the demo's organisation as a merge row, with its content hash. */
function systemRow(name: string) {
  const props = { id: 'sys-race', name, organizationId: ORG, source: 'race' };
  return { id: 'sys-race', labels: LABELS, props: { ...props, contentHash: nodeContentHash(LABELS, props) } };
}

/** sys-race CONNECTS_TO the demo's CRM, stated by the race source. */
const connection = (description: string): RelationshipRow => ({
  type: 'CONNECTS_TO',
  from: 'sys-race',
  to: 'sys-crm',
  props: { key: '', source: 'race', organizationId: ORG, description },
});

describe('two writes of one entity at once (issue 21)', () => {
  let graph: GraphContext;
  beforeAll(async () => {
    graph = await openGraph(testConfig());
    await freshDemo(graph);
  });
  afterAll(() => graph.close());

  const write = (name: string, relationships: RelationshipRow[] = []) =>
    graph.imports.write([systemRow(name)], relationships, {
      source: 'race',
      organizationId: ORG,
      prune: false,
      now: '2026-12-07T00:00:00Z',
    });

  /**
   * A write as the import repository makes it (lock, then merge the system, then `more`), held open
   * before its commit while `other` starts and runs for half a second; then both finish.
   */
  async function whileHeld(
    name: string,
    more: (tx: NamedTx, change: GraphChange) => Promise<unknown>,
    other: () => Promise<unknown>,
  ) {
    let locked!: () => void;
    const holding = new Promise<void>((r) => (locked = r));
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    const earlier = graph.executor.writeTransaction(async (tx) => {
      await tx.run(Q.importLockEntities, { ids: ['sys-crm', 'sys-race'] });
      const change = new GraphChange();
      const row = systemRow(name);
      const [r] = await tx.run(Q.importMergeNodes, {
        labels: row.labels,
        rows: [row],
        now: '2026-12-07T00:00:01Z',
      });
      for (const [id, before] of r.hashes as [string, string][])
        change.node(id, before, row.props.contentHash);
      await more(tx, change);
      locked();
      await released;
      return change.commit(tx);
    }, Q.importMergeNodes);
    await holding;
    const later = other();
    await new Promise((r) => setTimeout(r, 500));
    release();
    await Promise.all([earlier, later]);
    const digest = await graph.digests.check();
    expect(digest.staleContentHashes).toBe(0);
    expect(digest.stored).toBe(digest.computed);
  }

  it('the later write replaces the content the earlier one committed: the digest stays right', async () => {
    await write('first');
    await whileHeld(
      'earlier',
      async () => undefined,
      () => write('later'),
    );
    expect(await graph.imports.lookup(['sys-race'])).toHaveLength(1);
  });

  it('two writes of one relationship at once: no duplicate, and the digest follows the one that committed last', async () => {
    const noProgress = () => undefined;
    await whileHeld(
      'rel',
      (tx, change) => writeRelationships(tx, [connection('earlier')], 1000, noProgress, change),
      () => write('rel', [connection('later')]),
    );
    const rows = await graph.executor.executeRead(Q.importExistingRelationships, {
      ids: ['sys-race'],
      types: ['CONNECTS_TO'],
    });
    expect(rows.map((r) => (r.props as { description: string }).description)).toEqual(['later']);
  });

  it('a prune of an entity another write changes at once removes what that write stored from the digest', async () => {
    await write('before');
    const prune = () =>
      graph.imports.write([], [], {
        source: 'race',
        organizationId: ORG,
        prune: true,
        now: '2026-12-07T00:00:02Z',
      });
    await whileHeld('changed', async () => undefined, prune);
    expect(await graph.imports.lookup(['sys-race'])).toEqual([]);
  });
});
