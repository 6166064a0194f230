import { PathSegment } from '../native/import-issue';
import { CellKind, SEPARATOR } from './csv-layout';

type Item = Record<string, unknown>;

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * A cell as the schema expects it. A cell that does not read as the expected type stays text, so
 * that the native schema reports it with its own message ("expected a number from 0 to 1").
 */
export function convertCell(cell: string, kind: CellKind): unknown {
  switch (kind) {
    case 'number':
      return NUMBER.test(cell) ? Number(cell) : cell;
    case 'boolean':
      return /^true$/i.test(cell) ? true : /^false$/i.test(cell) ? false : cell;
    case 'list':
      return cell
        .split(SEPARATOR)
        .map((v) => v.trim())
        .filter(Boolean);
    default:
      return cell;
  }
}

export const baseName = (name: string) => name.split(/[\\/]/).pop() ?? name;

/** `people[1].access[0].to` -> ['people', 1, 'access', 0, 'to']. */
export const tokens = (path: string): PathSegment[] =>
  [...path.matchAll(/\[(\d+)\]|([^.[\]]+)/g)].map((m) => (m[1] !== undefined ? Number(m[1]) : m[2]));

export const valueAt = (data: unknown, path: readonly PathSegment[]): unknown =>
  path.reduce<unknown>(
    (v, seg) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[seg] : undefined),
    data,
  );

/** Sets `value` at `path` below `target`, making the objects on the way. */
export function setIn(target: Item, path: readonly string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) node = (node[key] ??= {}) as Item;
  node[path[path.length - 1]] = value;
}
