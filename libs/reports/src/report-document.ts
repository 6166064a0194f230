/**
 * A report as an ordered list of blocks: the one shape every human-readable format (Markdown,
 * HTML, PDF) is rendered from. CSV and JSON are written from each report's typed data instead.
 */
export type Block =
  | { kind: 'heading'; level: 2 | 3; text: string; id?: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'facts'; items: { label: string; value: string | number }[] }
  | {
      kind: 'table';
      caption?: string;
      columns: string[];
      rows: (string | number)[][];
      /** Columns never wrapped (ids): a broken id reads as two. */
      noWrap?: number[];
    }
  /** A remark about the block before it, e.g. how many of how many rows are shown. */
  | { kind: 'note'; text: string }
  /** An SVG chart (from ./svg-charts) with its data as a table: Markdown shows the table. */
  | { kind: 'chart'; title: string; svg: string; table: { columns: string[]; rows: (string | number)[][] } }
  /** Where a person must write (the draft security plan): always visibly marked. */
  | { kind: 'todo'; text: string };

export interface ReportDocument {
  title: string;
  /** e.g. the organisation and the as-of date. */
  subtitle?: string;
  /** ISO date-time of generation. */
  generatedAt: string;
  /** A handling banner printed at the top (and on every PDF page). */
  marking?: string;
  blocks: Block[];
}
