import { InputLimits, scanJson } from './input-limits';

/** Where something starts in the text: 1-based line and column (in UTF-16 units). */
export interface TextPosition {
  line: number;
  column: number;
}

/**
 * One piece of a JSON organisation file: a top-level key whose value is not a list (format,
 * organization, ...), or one element of a top-level list (a person, a control, ...) with its index
 * and its own text (to locate a problem inside it).
 */
export type JsonEntry =
  | { kind: 'value'; key: string; value: unknown; text: string; at: TextPosition; keyAt: TextPosition }
  | { kind: 'list'; key: string; at: TextPosition; keyAt: TextPosition }
  | { kind: 'item'; key: string; index: number; value: unknown; text: string; at: TextPosition };

/** The file is not JSON (or breaks a limit) here; nothing after this point was read. */
export class JsonEntryError extends Error {
  constructor(
    message: string,
    readonly at: TextPosition,
  ) {
    super(message);
  }
}

/** Longest single entry (one person, one control): far above any real one, bounded for memory. */
export const MAX_ENTRY_CHARS = 32 * 1024 * 1024;

const WS = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
const DELIMITER = (c: number) => c === 0x2c || c === 0x5d || c === 0x7d || WS(c);

/**
 * Reads a JSON document of one top-level object entry by entry, so memory is bounded by the
 * largest entry, not the file: only the skeleton (the top object and its lists) is parsed here;
 * each entry's text goes to JSON.parse, which judges it. `next` hands over the text in pieces of
 * any size (a file read in chunks); the entries and errors do not depend on where it is cut.
 */
export function* jsonEntries(next: () => string | undefined, limits: InputLimits): Generator<JsonEntry> {
  // A text value longer than any allowed one is refused as it is read, not after its entry is.
  const c = new Cursor(next, limits.maxFieldLength);
  c.skipWs();
  if (c.peek() !== 0x7b) throw c.error(c.peek() < 0 ? 'the file is empty' : 'expected "{" (one object)');
  c.advance();
  const keys = new Set<string>();
  c.skipWs();
  if (c.peek() === 0x7d) c.advance();
  else {
    for (;;) {
      c.skipWs();
      const keyAt = c.position();
      if (c.peek() !== 0x22) throw c.error('expected a key in double quotes');
      const key = parseEntry(c.capture(), keyAt, limits) as string;
      if (keys.has(key)) throw new JsonEntryError(`duplicate key "${key}"`, keyAt);
      keys.add(key);
      c.skipWs();
      if (c.peek() !== 0x3a) throw c.error('expected ":" after a key');
      c.advance();
      c.skipWs();
      const valueAt = c.position();
      if (c.peek() === 0x5b) {
        c.advance();
        yield { kind: 'list', key, at: valueAt, keyAt };
        yield* listItems(c, key, limits);
      } else {
        const text = c.capture();
        yield { kind: 'value', key, value: parseEntry(text, valueAt, limits), text, at: valueAt, keyAt };
      }
      c.skipWs();
      const sep = c.peek();
      c.advance();
      if (sep === 0x7d) break;
      if (sep !== 0x2c) throw c.error('expected "," or "}" after a value', -1);
    }
  }
  c.skipWs();
  if (c.peek() >= 0) throw c.error('unexpected text after the end of the object');
}

function* listItems(c: Cursor, key: string, limits: InputLimits): Generator<JsonEntry> {
  c.skipWs();
  if (c.peek() === 0x5d) return void c.advance();
  for (let index = 0; ; index++) {
    c.skipWs();
    const at = c.position();
    const text = c.capture();
    yield { kind: 'item', key, index, value: parseEntry(text, at, limits), text, at };
    c.skipWs();
    const sep = c.peek();
    c.advance();
    if (sep === 0x5d) return;
    if (sep !== 0x2c) throw c.error('expected "," or "]" after a list element', -1);
  }
}

