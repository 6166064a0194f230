import { ACCESS_KEY, NATIVE_FORMAT, RelationshipType, SectionKey } from '@rampart/domain';
import { ImportIssue, PathSegment, formatPath } from '../native/import-issue';
import { ParsedFile } from '../native/parse-file';
import {
  ACCESS_COLUMNS,
  ALLOWED_RELATIONSHIP_TYPES,
  COLUMN_TYPES,
  CSV_FILES,
  CSV_FILE_NAMES,
  CsvFileSpec,
  ORGANIZATION_FILE,
  OWNS,
  RELATIONSHIPS_FILE,
  RELATIONSHIP_COLUMNS,
  RELATIONSHIP_TARGETS,
  RelationshipTarget,
  allowedColumns,
  columnOf,
  fileNameOf,
} from './csv-layout';
import { CsvRow, CsvTable, readCsv } from './csv-read';
import { inCsvTerms, sortCsvIssues } from './csv-issues';
import { baseName, convertCell, setIn, tokens, valueAt } from './csv-values';

export { convertCell } from './csv-values';

/** One file of a set: its name (which says its section) and its text. */
export interface CsvFile {
  name: string;
  text: string;
}

/** Where a value of the assembled document came from. */
interface Location {
  file: string;
  line: number;
  /** The column's header name; none for a whole row. */
  column?: string;
  /**
   * For a row of a section file: the column of each path below the item (`businessImpact.integrity`),
   * one map shared by all rows of the file, so that a large file costs one entry per row.
   */
  columns?: ReadonlyMap<string, string>;
}

/** A CSV set as one native document, and the way back from the document to files and lines. */
export interface CsvSetDocument {
  /** The native document, for the same validation and write as a YAML or JSON file. */
  parsed: ParsedFile;
  /** Problems of the CSV form itself: file names, syntax, headers, cell counts, relationship rows. */
  issues: ImportIssue[];
  /** A native issue (a path in the document) as a CSV one: file, line and column name. */
  toCsvIssue(issue: ImportIssue): ImportIssue;
  /** Issues in reading order: the set's own first, then by file (in set order) and line. */
  sort(issues: readonly ImportIssue[]): ImportIssue[];
}

type Item = Record<string, unknown>;

/**
 * Reads a CSV set (docs/import.md "CSV files") into one native document. Every problem of every
 * file is collected; a row that cannot be read (wrong number of cells) is left out and the rest
 * still checked. Values keep a source map from their path in the document to file, line and
 * column, so that the native validation's issues can be told in CSV terms.
 */
export function csvSetToDocument(setName: string, files: readonly CsvFile[]): CsvSetDocument {
  return new CsvSetReader(setName).read(files);
}

class CsvSetReader {
  private readonly doc: Item = { format: NATIVE_FORMAT };
  private readonly issues: ImportIssue[] = [];
  private readonly locations = new Map<string, Location>();
  /** Ids defined by the section files of the set: relationship rows add to these. */
  private readonly ids = new Map<string, { section: SectionKey; index: number; file: string }>();
  /** Where each person's entry of `owners` is. */
  private readonly ownerIndex = new Map<string, number>();

  constructor(private readonly setName: string) {}

