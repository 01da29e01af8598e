import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Paper } from '../../src/model.js';
import { paperRecord, paperRecordsJson } from '../../src/paper-record.js';

/** Text that JSON must escape or that could pass for the printer's own separators. */
const hostile = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.constantFrom('', '"', '\\', '\n', '\n  ', ',\n  ', '\n]', '[\n', '}', '\u2028\u2029', '\ud800', '\udfff', '\u0000\u001f', '</script>', '😀'),
);

const paper: fc.Arbitrary<Paper> = fc
  .record({
    title: hostile,
    summary: hostile,
    authors: fc.array(hostile, { maxLength: 3 }),
    titleNote: fc.option(hostile, { nil: undefined }),
    version: fc.option(fc.integer({ min: 1, max: 20 }), { nil: undefined }),
    extra: fc.option(fc.dictionary(fc.oneof(hostile, fc.constantFrom('2024', '0', 'column 5')), hostile, { minKeys: 1, maxKeys: 3 }), { nil: undefined }),
    line: fc.nat(),
  })
  .map(({ title, summary, authors, titleNote, version, extra, line }) => {
    const p: Paper = { id: 'arxiv:2510.00001', date: '2025-10-17', source: 'arxiv', title, authors, pdfUrl: 'http://arxiv.org/pdf/2510.00001v1', url: 'https://arxiv.org/abs/2510.00001', summary, file: 'd.md', line };
    if (titleNote !== undefined) p.titleNote = titleNote;
    if (version !== undefined) p.version = version;
    if (extra !== undefined) p.extra = extra;
    return p;
  });

describe('paper records as streamed JSON', () => {
  it('prints the same bytes as one JSON.stringify of the whole array, whatever the chunk size', () => {
    fc.assert(
      fc.property(fc.array(paper, { maxLength: 9 }), fc.integer({ min: 1, max: 4 }), (papers, perChunk) => {
        const pieces = [...paperRecordsJson(papers, perChunk)];
        const text = pieces.join('');
        expect(text).toBe(`${JSON.stringify(papers.map(paperRecord), null, 2)}\n`);
        expect(JSON.parse(text)).toEqual(papers.map(paperRecord));
        // Streamed: about one piece per chunk of records, never the whole array at once.
        expect(pieces.length).toBe(Math.ceil(papers.length / perChunk) + 1);
      }),
      { numRuns: 300 },
    );
  });

  it('prints an empty array as []', () => {
    expect([...paperRecordsJson([])].join('')).toBe('[]\n');
  });
});
