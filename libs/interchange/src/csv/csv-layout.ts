import {
  ACCESS_KEY,
  RelationshipType,
  SECTIONS,
  SectionKey,
  accessSchema,
  nativeDocumentSchema,
} from '@rampart/domain';

/**
 * The layout of a CSV set (docs/import.md "CSV files"), derived from the native document's zod
 * schema and the section table, so that it follows the native format without a copy of it:
 * - one file per section, named after it in kebab-case (`org-units.csv`), plus `organization.csv`
 *   and `relationships.csv`;
 * - a section file has one column per scalar property, named as the native key; nested objects are
 *   dotted columns (`businessImpact.integrity`, `vettingIntervalDays.SECRET`); lists of values are
 *   `;`-separated cells; a reference that holds one id (`hostedIn`, `owner`, `threat`) is a column;
 * - references that hold a list (and `responsible`), access and ownership are rows of
 *   relationships.csv, typed by the graph relationship they become.
 */

export type CellKind = 'string' | 'number' | 'boolean' | 'list';

export interface ColumnSpec {
  /** The header name: `clearance`, `businessImpact.integrity`. */
  name: string;
  /** Where the value goes, below the item (or below the document, for `root` columns). */
  path: string[];
  kind: CellKind;
  /** `classificationLevels` sits beside `organization` in the native document. */
  root?: boolean;
}

export interface CsvFileSpec {
  file: string;
  /** The native section the rows become; `organization` holds at most one row. */
  section: SectionKey | 'organization';
  columns: ColumnSpec[];
  /** Columns with free keys, such as `vettingIntervalDays.SECRET`. */
  dynamic: { prefix: string; kind: CellKind }[];
  /** Native keys that are not columns here, with where they go instead. */
  elsewhere: Map<string, string>;
}

export const SEPARATOR = ';';
export const RELATIONSHIPS_FILE = 'relationships.csv';
export const ORGANIZATION_FILE = 'organization.csv';

export const fileNameOf = (key: string) => `${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}.csv`;

interface ZodLike {
  def: {
    type: string;
    innerType?: ZodLike;
    out?: ZodLike;
    shape?: Record<string, ZodLike>;
    element?: ZodLike;
    valueType?: ZodLike;
  };
}

const unwrap = (s: ZodLike): ZodLike =>
  ['optional', 'nullable', 'default'].includes(s.def.type) && s.def.innerType ? unwrap(s.def.innerType) : s;

/** How a cell is read, from the type the schema expects: numbers and booleans are converted. */
function kindOf(s: ZodLike): CellKind {
  const t = unwrap(s);
  if (t.def.type === 'number') return 'number';
  if (t.def.type === 'boolean') return 'boolean';
  if (t.def.type === 'array') return 'list';
  if (t.def.type === 'pipe' && t.def.out) return kindOf(t.def.out);
  return 'string';
}

function columnsOf(
  shape: Record<string, ZodLike>,
  moved: Map<string, string>,
): Pick<CsvFileSpec, 'columns' | 'dynamic'> {
  const columns: ColumnSpec[] = [];
  const dynamic: CsvFileSpec['dynamic'] = [];
  for (const [key, schema] of Object.entries(shape)) {
    if (moved.has(key)) continue;
    const t = unwrap(schema);
    if (t.def.type === 'object' && t.def.shape) {
      for (const [sub, s] of Object.entries(t.def.shape))
        columns.push({ name: `${key}.${sub}`, path: [key, sub], kind: kindOf(s) });
    } else if (t.def.type === 'record' && t.def.valueType) {
      dynamic.push({ prefix: `${key}.`, kind: kindOf(t.def.valueType) });
    } else columns.push({ name: key, path: [key], kind: kindOf(schema) });
  }
  return { columns, dynamic };
}

const docShape = (nativeDocumentSchema as unknown as ZodLike).def.shape!;
const itemShape = (key: string): Record<string, ZodLike> =>
  unwrap(unwrap(docShape[key]).def.element!).def.shape!;

/** Where a relationship row goes: onto the native key of the entity at one end. */
export interface RelationshipTarget {
  section: SectionKey;
  key: string;
  /** out: the item is `from` and the key lists `to`; in: the item is `to` and the key lists `from`. */
  dir: 'out' | 'in';
  /** The key holds one id when a single row names it, else a list (`responsible`). */
  either: boolean;
}

