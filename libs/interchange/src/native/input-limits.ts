/**
 * Limits on what an import file may hold (issue 19), checked before and after parsing so that a
 * hostile file costs bounded time and memory and answers with a clear issue, never a crash: a YAML
 * parser given 10,000 nested brackets takes the whole process down, and JSON.parse keeps the last
 * of two equal keys without a word.
 */
export interface InputLimits {
  /** Deepest nesting of mappings and lists (a valid organisation file needs 4). */
  maxNesting: number;
  /** Longest text value, in characters (names, descriptions, justifications). */
  maxFieldLength: number;
  /** Longest list inside an entry (an entry's access, memberOf, protects, ...). */
  maxListLength: number;
}

export const DEFAULT_INPUT_LIMITS: InputLimits = {
  maxNesting: 32,
  maxFieldLength: 10_000,
  maxListLength: 100_000,
};

/** Widest indentation a YAML line may have: block nesting deeper than this is refused unread. */
const MAX_INDENT = 256;

export interface TextProblem {
  offset: number;
  message: string;
}

/**
 * One pass over JSON text: nesting depth and duplicate keys within an object, with the offset of
 * the first problem. Strings (and their escapes) are skipped; anything else is left to JSON.parse.
 */
export function scanJson(text: string, limits: InputLimits): TextProblem | undefined {
  const keys: (Set<string> | null)[] = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      const start = i;
      let value = '';
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) {
        if (text.charCodeAt(i) === 0x5c /* \ */) i++;
        // One huge field is refused as soon as it is too long, not after parsing all of it.
        if (i - start > limits.maxFieldLength * 6 + 2) return longText(start, limits);
      }
      const top = keys[keys.length - 1];
      if (expectKey && top) {
        value = text.slice(start + 1, i);
        if (top.has(value)) return { offset: start, message: `duplicate key "${unescape(value)}"` };
        top.add(value);
      }
      expectKey = false;
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      keys.push(c === 0x7b ? new Set() : null);
      if (keys.length > limits.maxNesting) return nestingProblem(i, limits);
      expectKey = c === 0x7b;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      keys.pop();
      expectKey = false;
    } else if (c === 0x2c /* , */) {
      expectKey = keys[keys.length - 1] instanceof Set;
    }
  }
  return undefined;
}

/**
 * Before the YAML parser sees it: flow nesting and the widest indentation (block nesting), both
 * bounded; the parser's own alias limit handles alias bombs. A bracket or quote counts only where
 * a collection or a quoted scalar may begin (line start, after `:`, `-`, `?`, `,`, `[` or `{`), so
 * a name such as `O'Brien [HQ` is text, and skipping it cannot hide real nesting.
 */
export function scanYaml(text: string, limits: InputLimits): TextProblem | undefined {
  let depth = 0;
  let indent = 0;
  let lineStart = true;
  let lineBegin = 0;
  /** The last character on this line that is not a space: where a scalar or collection may begin. */
  let prev = '\n';
  const opens = () => '\n:-?,[{'.includes(prev);
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n') {
      // A plain text value is one line: one longer than any allowed value is refused unparsed.
      if (i - lineBegin > limits.maxFieldLength + MAX_INDENT + 1024) return longText(lineBegin, limits);
      lineBegin = i + 1;
      lineStart = true;
      indent = 0;
      prev = depth > 0 ? ',' : '\n'; // inside a flow collection a new line continues it
      continue;
    }
    if (lineStart && ch === ' ') {
      if (++indent > MAX_INDENT)
        return { offset: i, message: `a line is indented more than ${MAX_INDENT} columns` };
      continue;
    }
    lineStart = false;
    if (ch === ' ' || ch === '\t' || ch === '\r') continue;
    if ((ch === '"' || ch === "'") && opens()) {
      const start = i;
      i = endOfQuoted(text, i);
      if (i - start > limits.maxFieldLength * 6 + 2) return longText(start, limits);
      prev = ch;
      continue;
    }
    if (ch === '#' && (i === 0 || /\s/.test(text[i - 1]))) {
      while (i + 1 < text.length && text[i + 1] !== '\n') i++;
      continue;
    }
    if ((ch === '[' || ch === '{') && opens()) {
      if (++depth > limits.maxNesting) return nestingProblem(i, limits);
    } else if ((ch === ']' || ch === '}') && depth > 0) depth--;
    prev = ch;
  }
  return undefined;
}

/** The index of the quote that closes the quoted scalar opening at `start` (or the text's end). */
function endOfQuoted(text: string, start: number): number {
  const q = text[start];
  for (let i = start + 1; i < text.length; i++) {
    if (q === '"' && text[i] === '\\') i++;
    else if (text[i] === q) {
      if (q === "'" && text[i + 1] === "'")
        i++; // '' is an escaped quote
      else return i;
    }
  }
  return text.length;
}

/**
 * After parsing: nesting (block YAML), text lengths and entry list lengths, with the path of the
 * first value over a limit. Iterative: a hostile document cannot exhaust the stack.
 */
export function checkValues(
  data: unknown,
  limits: InputLimits,
  /** Where `data` sits in its document (an entry read on its own: `['people', 7]`). */
  at: (string | number)[] = [],
): { path: (string | number)[]; message: string } | undefined {
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value: data, path: at }];
  while (stack.length) {
    const { value, path } = stack.pop()!;
    if (typeof value === 'string') {
      if (value.length > limits.maxFieldLength)
        return { path, message: `text of ${value.length} characters; at most ${limits.maxFieldLength}` };
      const control = CONTROL.exec(value);
      if (control)
        return {
          path,
          message: `text holds the control character U+${control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}, which exports (XML, CSV) cannot carry`,
        };
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (path.length >= limits.maxNesting)
      return { path, message: `nested deeper than ${limits.maxNesting} levels` };
    if (Array.isArray(value)) {
      // Sections (people, systems, ...) may be long; a list inside an entry may not.
      if (path.length > 1 && value.length > limits.maxListLength)
        return { path, message: `a list of ${value.length} values; at most ${limits.maxListLength}` };
      value.forEach((v, i) => stack.push({ value: v, path: [...path, i] }));
    } else {
      for (const [k, v] of Object.entries(value as Record<string, unknown>))
        stack.push({ value: v, path: [...path, k] });
    }
  }
  return undefined;
}

/** Control characters XML 1.0 cannot hold (tab, line feed and carriage return are text). */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

/** Escapes may stand for one character in up to six (`\u0041`): the bound is on what is written. */
const longText = (offset: number, limits: InputLimits): TextProblem => ({
  offset,
  message: `a text value longer than ${limits.maxFieldLength} characters`,
});

const nestingProblem = (offset: number, limits: InputLimits): TextProblem => ({
  offset,
  message: `nested deeper than ${limits.maxNesting} levels (an organisation file needs 4)`,
});

const unescape = (s: string) => {
  try {
    return JSON.parse(`"${s}"`) as string;
  } catch {
    return s;
  }
};
