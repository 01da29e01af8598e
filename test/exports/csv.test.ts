/**
 * The day's CSV parsed back with csv-parse: a header row of the stable column names, one row per
 * paper, every cell exactly as the model has it (commas, quotes, line breaks in abstracts), a
 * byte-order mark for Excel, and no cell a spreadsheet would run as a formula.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/schema.js';
import { AUTHOR_SEPARATOR, CSV_COLUMNS, renderCsv } from '../../src/exports/csv.js';
import { dayPapers } from '../../src/exports/paper-facts.js';
import { spreadsheetSafe } from '../../src/exports/spreadsheet-safe.js';
import type { Day, Paper } from '../../src/model.js';
import { cleanText } from '../../src/text/escape.js';
import { hasCorpus } from '../helpers/corpus.js';
import { corpusDays } from '../helpers/corpus-days.js';
import { HOSTILE_ABSTRACT, HOSTILE_TEXT, hostile, hostileDay, hostileOrder } from './hostile-day.js';

const config = { ...defaultConfig(), siteUrl: 'https://papers.example.org/daily/' };

/** Rows as objects by column name, after checking the header. */
function parseCsv(text: string): Record<string, string>[] {
  expect(text.startsWith('\uFEFF')).toBe(true);
  const rows = parse(text, { bom: true, relax_column_count: false }) as string[][];
  expect(rows[0]).toEqual([...CSV_COLUMNS]);
  return rows.slice(1).map((cells) => Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, cells[i]!])));
}

/** A cell as the CSV must hold it: the text without control characters, guarded against formulas. */
const cell = (text: string | undefined) => spreadsheetSafe(cleanText(text ?? ''));

function expectRowOf(row: Record<string, string>, paper: Paper) {
  expect(row.id).toBe(paper.id);
  expect(row.version).toBe(paper.version === undefined ? '' : String(paper.version));
  expect(row.source).toBe(paper.source);
  expect(row.date).toBe(paper.date);
  expect(row.title).toBe(cell(paper.title));
  expect(row.title_en).toBe(cell(paper.titleEn));
  expect(row.authors).toBe(cell(paper.authors.join(AUTHOR_SEPARATOR)));
  expect(row.abstract).toBe(cell(paper.summary));
  expect(row.published_date).toBe(paper.publishedDate ?? '');
}

describe.skipIf(!hasCorpus)('CSV export of the real corpus', () => {
  it('reads back one row per paper with every cell as in the model, every day', () => {
    let papers = 0;
    let multiline = 0;
    for (const day of corpusDays()) {
      const listed = dayPapers(day);
      const rows = parseCsv(renderCsv(day, config));
      expect(rows.length, day.date).toBe(listed.length);
      rows.forEach((row, i) => expectRowOf(row, listed[i]!.paper));
      papers += listed.length;
      multiline += rows.filter((r) => r.abstract!.includes('\n')).length;
    }
    expect(papers).toBeGreaterThan(1000);
    expect(multiline).toBeGreaterThan(0);
  });
});

/** Debian's Python (not a pyenv one): its csv module splits records as Excel and pandas do. */
const PYTHON = '/usr/bin/python3';
const hasPython = existsSync(PYTHON);
if (!hasPython) console.warn('[digestcast tests] /usr/bin/python3 is not installed: the CSV export is not read back with Python\'s csv module');

