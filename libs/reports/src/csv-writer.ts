import { guardCsvFormula } from '@rampart/domain';

export type CsvValue = string | number | boolean | null | undefined;

/**
 * RFC 4180 CSV: a header row, CRLF after every record, fields quoted only when they hold a comma,
 * a quote, CR or LF. Text a spreadsheet would run as a formula gets a leading apostrophe
 * (guardCsvFormula, the same guard as the graph's CSV sets).
 */
export function toCsv(columns: string[], rows: CsvValue[][]): string {
  rows.forEach((row, i) => {
    if (row.length !== columns.length) {
      throw new Error(
        `toCsv: row ${i + 1} of ${rows.length} (index ${i}) has ${row.length} values, ` +
          `but there are ${columns.length} columns`,
      );
    }
  });
  // A lone empty field is quoted: a blank line would be read as no record at all.
  return [columns, ...rows]
    .map((r) => (r.length === 1 && field(r[0]) === '' ? '""' : r.map(field).join(',')) + '\r\n')
    .join('');
}

function field(v: CsvValue): string {
  let s: string;
  if (v === null || v === undefined) s = '';
  else if (typeof v === 'number' && Number.isFinite(v)) s = String(v);
  else if (typeof v === 'boolean') s = v ? 'true' : 'false';
  else {
    // Text, and non-finite numbers written as text ("-Infinity" starts like a formula).
    s = guardCsvFormula(String(v));
  }
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
