import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { GraphContext, Q, RowBatch, WriteCounts, nodeContentHash } from '@rampart/graph';
import { NativeImporter, generateOrganisation } from '@rampart/interchange';
import { freshDemo, openGraph } from '../support/test-graph';

const ORG = 'org-stream';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-stream-'));
const file = path.join(dir, 'org.json');

/** One version of the organisation's file: people and dates change which entries and relationships it holds. */
const version = fc.record({
  people: fc.integer({ min: 10, max: 30 }),
  day: fc.integer({ min: 1, max: 4 }),
  prune: fc.boolean(),
  /** Drops the owners section (its OWNS become stale). */
  noOwners: fc.boolean(),
  /** Restates every access with this justification (relationship properties change). */
  justify: fc.constantFrom(undefined, 'audit', 'role'),
});
type Version = typeof version extends fc.Arbitrary<infer T> ? T : never;

function writeVersion(v: Version): void {
  const doc = generateOrganisation({
    people: v.people,
    seed: 3,
    organizationId: ORG,
    asOf: new Date(`2026-11-0${v.day}T00:00:00Z`),
  });
  if (v.noOwners) delete doc.owners;
  if (v.justify)
    for (const p of doc.people as { access: Record<string, unknown>[] }[])
      for (const a of p.access) a.justification = v.justify;
  fs.writeFileSync(file, JSON.stringify(doc, null, v.day % 2 ? 2 : undefined));
}

describe('a JSON file imported entry by entry, in batches (issue 21)', () => {
  let graph: GraphContext;
  beforeAll(async () => {
    graph = await openGraph();
  });
  afterAll(async () => {
    await graph.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Imports the versions in order, one way; the counts of each and the graph's content after. */
  async function run(versions: Version[], importOne: (prune: boolean) => Promise<WriteCounts | undefined>) {
    await freshDemo(graph);
    await graph.digests.graphHash();
    const counts: (WriteCounts | undefined)[] = [];
    for (const v of versions) {
      writeVersion(v);
      counts.push(await importOne(v.prune));
    }
    const { stored, computed, staleContentHashes } = await graph.digests.check();
    return { counts, digest: { stored, computed, staleContentHashes } };
  }

  it('writes what the whole-file import writes, counts and content alike, over random sequences of versions', async () => {
    const whole = new NativeImporter(graph);
    const now = '2026-12-07T00:00:00Z';
    // What the sequences did, summed: the comparison covered deletes and prunes, not only creates.
    const seen = { relationshipsDeleted: 0, pruned: 0, relationshipsUpdated: 0, changed: 0, created: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.array(version, { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 1, max: 40 }),
        async (versions, batch) => {
          const streamed = new NativeImporter(graph, undefined, batch);
          const a = await run(versions, async (prune) => {
            const r = await whole.importText('org.json', fs.readFileSync(file, 'utf8'), { prune, now });
            expect(r.issues).toEqual([]);
            return r.counts;
          });
          const b = await run(versions, async (prune) => {
            const r = await streamed.importJsonFile(file, { prune, now });
            expect(r.issues).toEqual([]);
            return r.counts;
          });
          expect(b.counts).toEqual(a.counts);
          for (const c of b.counts.slice(1))
            for (const k of Object.keys(seen) as (keyof typeof seen)[]) seen[k] += c?.[k] ?? 0;
          expect(b.digest).toEqual(a.digest);
          expect(b.digest.stored).toBe(b.digest.computed);
        },
      ),
      { numRuns: 12 },
    );
    for (const count of Object.values(seen)) expect(count).toBeGreaterThan(0);
  }, 180_000);

  /** The organisation's entities as committed (another session). */
  const stored = () =>
    graph.executor.executeRead(Q.importSourceEntitiesAfter, {
      organizationId: ORG,
      source: 'org.json',
      after: '',
      limit: 100_000,
    });

  it('is invisible to readers until it commits, and a failure half-way leaves the graph as it was', async () => {
    await freshDemo(graph);
    const before = await graph.digests.graphHash();
    const seen: number[] = [];
    const batches: RowBatch[] = [
      { nodes: [rowOf(ORG, ['Organization'], { name: 'O' })], relationships: [] },
      ...[1, 2, 3].map((i) => ({
        nodes: [rowOf(`${ORG}:p-${i}`, ['Person', 'Asset'], { name: `P ${i}` })],
        relationships: [],
      })),
    ];
    const counts = await graph.imports.writeStream(async function* () {
      for (const b of batches) {
        yield b;
        // Another session looks between batches.
        seen.push((await stored()).length);
      }
    }, streamOptions(4));
    expect(counts.created).toBe(4);
    expect(seen).toEqual([0, 0, 0, 0]);
    expect(await stored()).toHaveLength(4);

    await freshDemo(graph);
    expect(await graph.digests.graphHash()).toBe(before);
    await expect(
      graph.imports.writeStream(async function* () {
        yield batches[0];
        yield batches[1];
        throw new Error('the file went away');
      }, streamOptions(4)),
    ).rejects.toThrow('the file went away');
    expect(await stored()).toEqual([]);
    expect(await graph.digests.check()).toMatchObject({ stored: before, computed: before });
  });
});

function rowOf(id: string, labels: string[], content: Record<string, unknown>) {
  const props = { ...content, id, organizationId: ORG, source: 'org.json' };
  return { id, labels, props: { ...props, contentHash: nodeContentHash(labels, props) } };
}

function streamOptions(entities: number) {
  return {
    source: 'org.json',
    organizationId: ORG,
    prune: false,
    now: '2026-12-07T00:00:00Z',
    key: { key: `test-${Math.random()}`, hash: 'x' },
    entities,
    relationships: 0,
    existing: [],
    defines: () => true,
  };
}
