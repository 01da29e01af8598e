/**
 * The RFC 4180 writer under the CSV export, for any cells: csv-parse reads back exactly the
 * rows written, every record ends in CRLF, and a cell is quoted only when it must be.
 */
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvCell, csvText } from '../../src/exports/csv-text.js';

/** Cells made mostly of the characters CSV gives meaning to, and of any text. */
const cellText = fc.oneof(fc.string({ unit: fc.constantFrom('a', ',', '"', '\r', '\n', ' ', '=', '中', '\uFEFF', '\t', "'", '😀') }), fc.string({ unit: 'grapheme' }), fc.string());

describe('CSV text', () => {
  it('reads back as the rows written, for any cells', () => {
    fc.assert(
      fc.property(fc.array(fc.array(cellText, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 5 }), (rows) => {
        // (csv-parse reads a row of one empty cell as no record: rows of two cells or more, as the export's.)
        const text = csvText(rows);
        expect(text.startsWith('\uFEFF')).toBe(true);
        expect(text.endsWith('\r\n')).toBe(true);
        expect(parse(text, { bom: true, relax_column_count: true })).toEqual(rows);
      }),
      { numRuns: 2000 },
    );
  });

  it('quotes a cell only when it holds a comma, a quote or a line break, and doubles its quotes', () => {
    expect(csvCell('plain text, with a comma')).toBe('"plain text, with a comma"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
    expect(csvCell('carriage\rreturn')).toBe('"carriage\rreturn"');
    expect(csvCell('')).toBe('');
    expect(csvCell(' spaced ')).toBe(' spaced ');
    expect(csvCell("'=1+1")).toBe("'=1+1");
    expect(csvText([['a', 'b'], ['', 'c']])).toBe('\uFEFFa,b\r\n,c\r\n');
  });
});
