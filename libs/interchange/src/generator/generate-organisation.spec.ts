import { SECTIONS, SECTION_KEYS, nativeDocumentSchema } from '@rampart/domain';
import { parseFile } from '../native/parse-file';
import { validateDocument } from '../native/validate-document';
import { generateOrganisation } from './generate-organisation';

describe('generateOrganisation', () => {
  it('is deterministic for a seed and different for another', () => {
    const a = JSON.stringify(generateOrganisation({ people: 300, seed: 7 }));
    expect(JSON.stringify(generateOrganisation({ people: 300, seed: 7 }))).toBe(a);
    expect(JSON.stringify(generateOrganisation({ people: 300, seed: 8 }))).not.toBe(a);
  });

  it('produces a file the importer accepts: schema, references, levels, no cycles', () => {
    const doc = generateOrganisation({ people: 500, seed: 1 });
    expect(nativeDocumentSchema.safeParse(doc).success).toBe(true);
    const parsed = parseFile('gen.json', JSON.stringify(doc));
    const result = validateDocument(parsed, { organizations: [], entities: new Map() });
    expect(result.issues).toEqual([]);
  });

  it('puts every id behind its organisation id, so generated organisations share a graph', () => {
    const idsOf = (doc: Record<string, unknown>) =>
      SECTIONS.flatMap((s) => ((doc[s.key] as { id: string }[] | undefined) ?? []).map((i) => i.id));
    const a = generateOrganisation({ people: 60, seed: 7 });
    const b = generateOrganisation({ people: 60, seed: 8 });
    const named = generateOrganisation({ people: 60, seed: 7, organizationId: 'org-north' });
    expect((a.organization as { id: string }).id).toBe('org-gen-7');
    expect((named.organization as { id: string }).id).toBe('org-north');
    expect(idsOf(a).every((id) => id.startsWith('org-gen-7:'))).toBe(true);
    expect(idsOf(named).every((id) => id.startsWith('org-north:'))).toBe(true);
    expect(idsOf(a).filter((id) => idsOf(b).includes(id))).toEqual([]);
    // The second file validates against a graph that already holds the first.
    const entities = new Map(
      idsOf(a).map((id) => [id, { id, labels: ['Entity'], organizationId: 'org-gen-7' }]),
    );
    const parsed = parseFile('b.json', JSON.stringify(b));
    const ctx = { organizations: [{ id: 'org-gen-7' }], entities };
    expect(validateDocument(parsed, ctx).issues).toEqual([]);
    // References follow their renamed targets (a dangling one would fail validation above too).
    const people = a.people as { memberOf: string[]; access: { to: string }[] }[];
    expect(people[0].memberOf[0]).toMatch(/^org-gen-7:/);
  });

  it('scales with the number of people and has gaps to find', () => {
    const doc = generateOrganisation({ people: 2000, seed: 3 }) as Record<string, Record<string, unknown>[]>;
    const entities = SECTION_KEYS.map((k) => doc[k]?.length ?? 0).reduce((a, b) => a + b, 0);
    expect(doc.people).toHaveLength(2000);
    expect(entities).toBeGreaterThan(2500);
    expect(entities).toBeLessThan(4000);
    expect(doc.people.some((p) => p.status === 'separated' && (p.access as unknown[]).length > 0)).toBe(true);
    expect(doc.controls.some((c) => c.status === 'failed')).toBe(true);
    expect(doc.systems.some((s) => s.internetFacing === true)).toBe(true);
    const accessCounts = doc.people.map((p) => (p.access as unknown[]).length).sort((a, b) => a - b);
    expect(accessCounts[accessCounts.length - 1]).toBeGreaterThan(
      3 * accessCounts[Math.floor(accessCounts.length / 2)],
    ); // skewed
  });
});
