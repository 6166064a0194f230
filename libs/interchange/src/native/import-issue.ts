/** One problem in an import file: which file, where (path and, when known, line), and why. */
export interface ImportIssue {
  file: string;
  path: string;
  line?: number;
  column?: number;
  message: string;
}

export type PathSegment = string | number;

/** `['people', 1, 'access', 0, 'to']` -> `people[1].access[0].to`. */
export function formatPath(path: readonly PathSegment[]): string {
  return path.reduce<string>(
    (acc, seg) => (typeof seg === 'number' ? `${acc}[${seg}]` : acc ? `${acc}.${seg}` : seg),
    '',
  );
}

export function formatIssue(i: ImportIssue): string {
  const where = i.line ? `${i.file}:${i.line}${i.column ? `:${i.column}` : ''}` : i.file;
  return `${where}: ${i.path ? `${i.path}: ` : ''}${i.message}`;
}
