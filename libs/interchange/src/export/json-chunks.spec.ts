import fc from 'fast-check';
import { generateOrganisation } from '../generator/generate-organisation';
import { jsonChunks } from './json-chunks';

describe('jsonChunks: JSON written piece by piece', () => {
  it('joins to exactly JSON.stringify of any object, arrays split between items', () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.string(),
          fc.oneof(fc.jsonValue(), fc.array(fc.jsonValue()), fc.constant(undefined)),
        ),
        fc.integer({ min: 1, max: 64 }),
        (doc, size) => {
          expect([...jsonChunks(doc, size)].join('')).toBe(JSON.stringify(doc));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('writes a generated organisation in pieces of about the size asked (none holds the whole file)', () => {
    const doc = generateOrganisation({ people: 300, seed: 3 }) as unknown as Record<string, unknown>;
    const whole = JSON.stringify(doc);
    const chunks = [...jsonChunks(doc, 4096)];
    expect(chunks.join('')).toBe(whole);
    expect(chunks.length).toBeGreaterThan(whole.length / 8192);
    // A piece ends once it reaches the size: at most one item longer.
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(4096 + 2048);
  });
});
