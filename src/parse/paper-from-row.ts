/**
 * One aligned table row → a `Paper`, or the diagnostics that say why it is not one.
 */
import type { Diagnostic, Paper, SourceId } from '../model.js';
import type { AlignedCells } from './align-row.js';
import { cellText, cellToText } from './cell-markdown.js';
import type { ColumnField } from './columns.js';
import { findDate } from './digest-heading.js';
import { readableLatex } from './latex.js';
import { identifyPaper, parseHttpUrl } from './paper-link.js';
import { pdfLinkIndex } from './pdf-link-marker.js';
import type { CellSpan } from './scan-blocks.js';
import { splitSummaryCell, splitTitleCell } from './translator-commentary.js';
import { oneLine } from '../text/one-line.js';

/** Longest title kept whole; longer title-like text is cut at a sentence end. */
export const MAX_TITLE_LENGTH = 200;

/** Where a row is and what it belongs to. */
export interface RowContext {
  file: string;
  date: string;
  source: SourceId;
  /** Field of each column. */
  fields: readonly (ColumnField | undefined)[];
  /** Header text of each column (for `extra`). */
  headers: readonly string[];
  /** Offset → position in the file. */
  position: (offset: number) => { line: number; column: number };
  /** Text found between this row and the next, for the abstract. */
  trailingText?: CellSpan;
}

/** Result of reading a row: the paper (if any), what went wrong, and the `[PDF](` offset it accounts for. */
export interface RowResult {
  paper?: Paper;
  diagnostics: Diagnostic[];
  /** Offset of the `[PDF](` this row used, so the file-wide check knows it is accounted for. */
  pdfOffset?: number;
}

const NOT_AVAILABLE = /^(?:n\/?a|none|null|无|暂无|没有|-+|—+)$/i;
const BARE_URL = /\b(?:https?:\/\/|javascript:|data:|vbscript:)[^\s<>()\]]+/i;

