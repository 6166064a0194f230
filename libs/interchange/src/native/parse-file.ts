import { isMap, isSeq, LineCounter, parseDocument, Document, Node, Pair } from 'yaml';
import { ImportIssue, PathSegment } from './import-issue';
import { DEFAULT_INPUT_LIMITS, InputLimits, scanJson, scanYaml } from './input-limits';
import { within } from './json-entries';

export type FileFormat = 'yaml' | 'json';

/** A parsed file and a way to find the line of any path in it. */
export interface ParsedFile {
  file: string;
  format: FileFormat;
  data: unknown;
  issues: ImportIssue[];
  /** Line and column of the value at `path` (or of its key, for a key that should not be there). */
  locate(path: readonly PathSegment[], key?: string): { line: number; column: number } | undefined;
}

export function detectFormat(file: string, text: string): FileFormat {
  if (/\.json$/i.test(file)) return 'json';
  if (/\.ya?ml$/i.test(file)) return 'yaml';
  return text.trimStart().startsWith('{') ? 'json' : 'yaml';
}

/** Parses YAML or JSON. JSON is also read as YAML (a superset) purely to know line numbers. */
export function parseFile(
  file: string,
  text: string,
  format: FileFormat = detectFormat(file, text),
  limits: InputLimits = DEFAULT_INPUT_LIMITS,
): ParsedFile {
  // JSON is parsed as YAML only when a line is needed: on a 50 MB export it costs seconds and GBs.
  let parsed: LinedDocument | undefined;
  const yamlDoc = () => (parsed ??= linedDocument(text));
  const pos = (offset: number) => yamlDoc().pos(offset);
  const issues: ImportIssue[] = [];
  const locate = (path: readonly PathSegment[], key?: string) => locateIn(yamlDoc().doc, path, key, pos);
  // Read before any parser: what would make a parser hang, crash or silently drop data.
  const problem = format === 'json' ? scanJson(text, limits) : scanYaml(text, limits);
  if (problem) {
    const at = within(text, problem.offset, { line: 1, column: 1 });
    const message = `not a valid ${format === 'json' ? 'JSON' : 'YAML'} organisation file: ${problem.message}`;
    return { file, format, data: undefined, issues: [{ file, path: '', ...at, message }], locate };
  }
  let data: unknown;
  if (format === 'json') {
    try {
      data = JSON.parse(text);
    } catch (e) {
      const m = /position (\d+)/.exec((e as Error).message);
      issues.push({
        file,
        path: '',
        ...(m ? pos(Number(m[1])) : {}),
        message: `not valid JSON: ${(e as Error).message}`,
      });
    }
  } else {
    const { doc } = yamlDoc();
    for (const err of doc.errors) {
      issues.push({
        file,
        path: '',
        ...pos(err.pos[0]),
        message: `not valid YAML: ${err.message.split('\n')[0]}`,
      });
    }
    if (!issues.length) {
      try {
        data = doc.toJS({ maxAliasCount: 1000 });
      } catch (e) {
        // An alias bomb ("billion laughs"): the parser stops expanding it and says so.
        issues.push({ file, path: '', message: `not valid YAML: ${(e as Error).message}` });
      }
    }
  }
  if (!issues.length && (data === null || typeof data !== 'object' || Array.isArray(data))) {
    issues.push({
      file,
      path: '',
      message: 'the file must hold one mapping (an object) with a `format` key',
    });
  }
  return { file, format, data, issues, locate };
}

/** Line and column of `path` (or of its `key`) inside a piece of JSON or YAML, counted from its start. */
export function locateInText(
  text: string,
  path: readonly PathSegment[],
  key?: string,
): { line: number; column: number } | undefined {
  const { doc, pos } = linedDocument(text);
  return locateIn(doc, path, key, pos);
}

interface LinedDocument {
  doc: Document;
  pos: (offset: number) => { line: number; column: number };
}

/** Text parsed as YAML (JSON is YAML) with the line and column of any offset in it. */
function linedDocument(text: string): LinedDocument {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const pos = (offset: number) => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  return { doc, pos };
}

function locateIn(
  doc: Document,
  path: readonly PathSegment[],
  key: string | undefined,
  pos: (offset: number) => { line: number; column: number },
): { line: number; column: number } | undefined {
  // Walk down as far as the path exists; report the deepest node found.
  let node: unknown = doc.contents;
  let best: Node | undefined = doc.contents ?? undefined;
  for (const seg of [...path, ...(key === undefined ? [] : [key])]) {
    if (isMap(node)) {
      const pair = node.items.find((p: Pair) => (p.key as { value?: unknown } | null)?.value === seg);
      if (!pair) break;
      best = (seg === key ? pair.key : (pair.value ?? pair.key)) as Node;
      node = pair.value;
    } else if (isSeq(node) && typeof seg === 'number' && node.items[seg]) {
      node = node.items[seg];
      best = node as Node;
    } else break;
  }
  return best?.range ? pos(best.range[0]) : undefined;
}