/** Rows as Python's csv module reads the file (as Excel and pandas do: a bare line break outside quotes ends a record). */
function pythonRows(text: string): string[][] {
  const dir = mkdtempSync(join(tmpdir(), 'digestcast-csv-'));
  try {
    const file = join(dir, 'day.csv');
    writeFileSync(file, text);
    const read = spawnSync(PYTHON, ['-c', "import csv, json, sys\nwith open(sys.argv[1], newline='', encoding='utf-8-sig') as f: print(json.dumps(list(csv.reader(f))))", file], { encoding: 'utf8' });
    expect(read.status, read.stderr).toBe(0);
    return JSON.parse(read.stdout) as string[][];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe.skipIf(!hasPython)("CSV export read back by Python's csv module", () => {
  it('gives one record per paper, line breaks in abstracts kept inside their cells', () => {
    const days = [hostileDay(), ...(hasCorpus ? corpusDays() : [])];
    let multiline = 0;
    for (const day of days) {
      const text = renderCsv(day, config);
      const rows = pythonRows(text);
      expect(rows.length, day.date).toBe(dayPapers(day).length + 1);
      expect(rows, day.date).toEqual(parse(text, { bom: true }));
      multiline += rows.filter((r) => r.some((c) => /[\r\n]/.test(c))).length;
    }
    expect(multiline).toBeGreaterThan(0);
  });
});

describe('CSV export of hostile text', () => {
  const text = renderCsv(hostileDay(), config);
  const rows = parseCsv(text);

  it('is byte for byte what csv-stringify wrote (the file was written with it, before the export had a writer of its own)', () => {
    expect(Buffer.from(text, 'utf8').equals(readFileSync(join(import.meta.dirname, 'fixtures/hostile-day.csv')))).toBe(true);
  });

  it('keeps commas, quotes, braces and line breaks in cells exactly', () => {
    expect(rows).toHaveLength(hostileOrder.length);
    rows.forEach((row, i) => expectRowOf(row, hostileOrder[i]!));
    expect(rows[0]!.title_en).toBe(`English: ${HOSTILE_TEXT}`);
    expect(rows[0]!.abstract).toBe(HOSTILE_ABSTRACT);
  });

  it('ends records in CRLF (RFC 4180) and gives each paper its links, ids and page address', () => {
    expect(text.split('\r\n')[0]).toBe(`\uFEFF${CSV_COLUMNS.join(',')}`);
    const [specials, , biorxiv, , , javascript] = rows;
    expect(specials).toMatchObject({
      version: '3',
      source_name: 'arXiv',
      arxiv_id: '2510.00001',
      doi: '',
      url: 'https://arxiv.org/abs/2510.00001',
      pdf_url: 'http://arxiv.org/pdf/2510.00001v3',
      code_url: 'https://github.com/example/%7Brepo%7D?q=a%20b',
      published_date: '2025-10-15',
      title_note: hostile.specials.titleNote,
      abstract_note: hostile.specials.summaryNote,
      page_url: 'https://papers.example.org/daily/2025-10-17.html#arxiv-2510.00001',
    });
    expect(biorxiv).toMatchObject({ doi: '10.1101/2024.10.18.619016', arxiv_id: '', source_name: 'bioRxiv' });
    expect(javascript).toMatchObject({ id: 'url:javascript:alert(1)', url: '', pdf_url: '', source_name: 'Other {x}' });
    for (const row of rows) for (const link of [row.url, row.pdf_url, row.code_url, row.page_url]) expect(link === '' || /^https?:\/\//.test(link!)).toBe(true);
  });

  it('puts an apostrophe before cells that would start a spreadsheet formula, and only those', () => {
    const formula = rows[1]!;
    expect(formula.title).toBe("'=1+1");
    expect(formula.title_en).toBe("'+SUM(A1:A9)");
    expect(formula.authors).toBe("'@evil; -minus");
    expect(formula.abstract).toBe("'-2+3");
    expect(rows[5]!.abstract).toBe("'\t制表符开头");
    expect(rows[0]!.authors!.startsWith('Alice')).toBe(true);
    for (const row of rows) for (const value of Object.values(row)) expect(value).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('writes an empty day as the header row alone', () => {
    const empty: Day = { date: '2025-10-19', sources: [] };
    expect(renderCsv(empty, config)).toBe(`\uFEFF${CSV_COLUMNS.join(',')}\r\n`);
  });
});

describe('spreadsheetSafe', () => {
  it('guards the six characters OWASP lists and leaves other text alone', () => {
    for (const c of ['=', '+', '-', '@', '\t', '\r']) expect(spreadsheetSafe(`${c}x`)).toBe(`'${c}x`);
    for (const text of ['', 'x=1', ' =1', "'=1", '中文', '2025-10-17']) expect(spreadsheetSafe(text)).toBe(text);
  });
});