/** JSON.parse of one entry, after the limits that JSON.parse does not know (nesting, duplicate keys). */
function parseEntry(text: string, at: TextPosition, limits: InputLimits): unknown {
  // The entry sits two levels down (the top object and its list).
  const problem = scanJson(text, { ...limits, maxNesting: limits.maxNesting - 2 });
  if (problem) {
    // Said of the file, as the whole-file check says it: its limit, not the entry's share of it.
    const inEntry = `nested deeper than ${limits.maxNesting - 2} levels`;
    const message = problem.message.replace(inEntry, `nested deeper than ${limits.maxNesting} levels`);
    throw new JsonEntryError(message, within(text, problem.offset, at));
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    const message = (e as Error).message;
    const m = /position (\d+)/.exec(message);
    throw new JsonEntryError(message, m ? within(text, Number(m[1]), at) : at);
  }
}

/** The position of `offset` inside a text (an entry's, a whole file's) that starts at `at`. */
export function within(text: string, offset: number, at: TextPosition): TextPosition {
  let line = at.line;
  let column = at.column;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 0x0a) {
      line++;
      column = 1;
    } else column++;
  }
  return { line, column };
}

/** A window on text that arrives in pieces, with the line and column of where it stands. */
class Cursor {
  private buf = '';
  private i = 0;
  private done = false;
  private line = 1;
  private column = 1;

  constructor(
    private readonly next: () => string | undefined,
    /** Longest text value (escapes may write one character in six, as scanJson counts). */
    private readonly maxFieldLength = Infinity,
  ) {}

  /** The next character code, or -1 at the end. */
  peek(): number {
    if (this.i >= this.buf.length && !this.fill()) return -1;
    return this.buf.charCodeAt(this.i);
  }

  advance(): void {
    if (this.peek() < 0) return;
    this.step(this.buf.charCodeAt(this.i++));
  }

  skipWs(): void {
    while (WS(this.peek())) this.advance();
  }

  position(): TextPosition {
    return { line: this.line, column: this.column };
  }

  error(message: string, back = 0): JsonEntryError {
    const at = this.position();
    return new JsonEntryError(message, { line: at.line, column: at.column + back });
  }

  /**
   * The text of one JSON value from here (a string, a number or literal, or a whole object or
   * list with everything in it), without judging it: JSON.parse does that.
   */
  capture(): string {
    const first = this.peek();
    let start = this.i; // after peek, which may have moved the window
    const more = () => {
      if (!this.fill(start)) return false;
      start = 0;
      return true;
    };
    if (first < 0) throw this.error('unexpected end of the file');
    let depth = 0;
    let inString = false;
    let stringChars = 0;
    for (;;) {
      if (this.i - start > MAX_ENTRY_CHARS)
        throw this.error(`one entry is longer than ${MAX_ENTRY_CHARS} characters`);
      if (this.i >= this.buf.length && !more()) break;
      const ch = this.buf.charCodeAt(this.i);
      if (inString) {
        if (++stringChars > this.maxFieldLength * 6 + 2)
          throw this.error(`a text value longer than ${this.maxFieldLength} characters`);
        if (ch === 0x5c) {
          this.i++;
          this.column++;
          if (this.i >= this.buf.length && !more()) break;
          this.step(this.buf.charCodeAt(this.i++));
          continue;
        }
        this.step(ch);
        this.i++;
        if (ch === 0x22) {
          inString = false;
          if (depth === 0) break;
        }
        continue;
      }
      if (depth === 0 && this.i > start && first !== 0x22 && DELIMITER(ch)) break;
      this.step(ch);
      this.i++;
      if (ch === 0x22) {
        inString = true;
        stringChars = 0;
      } else if (ch === 0x7b || ch === 0x5b) depth++;
      else if (ch === 0x7d || ch === 0x5d) {
        depth--;
        if (depth <= 0) break;
      }
    }
    // A value cut short by the end of the file: JSON.parse names what is missing.
    const text = this.buf.slice(start, this.i);
    this.compact();
    return text;
  }

  private step(ch: number): void {
    if (ch === 0x0a) {
      this.line++;
      this.column = 1;
    } else this.column++;
  }

  /** Reads the next piece; text from `keep` on stays in the window. */
  private fill(keep = this.i): boolean {
    while (!this.done) {
      const piece = this.next();
      if (piece === undefined) {
        this.done = true;
        break;
      }
      if (!piece.length) continue;
      this.buf = this.buf.slice(keep) + piece;
      this.i -= keep;
      return true;
    }
    return false;
  }

  private compact(): void {
    if (this.i > 1 << 20) {
      this.buf = this.buf.slice(this.i);
      this.i = 0;
    }
  }
}
