export type CsvValue = string | number | boolean | null | undefined;

/**
 * RFC 4180 CSV: a header row, CRLF after every record, fields quoted only when they hold a comma,
 * a quote, CR or LF. Text a spreadsheet would run as a formula gets a leading apostrophe.
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

/** A plain decimal literal: a spreadsheet reads it as a number, so it cannot carry a formula. */
const NUMBER_LITERAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
/** Leading characters that make Excel, LibreOffice or Sheets evaluate a cell (OWASP CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

function field(v: CsvValue): string {
  let s: string;
  if (v === null || v === undefined) s = '';
  else if (typeof v === 'number' && Number.isFinite(v)) s = String(v);
  else if (typeof v === 'boolean') s = v ? 'true' : 'false';
  else {
    // Text, and non-finite numbers written as text ("-Infinity" starts like a formula).
    s = String(v);
    if (FORMULA_START.test(s) && !NUMBER_LITERAL.test(s)) s = `'${s}`;
  }
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
