/**
 * A day's papers as CSV (`export/DATE.csv`), one row per paper under a header row, for Excel,
 * LibreOffice, Google Sheets, pandas and R. Pure.
 *
 * - UTF-8 with a byte-order mark: Excel opens a CSV without one in the machine's legacy code page
 *   (GBK on Chinese Windows, Windows-1252 elsewhere) and shows the Chinese titles as mojibake;
 *   with the mark it reads UTF-8. csv-parse (`bom: true`), pandas (`encoding="utf-8-sig"`) and R
 *   (`fileEncoding = "UTF-8-BOM"`) drop it.
 * - RFC 4180: records end in CRLF, fields with commas, quotes or line breaks (CRLF, LF or CR)
 *   are quoted with `"` doubled; abstracts keep their paragraph breaks.
 * - Column names are stable (`CSV_COLUMNS`); a paper's several authors are one cell, joined by `; `.
 *   Links are http(s) only (another scheme leaves the cell empty).
 * - Cells that would start a spreadsheet formula get a leading `'` (`spreadsheetSafe`).
 */
import type { Config } from '../config/schema.js';
import type { Day, Paper, SourceDay } from '../model.js';
import { cleanText, safeHttpUrl } from '../text/escape.js';
import { csvText } from './csv-text.js';
import { arxivIdOf, dayPapers, doiOf, paperPageUrl } from './paper-facts.js';
import { spreadsheetSafe } from './spreadsheet-safe.js';

/** The CSV's columns, in order: the header row. Names are stable; new columns are added at the end. */
export const CSV_COLUMNS = [
  'id',
  'version',
  'source',
  'source_name',
  'date',
  'title',
  'title_en',
  'authors',
  'url',
  'pdf_url',
  'code_url',
  'published_date',
  'arxiv_id',
  'doi',
  'abstract',
  'title_note',
  'abstract_note',
  'page_url',
] as const;

/** One column of the CSV. */
export type CsvColumn = (typeof CSV_COLUMNS)[number];

/** Separates a paper's authors in the `authors` cell. */
export const AUTHOR_SEPARATOR = '; ';

/** The day's papers as CSV text: byte-order mark, header row, one row per paper. */
export function renderCsv(day: Day, config: Config): string {
  const rows = dayPapers(day).map(({ paper, source }) => {
    const row = csvRow(paper, source, day, config);
    return CSV_COLUMNS.map((column) => spreadsheetSafe(cleanText(row[column])));
  });
  return csvText([CSV_COLUMNS, ...rows]);
}

function csvRow(paper: Paper, source: SourceDay, day: Day, config: Config): Record<CsvColumn, string> {
  return {
    id: paper.id,
    version: paper.version === undefined ? '' : String(paper.version),
    source: paper.source,
    source_name: source.sourceName,
    date: paper.date,
    title: paper.title,
    title_en: paper.titleEn ?? '',
    authors: paper.authors.join(AUTHOR_SEPARATOR),
    url: safeHttpUrl(paper.url) ?? '',
    pdf_url: safeHttpUrl(paper.pdfUrl) ?? '',
    code_url: safeHttpUrl(paper.codeUrl) ?? '',
    published_date: paper.publishedDate ?? '',
    arxiv_id: arxivIdOf(paper) ?? '',
    doi: doiOf(paper) ?? '',
    abstract: paper.summary,
    title_note: paper.titleNote ?? '',
    abstract_note: paper.summaryNote ?? '',
    page_url: paperPageUrl(paper, day, config),
  };
}
