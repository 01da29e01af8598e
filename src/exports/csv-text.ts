/**
 * RFC 4180 text of rows of cells, as spreadsheets and CSV readers take it: a UTF-8 byte-order
 * mark, records ending in CRLF (the last one too), and a cell quoted (its `"` doubled) when it
 * holds a comma, a quote or a line break of any kind (CR, LF: Excel, Python's csv and pandas end
 * a record at a bare LF). Other cells, the empty one too, are written as they are. Pure.
 *
 * (csv-stringify wrote the same bytes with the export's settings, but weighed its general options
 * for every cell: most of the export's time in a profile of a long history's build.)
 */

/** A cell that must be quoted. */
const NEEDS_QUOTES = /[",\r\n]/;

/** One cell as CSV. */
export function csvCell(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** Rows of cells as CSV text, byte-order mark first. */
export function csvText(rows: readonly (readonly string[])[]): string {
  let text = '\uFEFF';
  for (const row of rows) text += `${row.map(csvCell).join(',')}\r\n`;
  return text;
}
