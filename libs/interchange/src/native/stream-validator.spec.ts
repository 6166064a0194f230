import fc from 'fast-check';
import { SECTIONS } from '@rampart/domain';
import { generateOrganisation } from '../generator/generate-organisation';
import { documentToRows } from './document-to-rows';
import { GraphEntityInfo, ImportContext } from './import-context';
import { ImportIssue } from './import-issue';
import { DEFAULT_INPUT_LIMITS } from './input-limits';
import { jsonEntries } from './json-entries';
import { parseFile } from './parse-file';
import { definitionsOf, referencedIds } from './reference-checks';
import { MAX_LISTED_ISSUES, validateStream } from './stream-validator';
import { validateDocument } from './validate-document';

type Item = Record<string, unknown>;
type MutationOf<A> = A extends fc.Arbitrary<infer T> ? T : never;
const ORG = 'org-gen-5';

/** What the graph holds for these tests: another organisation's person and a threat-library technique. */
const STORED: GraphEntityInfo[] = [
  { id: 'other:p-1', labels: ['Person', 'Asset'], organizationId: 'other' },
  { id: 'lib:T1', labels: ['AttackPattern'] },
  { id: 'lib:M1', labels: ['Mitigation'] },
];

/** NativeImporter's context for a (partial) document, over STORED instead of Neo4j. */
async function contextFor(data: unknown): Promise<ImportContext> {
  const ids = new Set([...definitionsOf(data).keys(), ...referencedIds(data)]);
  return {
    organizations: [{ id: ORG }, { id: 'other' }],
    entities: new Map(STORED.filter((e) => ids.has(e.id)).map((e) => [e.id, e])),
    organizationId: undefined,
  };
}

/** The whole-document validator's answer (and counts, when valid). */
async function inMemory(text: string) {
  const parsed = parseFile('org.json', text, 'json');
  const r = validateDocument(parsed, await contextFor(parsed.data));
  if (!r.document) return { issues: r.issues, entities: 0, relationships: 0 };
  const rows = documentToRows(r.document, r.organizationId!, 'org.json');
  return { issues: r.issues, entities: rows.nodes.length, relationships: rows.relationships.length };
}

async function streamed(text: string, batchSize: number) {
  const entries = () =>
    jsonEntries(
      (() => {
        let done = false;
        return () => (done ? undefined : ((done = true), text));
      })(),
      DEFAULT_INPUT_LIMITS,
    );
  const r = await validateStream({
    file: 'org.json',
    source: 'org.json',
    entries,
    contextFor,
    limits: DEFAULT_INPUT_LIMITS,
    batchSize,
  });
  return { issues: r.issues, entities: r.entities, relationships: r.relationships };
}

const sorted = (issues: ImportIssue[]) => issues.map((i) => JSON.stringify(i)).sort();

/** One change to a generated organisation that a validator may refuse (or not). */
const mutation = fc.record({
  section: fc.constantFrom(...SECTIONS.map((s) => s.key).filter((k) => k !== 'orgUnits')),
  item: fc.nat(),
  kind: fc.constantFrom('ref', 'dupId', 'classification', 'unknownKey', 'noName', 'wrongType', 'owners'),
  pick: fc.nat(),
  value: fc.constantFrom('nobody', 'other:p-1', 'lib:T1', 'lib:M1', ORG),
});

function mutate(doc: Item, m: MutationOf<typeof mutation>): void {
  const list = doc[m.section] as Item[] | undefined;
  if (!list?.length) return;
  const item = list[m.item % list.length];
  const spec = SECTIONS.find((s) => s.key === m.section)!;
  const ids = Object.values(doc)
    .flatMap((v) => (Array.isArray(v) ? v : []))
    .map((x: Item) => x?.id)
    .filter((x): x is string => typeof x === 'string');
  const someId = ids[m.pick % ids.length];
  switch (m.kind) {
    case 'ref': {
      if (!spec.refs.length) return;
      const ref = spec.refs[m.pick % spec.refs.length];
      item[ref.key] = ref.shape === 'one' ? m.value : [m.value, someId];
      if (m.section === 'facilities' && m.pick % 2) item.locatedIn = someId; // cycles, sometimes
      return;
    }
    case 'dupId':
      item.id = someId;
      return;
    case 'classification':
      item.classification = m.pick % 2 ? 'BOGUS' : 'SECRET';
      return;
    case 'unknownKey':
      item.colour = 'blue';
      return;
    case 'noName':
      delete item.name;
      return;
    case 'wrongType':
      item.name = 42;
      return;
    case 'owners':
      (doc.owners as Item[] | undefined)?.push({ person: m.value, assets: [someId, 'lib:T1'] });
  }
}

describe('validateStream: a JSON file checked entry by entry', () => {
  it('answers exactly as the whole-document validator: issues, lines, columns, counts', async () => {
    const outcomes = { valid: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.array(mutation, { maxLength: 4 }),
        fc.constantFrom(undefined, 2),
        fc.integer({ min: 1, max: 50 }),
        async (mutations, indent, batchSize) => {
          const doc = generateOrganisation({ people: 30, seed: 5 });
          doc.owners = [];
          for (const m of mutations) mutate(doc, m);
          const text = JSON.stringify(doc, null, indent);
          const [a, b] = [await inMemory(text), await streamed(text, batchSize)];
          expect(sorted(b.issues)).toEqual(sorted(a.issues));
          expect([b.entities, b.relationships]).toEqual([a.entities, a.relationships]);
          outcomes[a.issues.length ? 'refused' : 'valid']++;
        },
      ),
      { numRuns: 150 },
    );
    // Both kinds of file were compared, not only one.
    expect(outcomes.refused).toBeGreaterThan(50);
    expect(outcomes.valid).toBeGreaterThan(10);
  });

  it('checks the header as a whole document does: format, unknown keys, organisation', async () => {
    const doc = generateOrganisation({ people: 12, seed: 5 });
    for (const text of [
      JSON.stringify({ ...doc, format: 'rampart/v0' }, null, 2),
      JSON.stringify({ ...doc, extra: [1, 2], __proto__x: 1 }, null, 2),
      JSON.stringify({ ...doc, people: { id: 'x' } }, null, 2),
      JSON.stringify(
        { ...doc, organization: { ...(doc.organization as Item), classification: 'X' } },
        null,
        2,
      ),
      JSON.stringify({ ...doc, organization: undefined }),
      JSON.stringify({ ...doc, classificationLevels: ['A', 'B'] }),
    ]) {
      const [a, b] = [await inMemory(text), await streamed(text, 7)];
      expect(b.issues.length).toBeGreaterThan(0);
      expect(sorted(b.issues)).toEqual(sorted(a.issues));
    }
  });

  it('says where the JSON breaks, and stops listing after the limit', async () => {
    const broken = await streamed('{"format": "rampart/v1",\n "people": [{"id": "a"} {"id": "b"}]}', 5);
    expect(broken.issues).toEqual([
      {
        file: 'org.json',
        path: '',
        line: 2,
        column: 25,
        message: 'not a valid JSON organisation file: expected "," or "]" after a list element',
      },
    ]);
    const people = Array.from({ length: MAX_LISTED_ISSUES + 50 }, (_, i) => ({
      id: `p-${i}`,
      name: `P ${i}`,
      memberOf: ['nowhere'],
    }));
    const many = await streamed(
      JSON.stringify({ format: 'rampart/v1', organization: { id: ORG, name: 'O' }, people }),
      100,
    );
    expect(many.issues).toHaveLength(MAX_LISTED_ISSUES + 1);
    expect(many.issues.at(-1)!.message).toMatch(/^stopped after 1000 problems/);
  });
});
