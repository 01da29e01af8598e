/**
 * Guarding CSV cells against spreadsheet formula injection ("CSV injection", OWASP; CWE-1236).
 * Pure.
 *
 * Excel, LibreOffice Calc and Google Sheets read a cell whose text begins with `=`, `+`, `-` or
 * `@` as a formula (and also one that begins with a tab or carriage return, which some of them
 * skip before looking): a digest title such as `=HYPERLINK("http://…")` would run when a reader
 * opens the day's CSV. CSV quoting does not help, the spreadsheet unquotes first. As OWASP and
 * ASVS 1.2.10 recommend, such a cell gets a leading apostrophe, which spreadsheets take as
 * "this is text" and do not show. The cost: a program reading the CSV sees the apostrophe; it
 * stands only before one of those six characters, so `^'(?=[=+\-@\t\r])` finds it to strip.
 * (The static JSON API has the same data without it.)
 */

/** Characters that make a spreadsheet read a cell as a formula when they begin it. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** The cell's text, with `'` before it when it would start a formula. */
export function spreadsheetSafe(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}