  read(files: readonly CsvFile[]): CsvSetDocument {
    const byName = new Map<string, { name: string; table: CsvTable }>();
    for (const f of files) {
      const name = baseName(f.name);
      const canonical = name.toLowerCase();
      if (!CSV_FILE_NAMES.includes(canonical)) {
        this.issue(
          name,
          undefined,
          '',
          `unknown file name: a CSV set holds ${CSV_FILE_NAMES.join(', ')} (any of them, each at most once)`,
        );
      } else if (byName.has(canonical)) {
        this.issue(name, undefined, '', `${canonical} is given twice; a set holds each file once`);
      } else {
        const table = readCsv(name, f.text);
        this.issues.push(...table.issues);
        byName.set(canonical, { name, table });
      }
    }
    if (!files.length) this.issue(this.setName, undefined, '', 'no CSV files: a set holds at least one');
    for (const spec of CSV_FILES) {
      const f = byName.get(spec.file);
      if (f) this.section(spec, f.name, f.table);
    }
    const rels = byName.get(RELATIONSHIPS_FILE);
    if (rels) this.relationships(rels.name, rels.table);

    return {
      parsed: {
        file: this.setName,
        // The document is plain data, as JSON.parse would give; every location is the source map's.
        format: 'json',
        data: this.doc,
        issues: [],
        locate: () => undefined,
      },
      issues: this.issues,
      toCsvIssue: (issue) => this.toCsvIssue(issue),
      sort: (issues) => sortCsvIssues(this.setName, issues),
    };
  }

  private issue(file: string, line: number | undefined, column: string, message: string): void {
    this.issues.push({ file, path: column, ...(line === undefined ? {} : { line }), message });
  }

  private at(path: readonly PathSegment[], location: Location): void {
    const key = formatPath(path);
    if (!this.locations.has(key)) this.locations.set(key, location);
  }

  /**
   * Checks the header: no empty or repeated name, only known columns, the required ones present.
   * Answers the column of each position (undefined for a column in error), or undefined when
   * the rows cannot be read at all.
   */
  private header<T>(
    file: string,
    table: CsvTable,
    resolve: (name: string) => T | undefined,
    unknown: (name: string) => string,
    required: readonly string[],
  ): (T | undefined)[] | undefined {
    if (!table.header) {
      if (!table.issues.length)
        this.issue(file, undefined, '', 'the file is empty: its first line must be the header');
      return undefined;
    }
    const line = table.headerLine;
    const seen = new Set<string>();
    const columns = table.header.map((name, n) => {
      let column: T | undefined;
      if (!name) this.issue(file, line, '', `column ${n + 1} of the header has no name`);
      else if (seen.has(name)) this.issue(file, line, name, 'the column is given twice');
      else {
        column = resolve(name);
        if (column === undefined) this.issue(file, line, name, unknown(name));
      }
      seen.add(name);
      return column;
    });
    const missing = required.filter((r) => !seen.has(r));
    for (const m of missing) this.issue(file, line, m, `the header has no ${m} column`);
    return missing.length ? undefined : columns;
  }

  private cellsFit(file: string, row: CsvRow, width: number): boolean {
    if (row.cells.length === width) return true;
    this.issue(
      file,
      row.line,
      '',
      `the row has ${row.cells.length} cells but the header has ${width} columns; the row is not read`,
    );
    return false;
  }

  private section(spec: CsvFileSpec, file: string, table: CsvTable): void {
    const allowed = allowedColumns(spec).join(', ');
    const columns = this.header(
      file,
      table,
      (name) => columnOf(spec, name),
      (name) => {
        const elsewhere = spec.elsewhere.get(name);
        return elsewhere
          ? `not a column of ${spec.file}: ${name} goes in ${elsewhere}`
          : `unknown column; the columns of ${spec.file} are ${allowed}`;
      },
      ['id'],
    );
    if (!columns) return;
    const byPath = new Map(columns.flatMap((c) => (c && !c.root ? [[formatPath(c.path), c.name]] : [])));
    const isOrg = spec.section === 'organization';
    const items: Item[] = [];
    for (const row of table.rows) {
      if (!this.cellsFit(file, row, columns.length)) continue;
      if (isOrg && items.length) {
        this.issue(
          file,
          row.line,
          '',
          `${ORGANIZATION_FILE} describes one organisation: one data row at most`,
        );
        continue;
      }
      const index = items.length;
      const base: PathSegment[] = isOrg ? ['organization'] : [spec.section, index];
      const item: Item = {};
      this.at(base, { file, line: row.line, columns: byPath });
      columns.forEach((column, n) => {
        if (!column) return;
        if (column.root) this.at(column.path, { file, line: row.line, column: column.name });
        if (row.cells[n] === '') return;
        setIn(column.root ? this.doc : item, column.path, convertCell(row.cells[n], column.kind));
      });
      items.push(item);
      if (!isOrg && typeof item.id === 'string' && !this.ids.has(item.id))
        this.ids.set(item.id, { section: spec.section as SectionKey, index, file });
    }
    if (isOrg) {
      if (items.length) this.doc.organization = items[0];
    } else if (items.length) this.doc[spec.section] = items;
  }