/** Builds a paper from an aligned row. */
export function paperFromRow(row: AlignedCells, rowStart: number, ctx: RowContext): RowResult {
  const cellOf = (field: ColumnField) => {
    const i = ctx.fields.indexOf(field);
    return i === -1 ? undefined : row.cells[i];
  };
  const diagnostics: Diagnostic[] = [];
  const report = (at: number, severity: Diagnostic['severity'], rule: string, message: string, pdfUrl?: string) => {
    const d: Diagnostic = { file: ctx.file, ...ctx.position(at), severity, rule, message };
    if (pdfUrl !== undefined) d.pdfUrl = pdfUrl;
    diagnostics.push(d);
  };
  const rowPos = ctx.position(rowStart);

  const pdfCell = cellOf('pdf');
  const pdfOffset = pdfCell ? pdfLinkOffset(pdfCell) : undefined;
  const result = (paper?: Paper): RowResult => {
    const r: RowResult = { diagnostics };
    if (paper) r.paper = paper;
    if (pdfOffset !== undefined) r.pdfOffset = pdfOffset;
    return r;
  };

  const rawUrl = pdfCell ? linkIn(pdfCell.text, /^\s*pdf\s*$/i) : undefined;
  if (rawUrl === undefined) {
    const titleText = oneLine(cellText(cellOf('title')?.text ?? '')).slice(0, 60);
    // A `[PDF](` with no usable target still counts as this row's link, reported as written.
    const written = pdfOffset === undefined ? undefined : /\(\s*([^)\s]*)/.exec(pdfCell!.text.slice(pdfOffset - pdfCell!.start))?.[1] ?? '';
    report(pdfCell?.start ?? rowStart, 'warning', 'row-without-pdf-link', `row has no PDF link, so it is not a paper${titleText ? ` ("${titleText}")` : ''}: add a [PDF](https://…) cell`, written);
    return result();
  }
  const identity = identifyPaper(rawUrl);
  if (!identity) {
    report(pdfCell!.start, 'error', 'unsafe-pdf-link', `PDF link "${truncate(rawUrl, 80)}" is not an absolute http(s) URL; the row is skipped`, rawUrl);
    return result();
  }

  for (const repair of row.repairs) {
    const message = {
      'merged-extra-cells': 'row has more cells than the header (a literal "|" in a cell?); extra cells were joined into the title or abstract',
      'missing-cells': 'row has fewer cells than the header; missing cells are left empty',
      'split-joined-rows': 'two rows stand on one line; they were read as separate papers',
    }[repair];
    report(rowStart, 'warning', repair, message, rawUrl);
  }

  // Title and its commentary.
  const titleEnCell = cellOf('titleEn');
  const titleEnText = titleEnCell ? oneLine(cellText(titleEnCell.text)) : '';
  const titleEn = titleEnText && !NOT_AVAILABLE.test(titleEnText) ? titleEnText : undefined;
  const split = splitTitleCell(cellOf('title')?.text ?? '');
  let titleText = oneLine(cellText(split.title));
  let note = split.note ? tidyLines(cellText(split.note)) : '';
  if (split.untranslated && titleText !== '') {
    // The prompt came back instead of a translation: the original title is the best there is.
    if (titleEn) titleText = titleEn;
    report(rowStart, 'info', 'title-untranslated', `title cell asks for a translation instead of giving one; the English title is shown${titleEn ? ' (from the English title column)' : ''} and the request kept as titleNote`, rawUrl);
  }
  const fallback = titleText === '' || titleText.length > MAX_TITLE_LENGTH || isParagraph(titleText);
  if (split.chatter && !split.untranslated && !fallback) {
    report(rowStart, 'info', 'translator-chatter', `title cell talks about translating ("${truncate(oneLine(note), 40)}"); the title is read from it and the chatter kept as titleNote`, rawUrl);
  }
  if (fallback) {
    const whole = titleText;
    if (titleEn) {
      titleText = truncate(titleEn, MAX_TITLE_LENGTH);
      report(rowStart, 'info', 'title-from-english', whole ? 'title cell holds a paragraph, not a title; the English title is used' : 'title cell holds no title (only commentary or nothing); the English title is used', rawUrl);
    } else if (whole) {
      titleText = firstSentence(whole);
      report(rowStart, 'warning', 'title-shortened', 'title cell holds no clear title; its first sentence is used and the rest kept as titleNote', rawUrl);
    } else {
      titleText = '';
      report(rowStart, 'info', 'missing-title', note
        ? `title cell holds only translator chatter, no title ("${truncate(oneLine(note), 40)}"); the title is left empty (readers see a label with the source and id) and the chatter kept as titleNote`
        : 'row has an empty title (and no English title); the title is left empty (readers see a label with the source and id)', rawUrl);
    }
    if (whole && whole !== titleText) note = note ? `${whole}\n\n${note}` : whole;
  }

  const summarySplit = splitSummaryCell(cellOf('summary')?.text ?? '');
  const summaryRaw = tidyParagraphs(cellText(summarySplit.summary));
  const trailing = ctx.trailingText ? tidyParagraphs(cellText(ctx.trailingText.text)) : '';
  if (trailing) {
    report(ctx.trailingText!.start, 'warning', 'text-between-rows', 'text between two table rows was added to the abstract of the row above', rawUrl);
  }
  const summaryText = [summaryRaw, trailing].filter(Boolean).join('\n\n');
  const summaryNote = summarySplit.note ? tidyLines(cellText(summarySplit.note)) : '';

  const paper: Paper = {
    id: identity.id,
    date: ctx.date,
    source: ctx.source,
    title: readableLatex(titleText),
    authors: authorsOf(cellOf('authors')),
    pdfUrl: rawUrl,
    url: identity.url,
    summary: readableLatex(summaryText),
    file: ctx.file,
    line: rowPos.line,
  };
  if (identity.version !== undefined) paper.version = identity.version;
  if (note) paper.titleNote = note;
  if (titleEn) paper.titleEn = readableLatex(titleEn);
  if (summaryNote) paper.summaryNote = summaryNote;
  const original: NonNullable<Paper['original']> = {};
  if (paper.title !== titleText) original.title = titleText;
  if (titleEn && paper.titleEn !== titleEn) original.titleEn = titleEn;
  if (paper.summary !== summaryText) original.summary = summaryText;
  if (Object.keys(original).length > 0) paper.original = original;

  const dateCell = cellOf('publishedDate');
  if (dateCell && dateCell.text !== '' && !NOT_AVAILABLE.test(dateCell.text)) {
    const published = findDate(dateCell.text);
    if (published) paper.publishedDate = published;
    else report(dateCell.start, 'warning', 'bad-published-date', `publication date "${truncate(dateCell.text, 40)}" is not a date (YYYY-MM-DD); it is left out`, rawUrl);
  }

  const codeCell = cellOf('code');
  if (codeCell && codeCell.text !== '' && !NOT_AVAILABLE.test(codeCell.text)) {
    const code = linkIn(codeCell.text);
    if (code && parseHttpUrl(code)) paper.codeUrl = code;
    else report(codeCell.start, 'warning', 'bad-code-link', `code cell "${truncate(codeCell.text, 60)}" has no http(s) link; it is left out`, rawUrl);
  }

  if (!paper.codeUrl) {
    const mentioned = codeLinkIn(paper.summary);
    if (mentioned) paper.codeUrl = mentioned;
  }

  const extra: Record<string, string> = {};
  ctx.fields.forEach((field, i) => {
    const cell = row.cells[i];
    if (field === undefined && cell && cell.text !== '') extra[ctx.headers[i] || `column ${i + 1}`] = tidyParagraphs(cellText(cell.text));
  });
  if (Object.keys(extra).length > 0) paper.extra = extra;

  return result(paper);
}