/** Relationship types allowed in relationships.csv and the native keys they fill. */
export const RELATIONSHIP_TARGETS = new Map<RelationshipType, RelationshipTarget[]>();
/** Relationship types that are columns of a section file instead. */
export const COLUMN_TYPES = new Map<RelationshipType, string>();
for (const section of SECTIONS) {
  for (const ref of section.refs) {
    if (ref.type === 'OWNS') continue;
    if (ref.shape === 'one') {
      const where = `the ${ref.key} column of ${fileNameOf(section.key)}`;
      const before = COLUMN_TYPES.get(ref.type);
      COLUMN_TYPES.set(ref.type, before && !before.endsWith(where) ? `${before} or ${where}` : where);
      continue;
    }
    RELATIONSHIP_TARGETS.set(ref.type, [
      ...(RELATIONSHIP_TARGETS.get(ref.type) ?? []),
      { section: section.key, key: ref.key, dir: ref.dir, either: ref.shape === 'either' },
    ]);
  }
}
RELATIONSHIP_TARGETS.set('HAS_ACCESS', [{ section: 'people', key: ACCESS_KEY, dir: 'out', either: false }]);
COLUMN_TYPES.set('HOLDS_ROLE', `the roles column of ${fileNameOf('people')}`);
/** OWNS rows become the native `owners` section (a person owns several assets, an asset may have several owners). */
export const OWNS = 'OWNS';

/** The properties a HAS_ACCESS row may carry, as columns of relationships.csv. */
export const ACCESS_COLUMNS = Object.keys((accessSchema as unknown as ZodLike).def.shape!).filter(
  (k) => k !== 'to',
);
export const RELATIONSHIP_COLUMNS = ['from', 'type', 'to', ...ACCESS_COLUMNS];
export const ALLOWED_RELATIONSHIP_TYPES: string[] = [...RELATIONSHIP_TARGETS.keys(), OWNS].sort();

function fileSpec(section: SectionKey | 'organization'): CsvFileSpec {
  const elsewhere = new Map<string, string>();
  if (section === 'organization') {
    const { columns, dynamic } = columnsOf(unwrap(docShape.organization).def.shape!, elsewhere);
    const levels = 'classificationLevels';
    columns.push({ name: levels, path: [levels], kind: kindOf(docShape[levels]), root: true });
    return { file: ORGANIZATION_FILE, section, columns, dynamic, elsewhere };
  }
  const spec = SECTIONS.find((s) => s.key === section)!;
  for (const ref of spec.refs) {
    if (ref.shape !== 'one') elsewhere.set(ref.key, `${ref.type} rows of ${RELATIONSHIPS_FILE}`);
  }
  if (section === 'people') elsewhere.set(ACCESS_KEY, `HAS_ACCESS rows of ${RELATIONSHIPS_FILE}`);
  const { columns, dynamic } = columnsOf(itemShape(section), elsewhere);
  return { file: fileNameOf(section), section, columns, dynamic, elsewhere };
}

/** Every section file of a set, in the order of the native document. */
export const CSV_FILES: readonly CsvFileSpec[] = [
  fileSpec('organization'),
  ...SECTIONS.map((s) => fileSpec(s.key)),
];
export const CSV_FILE_NAMES: readonly string[] = [...CSV_FILES.map((f) => f.file), RELATIONSHIPS_FILE];

/** The column a header name stands for, or undefined when the file has no such column. */
export function columnOf(spec: CsvFileSpec, name: string): ColumnSpec | undefined {
  const fixed = spec.columns.find((c) => c.name === name);
  if (fixed) return fixed;
  const dyn = spec.dynamic.find((d) => name.startsWith(d.prefix) && name.length > d.prefix.length);
  return dyn && { name, path: [dyn.prefix.slice(0, -1), name.slice(dyn.prefix.length)], kind: dyn.kind };
}

/** The allowed column names, as a reader would write them. */
export const allowedColumns = (spec: CsvFileSpec): string[] => [
  ...spec.columns.map((c) => c.name),
  ...spec.dynamic.map((d) => `${d.prefix}<key>`),
];