  private relationships(file: string, table: CsvTable): void {
    const columns = this.header(
      file,
      table,
      (name) => (RELATIONSHIP_COLUMNS.includes(name) ? name : undefined),
      () => `unknown column; the columns of ${RELATIONSHIPS_FILE} are ${RELATIONSHIP_COLUMNS.join(', ')}`,
      ['from', 'type', 'to'],
    );
    if (!columns) return;
    const either: [Item, string][] = [];
    for (const row of table.rows) {
      if (!this.cellsFit(file, row, columns.length)) continue;
      const cell: Record<string, string> = {};
      columns.forEach((c, n) => {
        if (c) cell[c] = row.cells[n];
      });
      const target = this.relationshipTarget(file, row.line, cell);
      if (target) this.addRelationship(file, row.line, cell, target, either);
    }
    // `responsible` named once is one id, as a person would write it in YAML.
    for (const [item, key] of either) {
      const list = item[key] as string[];
      if (list.length === 1) item[key] = list[0];
    }
  }

  /**
   * The native key a relationship row becomes, or undefined when the row is in error (reported)
   * or is an OWNS row (added to `owners` here).
   */
  private relationshipTarget(
    file: string,
    line: number,
    cell: Record<string, string>,
  ): RelationshipTarget | undefined {
    const at = (column: string, message: string) => this.issue(file, line, column, message);
    const missing = ['from', 'type', 'to'].filter((c) => !cell[c]);
    for (const c of missing) at(c, 'is required but missing');
    if (missing.length) return undefined;
    const type = cell.type.toUpperCase();
    const extra = ACCESS_COLUMNS.filter((c) => cell[c]);
    if (type !== 'HAS_ACCESS' && extra.length) {
      for (const c of extra) at(c, `only HAS_ACCESS rows have a ${c}`);
      return undefined;
    }
    if (type === OWNS) {
      this.owns(file, line, cell.from, cell.to);
      return undefined;
    }
    const column = COLUMN_TYPES.get(type as RelationshipType);
    if (column) {
      at('type', `${type} is not a row of ${RELATIONSHIPS_FILE}: it is ${column}`);
      return undefined;
    }
    const targets = RELATIONSHIP_TARGETS.get(type as RelationshipType);
    if (!targets) {
      at(
        'type',
        `unknown relationship type "${cell.type}"; ${RELATIONSHIPS_FILE} takes ${ALLOWED_RELATIONSHIP_TYPES.join(', ')}`,
      );
      return undefined;
    }
    // The end that carries the native key must be an entity of this set, of the right section;
    // DEPENDS_ON (from a system or from a control) is told apart by that section.
    const target = targets.find((t) => this.ids.get(cell[endColumn(t.dir)])?.section === t.section);
    if (!target) this.wrongEnd(file, line, cell, type, targets);
    return target;
  }

  /** Reports a row whose carrying end is not an entity of the set of a section the type allows. */
  private wrongEnd(
    file: string,
    line: number,
    cell: Record<string, string>,
    type: string,
    targets: readonly RelationshipTarget[],
  ): void {
    const column = endColumn(targets[0].dir);
    const id = cell[column];
    const wanted = [...new Set(targets.map((t) => fileNameOf(t.section)))].join(' or ');
    const defined = this.ids.get(id);
    this.issue(
      file,
      line,
      column,
      defined
        ? `"${id}" is defined in ${defined.file}, but the ${column} of a ${type} row must be an entity of ${wanted}`
        : `"${id}" is not defined in this CSV set: the ${column} of a ${type} row must be an entity of ${wanted} in the same set`,
    );
  }

