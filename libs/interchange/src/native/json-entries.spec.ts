import fc from 'fast-check';
import { JsonEntry, JsonEntryError, jsonEntries } from './json-entries';
import { scanJson } from './input-limits';

const WIDE = { maxNesting: 1000, maxFieldLength: 1e9, maxListLength: 1e9 };

/** The text handed over in pieces of the given sizes (cycled), as a file read in chunks. */
function pieces(text: string, sizes: number[]): () => string | undefined {
  let at = 0;
  let k = 0;
  return () => {
    if (at >= text.length) return undefined;
    const size = sizes[k++ % sizes.length];
    const piece = text.slice(at, at + size);
    at += size;
    return piece;
  };
}

/** The document the entries describe, put back together. */
function rebuild(entries: Iterable<JsonEntry>): Record<string, unknown> {
  const doc: Record<string, unknown> = {};
  for (const e of entries) {
    // defineProperty: a key "__proto__" is a key like any other, as in JSON.parse.
    const set = (v: unknown) =>
      Object.defineProperty(doc, e.key, { value: v, enumerable: true, writable: true, configurable: true });
    if (e.kind === 'value') set(e.value);
    else if (e.kind === 'list') set([]);
    else (doc[e.key] as unknown[])[e.index] = e.value;
  }
  return doc;
}

/** What JSON.parse (plus the duplicate-key rule it does not apply) says of the text. */
function acceptedByJsonParse(text: string): boolean {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return false;
  }
  const isObject = value !== null && typeof value === 'object' && !Array.isArray(value);
  return isObject && !scanJson(text, WIDE);
}

const documents = fc.dictionary(fc.string(), fc.oneof(fc.jsonValue(), fc.array(fc.jsonValue())));
const chunkSizes = fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 5 });

describe('jsonEntries: a JSON document read entry by entry', () => {
  it('puts back exactly what JSON.parse reads, however the text is cut and indented', () => {
    fc.assert(
      fc.property(documents, chunkSizes, fc.constantFrom(undefined, 2, '\t'), (doc, sizes, indent) => {
        const text = JSON.stringify(doc, null, indent);
        expect(rebuild(jsonEntries(pieces(text, sizes), WIDE))).toEqual(JSON.parse(text));
      }),
      { numRuns: 400 },
    );
  });

  it('refuses a text exactly when JSON.parse does (or it repeats a key), whatever the damage', () => {
    const damaged = fc
      .tuple(documents, fc.nat(), fc.constantFrom('', ',', '}', ']', '"', ':', '[', '{', ' ', '1', '\\'))
      .map(([doc, at, insert]) => {
        const text = JSON.stringify(doc, null, 1);
        const i = at % (text.length + 1);
        // Replace one character (or, past the end, append).
        return text.slice(0, i) + insert + text.slice(i + 1);
      });
    fc.assert(
      fc.property(damaged, chunkSizes, (text, sizes) => {
        let ours = true;
        try {
          rebuild(jsonEntries(pieces(text, sizes), WIDE));
        } catch (e) {
          expect(e).toBeInstanceOf(JsonEntryError);
          ours = false;
        }
        expect(ours).toBe(acceptedByJsonParse(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('gives each item its index, text and the line and column where it starts', () => {
    const text =
      '{\n  "format": "rampart/v1",\n  "people": [\n    {"id": "p-1"},\n    {"id": "p-2"}\n  ]\n}\n';
    const items = [...jsonEntries(pieces(text, [3]), WIDE)].filter((e) => e.kind === 'item');
    expect(items).toEqual([
      {
        kind: 'item',
        key: 'people',
        index: 0,
        value: { id: 'p-1' },
        text: '{"id": "p-1"}',
        at: { line: 4, column: 5 },
      },
      {
        kind: 'item',
        key: 'people',
        index: 1,
        value: { id: 'p-2' },
        text: '{"id": "p-2"}',
        at: { line: 5, column: 5 },
      },
    ]);
  });

  it('says where the text breaks: inside an entry, between entries, a repeated key, too deep', () => {
    const at = (text: string) => {
      try {
        Array.from(jsonEntries(pieces(text, [7]), { ...WIDE, maxNesting: 4 }));
      } catch (e) {
        return { message: (e as Error).message, ...(e as JsonEntryError).at };
      }
      throw new Error('accepted');
    };
    expect(at('{"people": [{"id": "a"},\n {"id" "b"}]}')).toMatchObject({ line: 2, column: 8 });
    expect(at('{"people": [{"id": "a"} {"id": "b"}]}')).toMatchObject({
      message: 'expected "," or "]" after a list element',
      line: 1,
      column: 25,
    });
    expect(at('{"format": 1,\n"format": 2}')).toMatchObject({
      message: 'duplicate key "format"',
      line: 2,
      column: 1,
    });
    expect(at('{"people": [{"a": {"b": {"c": 1}}}]}')).toMatchObject({ line: 1, column: 25 });
    expect(at('')).toMatchObject({ message: 'the file is empty' });
    expect(at('[1]')).toMatchObject({ message: 'expected "{" (one object)', line: 1, column: 1 });
  });

  it('refuses a text value over the limit as it reads it, long before the entry ends', () => {
    let served = 0;
    const huge = () => {
      served++;
      return served === 1
        ? '{"systems": [{"id": "s", "name": "'
        : served < 10_000
          ? 'x'.repeat(4096)
          : undefined;
    };
    const limits = { ...WIDE, maxFieldLength: 10 };
    expect(() => Array.from(jsonEntries(huge, limits))).toThrow('a text value longer than 10 characters');
    expect(served).toBeLessThan(5);
    // Escapes count as written (six characters may stand for one): within the limit they pass.
    const escaped = `{"systems": [{"id": "s", "name": "${'\\u0041'.repeat(10)}"}]}`;
    expect(Array.from(jsonEntries(pieces(escaped, [5]), limits))).toHaveLength(2);
  });
});
