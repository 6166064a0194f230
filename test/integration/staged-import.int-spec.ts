import { RelationshipRow, RelationshipType } from '@rampart/domain';
import { GraphContext, Q, RowBatch, nodeContentHash } from '@rampart/graph';
import { driverSession } from '../support/raw-session';
import { freshDemo, openGraph, testConfig } from '../support/test-graph';

const ORG = 'org-staged';
const SOURCE = 'staged.json';

/** A first import (issue 21: 1M people) is written in many transactions and switched in by one. */
describe('a staged first import', () => {
  let graph: GraphContext;
  beforeAll(async () => {
    graph = await openGraph();
  });
  afterAll(() => graph.close());
  beforeEach(() => freshDemo(graph));

  /** The organisation's entities as readers see them (another session). */
  const stored = async () =>
    (
      await graph.executor.executeRead(Q.importSourceEntitiesAfter, {
        organizationId: ORG,
        source: SOURCE,
        after: '',
        limit: 1000,
      })
    ).map((r) => String(r.id));

  /** What the stages hold, read from outside the product: staged entities and stage markers. */
  const staged = () =>
    driverSession(testConfig(), async (s) => {
      const r = await s.run(
        'RETURN COUNT { (n:Entity) WHERE n.stage IS NOT NULL } AS nodes, COUNT { (:ImportStage) } AS stages',
      );
      return { nodes: r.records[0].get('nodes').toNumber(), stages: r.records[0].get('stages').toNumber() };
    });

  // Person 1 works in a unit defined two batches later: the end is staged bare, then filled.
  const batches: RowBatch[] = [
    { nodes: [row(ORG, ['Organization'], { name: 'Staged Org' })], relationships: [] },
    {
      nodes: [row('s-p-1', ['Person', 'Asset'], { name: 'P 1' })],
      relationships: [rel('MEMBER_OF', 's-p-1', 's-u-1')],
    },
    {
      nodes: [row('s-p-2', ['Person', 'Asset'], { name: 'P 2' })],
      relationships: [rel('MEMBER_OF', 's-p-2', 's-u-1')],
    },
    { nodes: [row('s-u-1', ['OrgUnit'], { name: 'Unit' })], relationships: [rel('MEMBER_OF', 's-u-1', ORG)] },
  ];
  const options = (entities = 4, relationships = 3) => ({
    source: SOURCE,
    organizationId: ORG,
    prune: false,
    now: '2026-12-07T00:00:00Z',
    key: { key: `staged-${Math.random()}`, hash: 'x' },
    entities,
    relationships,
    existing: [],
    defines: () => true,
  });

  it('commits each batch as staged entities no reader sees, then switches all of them in at once', async () => {
    const before = await graph.digests.graphHash();
    const between: { seen: string[]; looked: number; staged: number }[] = [];
    const counts = await graph.imports.writeStream(async function* () {
      for (const b of batches) {
        yield b;
        between.push({
          seen: await stored(),
          looked: (await graph.imports.lookup(['s-p-1', 's-u-1', ORG])).length,
          staged: (await staged()).nodes,
        });
      }
    }, options());
    // Committed batch by batch (visible from outside as staged), invisible to every reader.
    expect(between.map((b) => b.staged)).toEqual([1, 3, 4, 4]);
    expect(between.every((b) => b.seen.length === 0 && b.looked === 0)).toBe(true);
    expect(counts).toMatchObject({ nodes: 4, created: 4, relationships: 3, relationshipsCreated: 3 });
    expect((await stored()).sort()).toEqual([ORG, 's-p-1', 's-p-2', 's-u-1']);
    expect(await staged()).toEqual({ nodes: 0, stages: 0 });
    const members = await graph.executor.executeRead(Q.importExistingRelationships, {
      ids: ['s-p-1', 's-p-2', 's-u-1'],
      types: ['MEMBER_OF'],
    });
    expect(members.map((m) => `${String(m.type)} ${String(m.to)}`).sort()).toEqual([
      `MEMBER_OF ${ORG}`,
      'MEMBER_OF s-u-1',
      'MEMBER_OF s-u-1',
    ]);
    // The digest followed the batches: what the switch stored is what the graph holds.
    const { stored: digest, computed } = await graph.digests.check();
    expect(digest).toBe(computed);
    expect(digest).not.toBe(before);
  });

  it('drops the stage when the import fails half-way, and leaves the graph as it was', async () => {
    const before = await graph.digests.graphHash();
    await expect(
      graph.imports.writeStream(async function* () {
        yield batches[0];
        yield batches[1];
        throw new Error('the file went away');
      }, options()),
    ).rejects.toThrow('the file went away');
    expect(await staged()).toEqual({ nodes: 0, stages: 0 });
    expect(await stored()).toEqual([]);
    expect(await graph.digests.check()).toMatchObject({ stored: before, computed: before });
  });

  const elsewhere = (id: string) =>
    graph.imports.write([row(id, ['OrgUnit'], { name: 'Elsewhere' }, 'other.json')], [], {
      source: 'other.json',
      organizationId: ORG,
      prune: false,
      now: '2026-12-07T00:00:00Z',
    });

  it('refuses another write to an id the stage holds, which changes nothing; the stage completes', async () => {
    let refused: unknown;
    await graph.imports.writeStream(async function* () {
      yield batches[0];
      yield batches[1]; // s-u-1 is staged bare here, as the end of a relationship
      refused = await elsewhere('s-u-1').catch((e: unknown) => e);
      yield batches[2];
      yield batches[3];
    }, options());
    expect(refused).toMatchObject({ code: 'CONFLICT' });
    expect(String(refused)).toContain('s-u-1: another import in progress');
    expect((await stored()).sort()).toEqual([ORG, 's-p-1', 's-p-2', 's-u-1']);
    const [unit] = await graph.executor.executeRead(Q.entityGet, { ids: ['s-u-1'] });
    expect(unit.entity).toMatchObject({ name: 'Unit', source: SOURCE });
    expect(await staged()).toEqual({ nodes: 0, stages: 0 });
  });

  it('refuses the import when another write created one of its ids meanwhile, naming it', async () => {
    const write = graph.imports.writeStream(async function* () {
      yield batches[0];
      await elsewhere('s-p-2');
      yield batches[1];
      yield batches[2];
      yield batches[3];
    }, options());
    await expect(write).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(write).rejects.toThrow('s-p-2: another import in progress or another write holds this id');
    expect(await staged()).toEqual({ nodes: 0, stages: 0 });
    expect(await stored()).toEqual([]);
    expect(await graph.imports.lookup(['s-p-2', 's-p-1'])).toEqual([
      expect.objectContaining({ id: 's-p-2' }),
    ]);
  });

  it('refuses the switch when an import of the same source committed meanwhile', async () => {
    const write = graph.imports.writeStream(
      async function* () {
        yield batches[0];
        await graph.imports.write([row('s-x', ['OrgUnit'], { name: 'X' })], [], {
          source: SOURCE,
          organizationId: ORG,
          prune: false,
          now: '2026-12-07T00:00:00Z',
        });
        yield { nodes: [row('s-p-1', ['Person', 'Asset'], {})], relationships: [] };
      },
      options(2, 0),
    );
    await expect(write).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(write).rejects.toThrow(`another import of ${SOURCE}`);
    expect(await stored()).toEqual(['s-x']);
    expect(await staged()).toEqual({ nodes: 0, stages: 0 });
  });

  it('refuses at once a switch larger than Neo4j allows one transaction, naming the heap it needs', async () => {
    let read = 0;
    const write = graph.imports.writeStream(
      function* () {
        read++;
        yield batches[0];
      },
      options(1e9, 0),
    );
    await expect(write).rejects.toMatchObject({ code: 'TRANSACTION_TOO_LARGE' });
    await expect(write).rejects.toThrow(/1000000000 entities .* heap of at least \d+ MB/);
    expect(read).toBe(0);
    expect(await staged()).toEqual({ nodes: 0, stages: 0 });
  });

  it('drops stages whose importer died, never a live one; a claimed live stage stops its importer', async () => {
    // A dead importer's stage: an old heartbeat and two staged entities.
    await graph.executor.executeWrite(Q.importStageOpen, {
      stage: 'dead',
      organizationId: ORG,
      source: SOURCE,
      now: '2020-01-01T00:00:00Z',
    });
    await graph.executor.executeWrite(Q.importStageNodes, {
      stage: 'dead',
      labels: ['OrgUnit'],
      now: '2020-01-01T00:00:00Z',
      rows: [row('d-1', ['OrgUnit'], {}), row('d-2', ['OrgUnit'], {})],
    });
    const live = { stages: 0, dropped: 0 };
    await graph.imports.writeStream(
      async function* () {
        yield batches[0];
        // The dead stage went before this import started; this one is live and survives a janitor.
        live.stages = (await staged()).stages;
        live.dropped = await graph.imports.dropAbandonedStages();
      },
      options(1, 0),
    );
    expect(live).toEqual({ stages: 1, dropped: 0 });
    expect(await staged()).toEqual({ nodes: 0, stages: 0 });
    expect(await stored()).toEqual([ORG]);

    // A janitor that takes a live stage for dead (a clock far ahead) stops its importer cleanly.
    await freshDemo(graph);
    const write = graph.imports.writeStream(
      async function* () {
        yield batches[0];
        expect(await graph.imports.dropAbandonedStages(-3_600_000)).toBe(1);
        yield batches[1];
      },
      options(2, 1),
    );
    await expect(write).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(write).rejects.toThrow('dropped');
    expect(await staged()).toEqual({ nodes: 0, stages: 0 });
    expect(await stored()).toEqual([]);
  });
});

function row(id: string, labels: string[], content: Record<string, unknown>, source = SOURCE) {
  const props = { ...content, id, organizationId: ORG, source };
  return { id, labels, props: { ...props, contentHash: nodeContentHash(labels, props) } };
}

function rel(type: RelationshipType, from: string, to: string): RelationshipRow {
  return { type, from, to, props: { key: '', source: SOURCE, organizationId: ORG } };
}
