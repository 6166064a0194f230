import { z } from 'zod';
import { nativeDocumentSchema } from '@rampart/domain';
import { ImportIssue, PathSegment, formatPath } from './import-issue';
import { ParsedFile } from './parse-file';

const valueAt = (data: unknown, path: readonly PathSegment[]): unknown =>
  path.reduce<unknown>(
    (v, seg) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[seg] : undefined),
    data,
  );

/**
 * Runs the zod schema and turns each problem into an issue with path and line. A file read entry
 * by entry checks each entry with its section's schema (`sectionItemSchema`), `at` its path.
 */
export function schemaIssues(
  parsed: ParsedFile,
  schema: z.ZodType = nativeDocumentSchema,
  value: unknown = parsed.data,
  at: readonly PathSegment[] = [],
): ImportIssue[] {
  const result = schema.safeParse(value);
  if (result.success) return [];
  return result.error.issues.flatMap((issue) => toIssues(parsed, issue, value, at));
}

/** The schema of one entry of a section (people, controls, owners, ...), if `key` is one. */
export function sectionItemSchema(key: string): z.ZodType | undefined {
  const field = (nativeDocumentSchema.shape as Record<string, z.ZodType>)[key];
  const list = field instanceof z.ZodOptional ? field.unwrap() : undefined;
  return list instanceof z.ZodArray ? (list.element as z.ZodType) : undefined;
}

function toIssues(
  parsed: ParsedFile,
  issue: z.core.$ZodIssue,
  value: unknown,
  prefix: readonly PathSegment[],
): ImportIssue[] {
  const inner = issue.path as PathSegment[];
  const path = [...prefix, ...inner];
  const at = (p: readonly PathSegment[], message: string, key?: string): ImportIssue => ({
    file: parsed.file,
    path: formatPath(key === undefined ? p : [...p, key]),
    ...parsed.locate(p, key),
    message,
  });
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => at(path, `unknown key "${key}"`, key));
  }
  if (valueAt(value, inner) === undefined && issue.code === 'invalid_type') {
    return [at(path, 'is required but missing')];
  }
  if (issue.code === 'invalid_union') return [at(path, 'expected an id or a list of ids')];
  return [at(path, issue.message)];
}
