import { guardCsvFormula } from '@rampart/domain';

/** A value of a CSV cell as the native document holds it. */
export type CellValue = string | number | boolean | null | undefined;

/**
 * One RFC 4180 field: quoted when it holds a comma, a quote, a line break, or spaces at either end
 * (csv-read trims unquoted cells); a quote inside is written twice. Numbers and booleans as the
 * importer reads them (`0.9`, `true`); null and undefined are the empty cell. Text gets the formula
 * guard every CSV of the service gets (a leading apostrophe); the importer drops it again.
 */
export function csvField(value: CellValue): string {
  const s =
    value === null || value === undefined
      ? ''
      : typeof value === 'string'
        ? guardCsvFormula(value)
        : String(value);
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One record, CRLF-terminated. A record of one empty field is `""`: a blank line is no record. */
export function csvRecord(cells: readonly CellValue[]): string {
  const fields = cells.map(csvField);
  return `${fields.length === 1 && fields[0] === '' ? '""' : fields.join(',')}\r\n`;
}

/** A header and its rows; every row must have one cell per column. */
export function csvText(header: readonly string[], rows: readonly (readonly CellValue[])[]): string {
  rows.forEach((row, i) => {
    if (row.length !== header.length)
      throw new Error(`csvText: row ${i + 1} has ${row.length} cells, the header ${header.length}`);
  });
  return [header, ...rows].map(csvRecord).join('');
}
