import { ACCESS_KEY, DomainError, RelationshipType, SectionKey } from '@rampart/domain';
import { CsvFile } from '../csv/csv-document';
import {
  ACCESS_COLUMNS,
  CSV_FILES,
  CellKind,
  ColumnSpec,
  CsvFileSpec,
  OWNS,
  RELATIONSHIPS_FILE,
  RELATIONSHIP_TARGETS,
  SEPARATOR,
  columnOf,
} from '../csv/csv-layout';
import { CellValue, csvText } from './csv-write';

type Item = Record<string, unknown>;

/** Which relationship type a list-valued native key becomes, and in which direction. */
const RELATIONSHIP_OF = new Map<string, { type: RelationshipType; dir: 'out' | 'in' }>();
for (const [type, targets] of RELATIONSHIP_TARGETS)
  for (const t of targets) RELATIONSHIP_OF.set(`${t.section}.${t.key}`, { type, dir: t.dir });

/**
 * A need-to-know placeholder (libs/output's Redactor) says `restricted: true`: it is written as a
 * last column, as the YAML export writes the key, so that the file says which rows stand in for
 * hidden entities (and the importer refuses the column rather than take placeholders for data).
 */
const PLACEHOLDER_KEY = 'restricted';
const PLACEHOLDER_COLUMN: ColumnSpec = { name: PLACEHOLDER_KEY, path: [PLACEHOLDER_KEY], kind: 'boolean' };

const cannot = (where: string, message: string) =>
  new DomainError('VALIDATION_FAILED', `cannot export as CSV: ${where}: ${message}`);

/** A value as the cell the importer reads back to the same value (csv-document's convertCell). */
function cellOf(value: unknown, kind: CellKind, where: string): CellValue {
  if (kind === 'list') {
    if (!Array.isArray(value)) throw cannot(where, 'expected a list');
    return value
      .map((v) => {
        const s = String(v);
        if (s.includes(SEPARATOR) || !s.trim() || s !== s.trim())
          throw cannot(where, `the list value "${s}" cannot be a ${SEPARATOR}-separated cell`);
        return s;
      })
      .join(SEPARATOR);
  }
  if (value === null || typeof value === 'object') throw cannot(where, 'expected a single value');
  return value === '' ? undefined : (value as CellValue);
}

/** The rows of one section file: only the columns some row uses, `id` first, in layout order. */
function sectionFile(spec: CsvFileSpec, items: readonly Item[], root: Item): CsvFile {
  const used = new Map<string, ColumnSpec>();
  const rows = items.map((item, n) => {
    const cells = new Map<string, CellValue>();
    const where = (name: string) => `${spec.file} row ${n + 1} (${String(item.id)}) ${name}`;
    const put = (name: string, value: unknown) => {
      const column = name === PLACEHOLDER_KEY ? PLACEHOLDER_COLUMN : columnOf(spec, name);
      if (!column) throw cannot(where(name), 'no column of the CSV layout holds it');
      const cell = cellOf(value, column.kind, where(name));
      if (cell === undefined) return;
      used.set(name, column);
      cells.set(name, cell);
    };
    for (const [key, value] of Object.entries(item)) {
      if (value === undefined || value === null || spec.elsewhere.has(key)) continue;
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
        for (const [sub, v] of Object.entries(value as Item)) if (v !== undefined) put(`${key}.${sub}`, v);
      } else put(key, value);
    }
    for (const c of spec.columns.filter((c) => c.root && root[c.name] !== undefined))
      put(c.name, root[c.name]);
    return cells;
  });
  const fixed = spec.columns.filter((c) => used.has(c.name) || c.name === 'id').map((c) => c.name);
  const dynamic = [...used.keys()].filter((name) => !spec.columns.some((c) => c.name === name));
  const header = [...fixed, ...dynamic];
  return {
    name: spec.file,
    text: csvText(
      header,
      rows.map((cells) => header.map((h) => cells.get(h))),
    ),
  };
}

/** relationships.csv: list references, access and several owners, entity by entity. */
function relationshipsFile(doc: Item): CsvFile | undefined {
  const rows: Record<string, CellValue>[] = [];
  for (const spec of CSV_FILES) {
    if (spec.section === 'organization') continue;
    for (const item of (doc[spec.section] as Item[] | undefined) ?? []) {
      const id = String(item.id);
      for (const [key, value] of Object.entries(item)) {
        if (value === undefined || !spec.elsewhere.has(key)) continue;
        if (spec.section === 'people' && key === ACCESS_KEY) {
          for (const a of value as Item[]) {
            const { to, ...props } = a;
            for (const k of Object.keys(props))
              if (!ACCESS_COLUMNS.includes(k)) throw cannot(`${id} access`, `no column holds ${k}`);
            rows.push({
              from: id,
              type: 'HAS_ACCESS',
              to: to as string,
              ...(props as Item as Record<string, CellValue>),
            });
          }
          continue;
        }
        const rel = RELATIONSHIP_OF.get(`${spec.section as SectionKey}.${key}`);
        if (!rel) throw cannot(`${spec.file} ${id} ${key}`, 'no relationship type holds it');
        for (const other of Array.isArray(value) ? value : [value])
          rows.push(
            rel.dir === 'out'
              ? { from: id, type: rel.type, to: String(other) }
              : { from: String(other), type: rel.type, to: id },
          );
      }
    }
  }
  for (const o of (doc.owners as { person: string; assets: string[] }[] | undefined) ?? [])
    for (const asset of o.assets) rows.push({ from: o.person, type: OWNS, to: asset });
  if (!rows.length) return undefined;
  const header = [
    'from',
    'type',
    'to',
    ...ACCESS_COLUMNS.filter((c) => rows.some((r) => r[c] !== undefined && r[c] !== '')),
  ];
  return {
    name: RELATIONSHIPS_FILE,
    text: csvText(
      header,
      rows.map((r) => header.map((h) => r[h])),
    ),
  };
}

/**
 * A native document (toNativeDocument) as a CSV set (docs/import.md "CSV files"), written from the
 * same layout the importer reads (csv-layout.ts), so that importing the set gives the document back.
 * Only sections with entries get a file; relationships.csv only when there are rows for it. A value
 * the layout cannot carry (a list value holding `;` or spaces at an end, which a list cell splits or
 * trims) is refused rather than written so that it would read back differently.
 */
export function toCsvSet(doc: Item): CsvFile[] {
  const files: CsvFile[] = [];
  for (const spec of CSV_FILES) {
    const items =
      spec.section === 'organization'
        ? doc.organization
          ? [doc.organization as Item]
          : []
        : ((doc[spec.section] as Item[] | undefined) ?? []);
    if (items.length) files.push(sectionFile(spec, items, doc));
  }
  const relationships = relationshipsFile(doc);
  if (relationships) files.push(relationships);
  return files;
}
