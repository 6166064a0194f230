import * as fs from 'node:fs';
import * as path from 'node:path';
import { readDocument } from '../native/read-document';
import { CsvFile } from '../csv/csv-document';
import { isCsvPath, readCsvSet } from '../csv/csv-importer';
import { FileFormat } from '../native/parse-file';
import { looksLikeStixBundle } from '../stix/stix-importer';

/** What one import reads: one document (native YAML/JSON or a STIX bundle), or a CSV set. */
export type ImportInput =
  | { kind: 'document'; name: string; text: string; contentType?: string }
  | { kind: 'csv'; name: string; files: CsvFile[] };

/** The pipeline an input goes through. */
export type ImportFormat = 'stix' | 'csv' | FileFormat | 'native';

const FORMAT_BY_TYPE: Record<string, FileFormat> = {
  'application/json': 'json',
  'application/yaml': 'yaml',
  'application/x-yaml': 'yaml',
  'text/yaml': 'yaml',
  'text/x-yaml': 'yaml',
};

/**
 * The one place the format is chosen: a CSV set is CSV; a document whose top-level type is
 * "bundle" is STIX (the threat library); otherwise native, in the format its content type names,
 * else (`native`) by the file's extension, else by its content (parse-file's detectFormat).
 */
export function importFormatOf(input: ImportInput): ImportFormat {
  if (input.kind === 'csv') return 'csv';
  if (looksLikeStixBundle(input.text)) return 'stix';
  const type = (input.contentType ?? '').split(';')[0].trim().toLowerCase();
  return FORMAT_BY_TYPE[type] ?? 'native';
}

export interface CommandLineInput {
  target: string;
  paths: string[];
  /** A document (not a CSV set): its path, for `validate` to read it entry by entry. */
  file?: string;
  read: () => ImportInput;
}

/**
 * Command-line arguments as inputs, in order: a directory is a CSV set of the .csv files in it;
 * all .csv file arguments together form one more set, taken where the first of them stands; any
 * other file is a document of its own. Files are read when the input is taken (`read`).
 */
export function importInputsOf(args: readonly string[]): CommandLineInput[] {
  const groups: { csv: boolean; paths: string[] }[] = [];
  let csv: { csv: boolean; paths: string[] } | undefined;
  for (const arg of args) {
    if (fs.statSync(arg, { throwIfNoEntry: false })?.isDirectory()) groups.push({ csv: true, paths: [arg] });
    else if (isCsvPath(arg)) {
      if (!csv) groups.push((csv = { csv: true, paths: [] }));
      csv.paths.push(arg);
    } else groups.push({ csv: false, paths: [arg] });
  }
  return groups.map(({ csv, paths }) =>
    csv
      ? { target: csvSetName(paths), paths, read: () => ({ kind: 'csv' as const, ...readCsvSet(paths) }) }
      : {
          target: path.basename(paths[0]),
          paths,
          file: paths[0],
          read: () => ({
            kind: 'document' as const,
            name: path.basename(paths[0]),
            text: readDocument(paths[0]),
          }),
        },
  );
}

/** The name readCsvSet gives a CSV set (its directory), known before reading it: the audit target. */
function csvSetName(paths: readonly string[]): string {
  const first = path.resolve(paths[0] ?? '.');
  const dir = paths.length === 1 && fs.statSync(first, { throwIfNoEntry: false })?.isDirectory();
  return `csv:${path.basename(dir ? first : path.dirname(first))}`;
}
