import * as fc from 'fast-check';
import { FingerprintSet } from './fingerprint-set';

describe('FingerprintSet', () => {
  it('answers as a Set of the same texts, through growth', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ maxLength: 12 }), { maxLength: 3000 }),
        fc.array(fc.string()),
        (added, probes) => {
          const set = new FingerprintSet(4);
          const reference = new Set<string>();
          for (const t of added) {
            expect(set.add(t)).toBe(!reference.has(t));
            reference.add(t);
          }
          expect(set.size).toBe(reference.size);
          for (const t of [...added, ...probes]) expect(set.has(t)).toBe(reference.has(t));
        },
      ),
      { numRuns: 30 },
    );
  });

  it('holds 200,000 texts in its table without a false hit among 200,000 others', () => {
    const set = new FingerprintSet();
    for (let i = 0; i < 200_000; i++) set.add(`OWNS|p-${i}|a-${i % 977}|`);
    expect(set.size).toBe(200_000);
    let hits = 0;
    for (let i = 0; i < 200_000; i++) if (set.has(`OWNS|p-${i}|a-${(i + 1) % 977}|`)) hits++;
    expect(hits).toBe(0);
  });
});
