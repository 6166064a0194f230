import * as fs from 'node:fs';
import * as path from 'node:path';
import { ImportOptions, ImportReport, NativeImporter } from '../native/native-importer';
import { CsvFile, csvSetToDocument } from './csv-document';

/** A CSV set read from disk: its name (the directory's) and its files. */
export interface CsvSet {
  name: string;
  files: CsvFile[];
}

export const isCsvPath = (file: string) => /\.csv$/i.test(file);

/** The default source of a set: `csv:<directory name>`. */
export const csvSource = (setName: string) => `csv:${setName}`;

/**
 * A directory (every `.csv` file in it; other files are left alone) or a list of `.csv` files, as
 * one set named after the directory.
 */
export function readCsvSet(paths: readonly string[]): CsvSet {
  if (paths.length === 1 && fs.statSync(paths[0]).isDirectory()) {
    const dir = paths[0];
    const files = fs
      .readdirSync(dir)
      .filter((f) => isCsvPath(f) && fs.statSync(path.join(dir, f)).isFile())
      .sort()
      .map((f) => ({ name: f, text: fs.readFileSync(path.join(dir, f), 'utf8') }));
    return { name: path.basename(path.resolve(dir)), files };
  }
  return {
    name: path.basename(path.dirname(path.resolve(paths[0] ?? '.'))),
    files: paths.map((p) => ({ name: path.basename(p), text: fs.readFileSync(p, 'utf8') })),
  };
}

/**
 * Imports a CSV set (docs/import.md "CSV files") through the native importer: the set becomes one
 * native document, checked by the same validation and written in one transaction (atomic and
 * idempotent like a YAML file). Issues come back in CSV terms: `people.csv:4: clearance: ...`.
 */
export class CsvImporter {
  constructor(private readonly native: NativeImporter) {}

  async importPaths(paths: readonly string[], options: ImportOptions = {}): Promise<ImportReport> {
    const set = readCsvSet(paths);
    return this.importSet(set.name, set.files, options);
  }

  async importSet(
    setName: string,
    files: readonly CsvFile[],
    options: ImportOptions = {},
  ): Promise<ImportReport> {
    const csv = csvSetToDocument(setName, files);
    const dryRun = Boolean(options.dryRun);
    const source = options.source ?? csvSource(setName);
    const refused = { file: setName, ok: false, dryRun, source, entities: 0, relationships: 0 };
    if (!files.length) return { ...refused, issues: csv.issues };
    // With problems in the CSV form, the document is still validated (every issue at once) but never written.
    const report = await this.native.importParsed(csv.parsed, {
      ...options,
      source,
      dryRun: dryRun || csv.issues.length > 0,
    });
    const issues = csv.sort([...csv.issues, ...report.issues.map((i) => csv.toCsvIssue(i))]);
    if (!issues.length) return report;
    return { ...refused, issues };
  }
}
