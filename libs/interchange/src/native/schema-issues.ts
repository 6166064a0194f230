import { z } from 'zod';
import { nativeDocumentSchema } from '@rampart/domain';
import { ImportIssue, PathSegment, formatPath } from './import-issue';
import { ParsedFile } from './parse-file';

const valueAt = (data: unknown, path: readonly PathSegment[]): unknown =>
  path.reduce<unknown>(
    (v, seg) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[seg] : undefined),
    data,
  );

/** Runs the zod schema and turns each problem into an issue with path and line. */
export function schemaIssues(parsed: ParsedFile): ImportIssue[] {
  const result = nativeDocumentSchema.safeParse(parsed.data);
  if (result.success) return [];
  return result.error.issues.flatMap((issue) => toIssues(parsed, issue));
}

function toIssues(parsed: ParsedFile, issue: z.core.$ZodIssue): ImportIssue[] {
  const path = issue.path as PathSegment[];
  const at = (p: readonly PathSegment[], message: string, key?: string): ImportIssue => ({
    file: parsed.file,
    path: formatPath(key === undefined ? p : [...p, key]),
    ...parsed.locate(p, key),
    message,
  });
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => at(path, `unknown key "${key}"`, key));
  }
  if (valueAt(parsed.data, path) === undefined && issue.code === 'invalid_type') {
    return [at(path, 'is required but missing')];
  }
  if (issue.code === 'invalid_union') return [at(path, 'expected an id or a list of ids')];
  return [at(path, issue.message)];
}