/** Link target in a cell: the Markdown link whose text matches `label` (else the first one), or a bare URL. */
function linkIn(markdown: string, label?: RegExp): string | undefined {
  const links = cellToText(markdown).links.filter((l) => l.url.trim() !== '');
  const link = (label && links.find((l) => label.test(l.text))) ?? links[0];
  if (link) return link.url.trim();
  return BARE_URL.exec(markdown)?.[0];
}

/** A code-hosting link mentioned in an abstract (`代码已开源：https://github.com/…。`). */
const CODE_HOST_URL = /https?:\/\/(?:www\.)?(?:github\.com|gitlab\.com|huggingface\.co|bitbucket\.org|codeberg\.org)\/[^\s<>()（）\u3000-\u303f\uff00-\uffef"'“”]+/i;

function codeLinkIn(text: string): string | undefined {
  const m = CODE_HOST_URL.exec(text);
  return m ? m[0].replace(/[.,;:!?]+$/, '') : undefined;
}

function pdfLinkOffset(cell: CellSpan): number | undefined {
  const i = pdfLinkIndex(cell.text);
  return i === -1 ? undefined : cell.start + i;
}

function authorsOf(cell: CellSpan | undefined): string[] {
  if (!cell) return [];
  const text = oneLine(cellText(cell.text));
  if (text === '' || NOT_AVAILABLE.test(text)) return [];
  return text
    .split(/\s*[;；、]\s*/)
    .map((a) => a.trim())
    .filter(Boolean);
}


/** Paragraphs kept (`\n\n`), other whitespace collapsed. */
export function tidyParagraphs(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map(oneLine)
    .filter(Boolean)
    .join('\n\n');
}

/**
 * A summary rather than a title: long and with a full stop inside, or three sentences and more.
 * Titles may be questions or exclamations, and some end in or contain one `。`.
 */
function isParagraph(text: string): boolean {
  const fullStops = text.match(/。(?=\s*\S)/g)?.length ?? 0;
  const stops = text.match(/[。！？](?=\s*\S)|[.!?](?=\s+\S)/g)?.length ?? 0;
  return fullStops >= 2 || (text.length > 80 && fullStops >= 1) || stops >= 3;
}

/** Line breaks kept (commentary is often a numbered list), blank runs and spaces collapsed. */
export function tidyLines(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** The first sentence of a text, at most `MAX_TITLE_LENGTH` characters. */
function firstSentence(text: string): string {
  const end = text.search(/[。！？!?]/);
  const sentence = end === -1 ? text : text.slice(0, end + 1);
  return truncate(sentence, MAX_TITLE_LENGTH);
}

function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
