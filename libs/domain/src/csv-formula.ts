/** A plain decimal literal: a spreadsheet reads it as a number, so it cannot carry a formula. */
const NUMBER_LITERAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
/** Leading characters that make Excel, LibreOffice or Sheets evaluate a cell (OWASP CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * The one formula guard of every CSV the service writes (reports and the graph's CSV sets): text
 * a spreadsheet would run as a formula gets a leading apostrophe, and so does text that starts
 * with an apostrophe already, which keeps the guard reversible: `unguardCsvFormula` gives the
 * value back, so a CSV set still imports to exactly what was exported.
 */
export function guardCsvFormula(s: string): string {
  return s.startsWith("'") || (FORMULA_START.test(s) && !NUMBER_LITERAL.test(s)) ? `'${s}` : s;
}

/** The value a guarded cell stands for: one leading apostrophe dropped (importers of CSV sets). */
export function unguardCsvFormula(s: string): string {
  return s.startsWith("'") ? s.slice(1) : s;
}
