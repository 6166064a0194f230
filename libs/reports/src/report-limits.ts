import { Block } from './report-document';
import { formatNumber } from './svg-charts';

/**
 * Rows of each long table or list in Markdown, HTML and PDF (RAMPART_REPORT_ROWS): a summary a
 * person reads. CSV and JSON always hold every row: they are the annex.
 */
export const DEFAULT_REPORT_ROWS = 100;

/** How a report's data becomes a document. */
export interface DocumentOptions {
  /** Rows of each long table or list; default DEFAULT_REPORT_ROWS. */
  rows?: number;
}

/** Where the rows left out of a document are: the uncovered report's CSV has one row per asset. */
export type Annex = 'CSV/JSON' | 'JSON';

export function rowLimit(opts: DocumentOptions = {}): number {
  const n = opts.rows ?? DEFAULT_REPORT_ROWS;
  if (!Number.isInteger(n) || n < 1) throw new Error(`rows must be a whole number from 1; got ${n}`);
  return n;
}

/** The sentence under a cut table: how many are shown, and where the rest are. */
export function annexText(shown: number, total: number, what: string, annex: Annex): string {
  const format = annex === 'JSON' ? 'json' : 'csv or json';
  return (
    `${formatNumber(shown)} of ${formatNumber(total)} ${what} shown; the full list is in the ` +
    `${annex} annex (this report as ${format}).`
  );
}

/**
 * The first `limit` items, and a note block saying how many of how many, when some were left out
 * (none otherwise: a complete table says nothing).
 */
export function firstRows<T>(
  items: readonly T[],
  limit: number,
  what: string,
  annex: Annex,
): { shown: T[]; note: Block[] } {
  if (items.length <= limit) return { shown: [...items], note: [] };
  return {
    shown: items.slice(0, limit),
    note: [{ kind: 'note', text: annexText(limit, items.length, what, annex) }],
  };
}
