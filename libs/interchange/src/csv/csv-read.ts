import { type CsvError, parse } from 'csv-parse/sync';
import { unguardCsvFormula } from '@rampart/domain';
import { ImportIssue } from '../native/import-issue';

/** One data row: its cells and the physical line it starts on (1-based; the header is line 1). */
export interface CsvRow {
  line: number;
  cells: string[];
}

/** A CSV file read as text: header, rows, and the problems of its syntax. */
export interface CsvTable {
  file: string;
  /** Undefined when the file is empty (not even a header line). */
  header?: string[];
  /** The line of the header: 1 unless blank lines come first. */
  headerLine: number;
  rows: CsvRow[];
  issues: ImportIssue[];
}

/** Physical line of every byte offset: a line ends with CRLF, LF or a lone CR. */
function lineIndex(bytes: Buffer): (offset: number) => number {
  const starts = [0];
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x0a || (bytes[i] === 0x0d && bytes[i + 1] !== 0x0a)) starts.push(i + 1);
  }
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

const SYNTAX_MESSAGES: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted field is never closed (a missing ")',
  CSV_INVALID_CLOSING_QUOTE:
    'text after the closing quote of a field; a quote inside a quoted field is written twice ("")',
  INVALID_OPENING_QUOTE:
    'a quote inside an unquoted field; quote the whole field and write the quote twice ("")',
};

/**
 * Reads one CSV file (RFC 4180: quoted fields with embedded commas, quotes and line breaks; CRLF or
 * LF; an optional UTF-8 byte-order mark). Cells are trimmed. Lines are counted by us, from the
 * byte offsets the parser reports, so that a quoted field spanning lines (CRLF ones included) moves
 * the following rows down by as many physical lines. Rows whose cells are all empty are skipped.
 */
export function readCsv(file: string, text: string): CsvTable {
  const bytes = Buffer.from(text, 'utf8');
  const lineAt = lineIndex(bytes);
  let records: { record: string[]; info: { bytes: number } }[];
  try {
    records = parse(bytes, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: false,
      trim: true,
    }) as unknown as { record: string[]; info: { bytes: number } }[];
  } catch (e) {
    const err = e as CsvError & { bytes?: number; bytes_records?: number };
    const offset = err.code === 'CSV_QUOTE_NOT_CLOSED' ? err.bytes_records : err.bytes;
    const message = SYNTAX_MESSAGES[err.code] ?? err.message.replace(/\s+at line \d+/, '');
    return {
      file,
      headerLine: 1,
      rows: [],
      issues: [
        {
          file,
          path: '',
          ...(typeof offset === 'number' ? { line: lineAt(offset) } : {}),
          message: `not valid CSV: ${message}`,
        },
      ],
    };
  }
  let header: string[] | undefined;
  let headerLine = 1;
  const rows: CsvRow[] = [];
  let start = 0;
  for (const { record, info } of records) {
    const line = lineAt(start);
    start = info.bytes;
    if (record.every((c) => c === '')) continue;
    if (!header) {
      header = record;
      headerLine = line;
      // Cells, not the header: a leading apostrophe is the formula guard of exports (csv-formula).
    } else rows.push({ line, cells: record.map(unguardCsvFormula) });
  }
  return { file, header, headerLine, rows, issues: [] };
}