  /** Adds a checked relationship row to the list under `target.key` of the entity carrying it. */
  private addRelationship(
    file: string,
    line: number,
    cell: Record<string, string>,
    target: RelationshipTarget,
    either: [Item, string][],
  ): void {
    const carrier = this.ids.get(cell[endColumn(target.dir)])!;
    const item = (this.doc[carrier.section] as Item[])[carrier.index];
    const base: PathSegment[] = [carrier.section, carrier.index, target.key];
    const otherColumn = endColumn(target.dir === 'out' ? 'in' : 'out');
    const list = (item[target.key] ??= []) as unknown[];
    const j = list.length;
    if (target.key === ACCESS_KEY) {
      const access: Item = { to: cell.to };
      for (const c of ACCESS_COLUMNS) if (cell[c]) access[c] = cell[c];
      list.push(access);
      this.at([...base, j], { file, line });
      for (const c of ['to', ...ACCESS_COLUMNS]) this.at([...base, j, c], { file, line, column: c });
    } else {
      list.push(cell[otherColumn]);
      this.at(base, { file, line, column: otherColumn });
      this.at([...base, j], { file, line, column: otherColumn });
      if (target.either && j === 0) either.push([item, target.key]);
    }
  }

  /** OWNS rows become the native `owners` section: one entry per person. */
  private owns(file: string, line: number, person: string, asset: string): void {
    const owners = (this.doc.owners ??= []) as { person: string; assets: string[] }[];
    let k = this.ownerIndex.get(person);
    if (k === undefined) {
      k = owners.push({ person, assets: [] }) - 1;
      this.ownerIndex.set(person, k);
      this.at(['owners', k], { file, line });
      this.at(['owners', k, 'person'], { file, line, column: 'from' });
    }
    const j = owners[k].assets.push(asset) - 1;
    this.at(['owners', k, 'assets', j], { file, line, column: 'to' });
  }

  /** The row (and, when known, the column) a path of the document came from. */
  private find(path: string): { location: Location; rest: PathSegment[] } | undefined {
    const segments = tokens(path);
    for (let n = segments.length; n > 0; n--) {
      const location = this.locations.get(formatPath(segments.slice(0, n)));
      if (!location) continue;
      const rest = segments.slice(n);
      for (let m = rest.length; m > 0 && location.columns; m--) {
        const column = location.columns.get(formatPath(rest.slice(0, m)));
        if (column) return { location: { ...location, column }, rest: rest.slice(m) };
      }
      return { location, rest };
    }
    return undefined;
  }

  private toCsvIssue(issue: ImportIssue): ImportIssue {
    const message = inCsvTerms(issue.message, (path) => this.find(path)?.location);
    const found = issue.path ? this.find(issue.path) : undefined;
    if (!found) {
      const { line: _line, column: _column, ...rest } = issue;
      return { ...rest, file: this.setName, message };
    }
    const { location, rest } = found;
    if (location.column && typeof rest[0] === 'number') {
      // An element of a list cell (`domains`): say which value.
      const value = valueAt(this.doc, tokens(issue.path));
      if (typeof value === 'string' && !message.includes(`"${value}"`))
        return {
          file: location.file,
          path: location.column,
          line: location.line,
          message: `"${value}": ${message}`,
        };
    }
    // A value whose column the header lacks: the row, and the key as the column it would be.
    const path = location.column ?? (typeof rest[0] === 'string' ? formatPath(rest) : '');
    return { file: location.file, path, line: location.line, message };
  }
}

/** The column of a relationship row that names the entity at `dir`'s end. */
const endColumn = (dir: 'out' | 'in') => (dir === 'out' ? 'from' : 'to');
