import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as fc from 'fast-check';
import { scanUpload } from './import-spool';

// Words as the redactor matches restricted ids: whole, not inside a longer id.
const WORDS = ['inf-pay', 'inf-payroll', 'p-1', 'süd-7'];
const pattern = new RegExp(`(?<![\\p{L}\\p{N}_-])(?:${WORDS.join('|')})(?![\\p{L}\\p{N}_-])`, 'gu');
const found = (text: string, before = Infinity) =>
  [...text.matchAll(pattern)].filter((m) => m.index < before).map((m) => m[0]);

describe('scanUpload', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-spool-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('finds in pieces exactly the words a scan of the whole text finds, across piece boundaries', async () => {
    const MB = 1 << 20;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('a', 'é', ' '),
        fc.array(
          fc.record({
            // Near a boundary between pieces (1 MB of bytes: é takes two), or anywhere.
            piece: fc.integer({ min: 1, max: 2 }),
            offset: fc.integer({ min: -14, max: 3 }),
            word: fc.constantFrom(...WORDS, 'inf-payroll2', 'xp-1'),
          }),
          { minLength: 1, maxLength: 12 },
        ),
        async (filler, placed) => {
          const perPiece = MB / Buffer.byteLength(filler);
          const chars = filler.repeat(3 * perPiece).split('');
          // Later words go first so earlier positions stay where they were computed.
          const spots = placed.map((p) => ({ ...p, at: p.piece * perPiece + p.offset * 3 }));
          for (const { at, word } of spots.sort((a, b) => b.at - a.at)) chars.splice(at, 0, ' ', word, ' ');
          const text = chars.join('');
          const file = path.join(dir, 'upload');
          fs.writeFileSync(file, text);
          const seen = new Set<string>();
          await scanUpload({ path: file, size: text.length }, 11, (t, before) =>
            found(t, before).forEach((w) => seen.add(w)),
          );
          expect([...seen].sort()).toEqual([...new Set(found(text))].sort());
        },
      ),
      { numRuns: 6 },
    );
  });
});
