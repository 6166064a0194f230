import { DomainError } from './domain-error';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

export interface PageRequest {
  first: number;
  /** The sort key of the last item already seen. */
  afterKey?: string;
}

export interface Page<T> {
  items: { cursor: string; node: T }[];
  hasNextPage: boolean;
  endCursor?: string;
  totalCount: number;
}

// Cursors are opaque to clients; inside they carry the sort key (the id) of the item.
export const encodeCursor = (key: string): string =>
  Buffer.from(JSON.stringify({ k: key })).toString('base64url');

export function decodeCursor(cursor: string): string {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (parsed && typeof parsed === 'object' && typeof (parsed as { k: unknown }).k === 'string') {
      return (parsed as { k: string }).k;
    }
  } catch {
    // fall through to the error below
  }
  throw new DomainError(
    'BAD_CURSOR',
    'The cursor is not one this service issued; restart paging without `after`.',
  );
}

export function pageRequest(first: number | undefined, after: string | undefined | null): PageRequest {
  const size = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw new DomainError(
      'VALIDATION_FAILED',
      `first must be a whole number from 1 to ${MAX_PAGE_SIZE}; got ${size}.`,
    );
  }
  return { first: size, afterKey: after ? decodeCursor(after) : undefined };
}

/** Builds a page from up to first+1 rows fetched in key order (the extra row says "there is more"). */
export function toPage<T>(rows: T[], req: PageRequest, keyOf: (t: T) => string, totalCount: number): Page<T> {
  const visible = rows.slice(0, req.first);
  const items = visible.map((node) => ({ cursor: encodeCursor(keyOf(node)), node }));
  return {
    items,
    hasNextPage: rows.length > req.first,
    endCursor: items.length ? items[items.length - 1].cursor : undefined,
    totalCount,
  };
}
