/**
 * Line scanner that finds the block structure of a digest: headings, status quotes,
 * tables and stray text. It is where broken tables are repaired: a row that goes on
 * over several lines (translator commentary, blank lines inside a cell) stays one row,
 * where GFM would end the table.
 *
 * Pure and linear in the input; offsets are into the (normalised) text.
 */
import { hasPdfLink } from './pdf-link-marker.js';

/** One table cell: raw Markdown between two unescaped pipes, trimmed. */
export interface CellSpan {
  text: string;
  /** Offset of the first character of `text` in the digest. */
  start: number;
}

/** One logical table row, possibly spread over several physical lines. */
export interface TableRow {
  /** 1-based line where the row starts. */
  line: number;
  start: number;
  end: number;
  cells: CellSpan[];
  /** Physical lines the row spans (1 for a well-formed row). */
  lineCount: number;
  /**
   * Lines inside a cell that go on for a while and start with `|` (a small table the
   * translator wrote into the cell): `[start, end)` offsets whose pipes do not split cells.
   */
  nestedLines?: [number, number][];
  /** Text found between this row and the next, outside any row. */
  trailingText?: CellSpan;
}

export interface TableBlock {
  kind: 'table';
  line: number;
  start: number;
  /** Header cells; empty when rows with PDF links stood without a header. */
  header: CellSpan[];
  /** Whether the GFM delimiter row (`|---|`) was present. */
  delimiter: boolean;
  rows: TableRow[];
}

export interface HeadingBlock {
  kind: 'heading';
  depth: number;
  text: string;
  line: number;
  start: number;
}

export interface QuoteBlock {
  kind: 'quote';
  text: string;
  line: number;
  start: number;
}

export interface TextBlock {
  kind: 'text';
  text: string;
  line: number;
  start: number;
}

export type Block = HeadingBlock | QuoteBlock | TableBlock | TextBlock;

const ROW_START = /^ {0,3}\|/;
const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+|$)(.*?)(?:[ \t]+#+)?[ \t]*$/;
const QUOTE = /^ {0,3}>[ \t]?/;
const DELIMITER_CHARS = /^[ \t|:-]+$/;
/** A header row that names a paper table's columns (or a combined file's index table). */
const PAPER_HEADER = /pdf|链接|标题|title|来源|source/i;

/** Whether a line is a GFM table delimiter row such as `|------|:----:|`. */
export function isDelimiterRow(line: string): boolean {
  return line.includes('|') && line.includes('-') && DELIMITER_CHARS.test(line);
}

/** Number of pipes in `text[from, to)` not escaped by a backslash. */
export function countUnescapedPipes(text: string, from = 0, to = text.length): number {
  let count = 0;
  let backslashes = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 92 /* \ */) {
      backslashes++;
      continue;
    }
    if (c === 124 /* | */ && backslashes % 2 === 0) count++;
    backslashes = 0;
  }
  return count;
}

function endsWithUnescapedPipe(line: string): boolean {
  const trimmed = line.trimEnd();
  if (!trimmed.endsWith('|')) return false;
  let backslashes = 0;
  for (let i = trimmed.length - 2; i >= 0 && trimmed[i] === '\\'; i--) backslashes++;
  return backslashes % 2 === 0;
}

/**
 * Splits a logical row into cells on unescaped pipes. With `mathAware`, pipes inside
 * `$…$` do not split (used to repair `$|x|$` in a row that has too many cells); pipes
 * inside the `opaque` ranges (sorted `[start, end)` offsets) never split.
 */
export function splitCells(text: string, start: number, end: number, mathAware = false, opaque: readonly (readonly [number, number])[] = []): CellSpan[] | undefined {
  let nextOpaque = 0;
  const isOpaque = (at: number) => {
    while (nextOpaque < opaque.length && opaque[nextOpaque]![1] <= at) nextOpaque++;
    const range = opaque[nextOpaque];
    return range !== undefined && range[0] <= at;
  };
  let i = start;
  while (i < end && isSpace(text.charCodeAt(i))) i++;
  if (text.charCodeAt(i) === 124) i++;
  const cells: CellSpan[] = [];
  let cellStart = i;
  let backslashes = 0;
  let inMath = false;
  for (; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 92) {
      backslashes++;
      continue;
    }
    const escaped = backslashes % 2 === 1;
    backslashes = 0;
    if (escaped) continue;
    if (mathAware && c === 36 /* $ */) inMath = !inMath;
    else if (c === 124 && !inMath && !isOpaque(i)) {
      cells.push(trimSpan(text, cellStart, i));
      cellStart = i + 1;
    } else if (c === 10 && inMath) {
      // Inline math never spans a blank line; a lone `$` must not swallow the row.
      if (text.charCodeAt(i + 1) === 10) inMath = false;
    }
  }
  // An unclosed `$` means the math reading was wrong: the caller keeps the plain split.
  if (mathAware && inMath) return undefined;
  const last = trimSpan(text, cellStart, end);
  if (last.text !== '' || cells.length === 0) cells.push(last);
  return cells;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10;
}

function trimSpan(text: string, from: number, to: number): CellSpan {
  while (from < to && isSpace(text.charCodeAt(from))) from++;
  while (to > from && isSpace(text.charCodeAt(to - 1))) to--;
  return { text: text.slice(from, to), start: from };
}

interface Line {
  text: string;
  start: number;
  /** 1-based line number. */
  number: number;
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  let number = 1;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    lines.push({ text: text.slice(start, end), start, number });
    start = end + 1;
    number++;
  }
  return lines;
}

/**
 * Scans a digest into blocks. Rows are assembled by the repair rules:
 * - a line starting with `|` starts a row (in a table without outer pipes, any line);
 * - a row with fewer than header+1 pipes, or whose last line does not end with a pipe,
 *   goes on over the following lines (blank ones included) until it does;
 * - text between complete rows is kept as the earlier row's `trailingText`.
 */
export function scanBlocks(text: string): Block[] {
  const lines = splitLines(text);
  const blocks: Block[] = [];
  let i = 0;
  let paragraph: Line[] = [];

  const flushParagraph = () => {
    if (paragraph.length === 0) return;
    const first = paragraph[0]!;
    const last = paragraph[paragraph.length - 1]!;
    blocks.push({ kind: 'text', text: text.slice(first.start, last.start + last.text.length), line: first.number, start: first.start });
    paragraph = [];
  };

  while (i < lines.length) {
    const line = lines[i]!;
    const next = lines[i + 1];
    if (next && isDelimiterRow(next.text) && (ROW_START.test(line.text) || isPipelessHeader(line.text, next.text))) {
      flushParagraph();
      const table = scanTable(text, lines, i, true);
      blocks.push(table.block);
      i = table.next;
      continue;
    }
    if (ROW_START.test(line.text) && hasPdfLink(line.text)) {
      flushParagraph();
      const table = scanTable(text, lines, i, false);
      blocks.push(table.block);
      i = table.next;
      continue;
    }
    const heading = HEADING.exec(line.text);
    if (heading) {
      flushParagraph();
      blocks.push({ kind: 'heading', depth: heading[1]!.length, text: heading[2]!.trim(), line: line.number, start: line.start });
      i++;
      continue;
    }
    if (QUOTE.test(line.text)) {
      flushParagraph();
      let j = i;
      const parts: string[] = [];
      while (j < lines.length && QUOTE.test(lines[j]!.text)) {
        parts.push(lines[j]!.text.replace(QUOTE, ''));
        j++;
      }
      blocks.push({ kind: 'quote', text: parts.join('\n').trim(), line: line.number, start: line.start });
      i = j;
      continue;
    }
    if (line.text.trim() === '') flushParagraph();
    else paragraph.push(line);
    i++;
  }
  flushParagraph();
  return blocks;
}

/**
 * GFM also allows tables without outer pipes (`标题 | 作者 | PDF链接`): a line with a pipe,
 * followed by a delimiter row with as many cells.
 */
function isPipelessHeader(line: string, delimiter: string): boolean {
  if (countUnescapedPipes(line) === 0 || HEADING.test(line) || QUOTE.test(line)) return false;
  const cells = (row: string) => splitCells(row, 0, row.length)!.length;
  return cells(line) === cells(delimiter);
}

/** Scans one table from `first` (its header line, or its first row when headerless). */
function scanTable(text: string, lines: Line[], first: number, hasHeader: boolean): { block: TableBlock; next: number } {
  const headerLine = lines[first]!;
  const header = hasHeader ? splitCells(text, headerLine.start, headerLine.start + headerLine.text.length)! : [];
  const block: TableBlock = { kind: 'table', line: headerLine.number, start: headerLine.start, header, delimiter: hasHeader, rows: [] };
  // Without outer pipes, a row is complete once it separates all columns.
  const pipeless = hasHeader && !ROW_START.test(headerLine.text);
  // A complete row has one pipe more than the table has columns.
  const expectedPipes = pipeless ? header.length - 1 : hasHeader ? header.length + 1 : 0;
  let i = hasHeader ? first + 2 : first;
  // Rows of a paper table carry PDF links; a `|` line without one, inside a cell that is
  // still open, is the translator's own small table in that cell.
  const pdfTable = !hasHeader || header.some((c) => /pdf|链接|link|url/i.test(c.text));

  /** `last`: last line whose pipes count; `tail`: last non-blank line of the row (nested lines included). */
  let row: { first: Line; last: Line; tail: Line; pipes: number; lineCount: number; hasPdf: boolean; nested: [number, number][] } | undefined;
  let orphan: Line[] = [];
  let orphanIndex = -1;

  const isComplete = (r: NonNullable<typeof row>) =>
    pipeless ? r.pipes >= expectedPipes : r.pipes >= Math.max(expectedPipes, 2) && endsWithUnescapedPipe(r.last.text);
  // Without outer pipes, any line after a complete row starts the next one, even one with no
  // pipe yet (its first cell goes on).
  const startsRow = (line: string) =>
    ROW_START.test(line) || (pipeless && (!row || isComplete(row)) && line.trim() !== '' && !HEADING.test(line) && !QUOTE.test(line));

  /**
   * Inside a cell that is still open (the row lacks pipes and its last line does not end
   * with one), a `|` line goes on with that cell unless it is a row of this table: one
   * with a PDF link that is a whole row, or the open row's first with no link yet.
   * Returns whether the line continues the cell, and whether as a nested table line.
   */
  const continuesOpenCell = (line: Line): 'nested' | 'rest' | undefined => {
    if (!row || pipeless || !pdfTable || isComplete(row) || endsWithUnescapedPipe(row.last.text)) return undefined;
    if (!hasPdfLink(line.text)) return 'nested';
    return !row.hasPdf && countUnescapedPipes(line.text) < expectedPipes ? 'rest' : undefined;
  };

  const finishRow = () => {
    if (!row) return;
    const end = row.tail.start + row.tail.text.length;
    const scanned: TableRow = {
      line: row.first.number,
      start: row.first.start,
      end,
      cells: splitCells(text, row.first.start, end, false, row.nested)!,
      lineCount: row.lineCount,
    };
    if (row.nested.length > 0) scanned.nestedLines = row.nested;
    block.rows.push(scanned);
    row = undefined;
  };

  const attachOrphan = () => {
    if (orphan.length === 0) return;
    const prev = block.rows[block.rows.length - 1];
    const firstLine = orphan[0]!;
    const lastLine = orphan[orphan.length - 1]!;
    if (prev) prev.trailingText = trimSpan(text, firstLine.start, lastLine.start + lastLine.text.length);
    orphan = [];
  };

  for (; i < lines.length; i++) {
    const line = lines[i]!;
    const blank = line.text.trim() === '';
    const inCell = ROW_START.test(line.text) ? continuesOpenCell(line) : undefined;
    if (inCell === 'nested') {
      row!.lineCount++;
      row!.tail = line;
      row!.nested.push([line.start, line.start + line.text.length]);
      continue;
    }
    if (inCell === undefined && startsRow(line.text)) {
      const next = lines[i + 1];
      if (next && isDelimiterRow(next.text)) break; // a new table starts here
      if (isDelimiterRow(line.text)) continue; // a stray delimiter row: nothing to read
      finishRow();
      attachOrphan();
      row = { first: line, last: line, tail: line, pipes: countUnescapedPipes(line.text), lineCount: 1, hasPdf: hasPdfLink(line.text), nested: [] };
      continue;
    }
    if (row && !isComplete(row)) {
      // Inside a cell that goes on: blank lines and commentary belong to the row.
      if (!blank && isSectionHeading(lines, i)) break;
      row.lineCount++;
      if (!blank) {
        row.last = line;
        row.tail = line;
        row.pipes += countUnescapedPipes(line.text);
        if (hasPdfLink(line.text)) row.hasPdf = true;
      }
      continue;
    }
    // A table without outer pipes ends at a blank line, as in GFM.
    if (blank && pipeless) break;
    if (blank) continue;
    if (HEADING.test(line.text) || QUOTE.test(line.text)) break;
    // Text after a complete row: keep it until we know whether more rows follow.
    finishRow();
    if (orphan.length === 0) orphanIndex = i;
    orphan.push(line);
  }
  finishRow();
  // Text after the last row is not part of the table: hand it back to the block scanner.
  return { block, next: orphan.length > 0 ? orphanIndex : i };
}

/**
 * Whether the heading at `index` starts a new digest section (`## bioRxiv`, `# arxiv 2025-10-17`),
 * as opposed to a heading the translator wrote inside a cell (`### 效应大小的重要性`):
 * depth 1–2, and a source-like name or a date, or a table or status line right after it.
 */
function isSectionHeading(lines: Line[], index: number): boolean {
  const m = HEADING.exec(lines[index]!.text);
  if (!m || m[1]!.length > 2) return false;
  const title = m[2]!;
  if (/^[A-Za-z][\w .-]{0,30}$/.test(title) || /\d{4}-\d{2}-\d{2}/.test(title)) return true;
  let j = index + 1;
  while (j < lines.length && lines[j]!.text.trim() === '') j++;
  const next = lines[j];
  if (!next) return false;
  // A table the translator wrote into a cell under its own heading is no paper table.
  return QUOTE.test(next.text) || (ROW_START.test(next.text) && PAPER_HEADER.test(next.text) && !!lines[j + 1] && isDelimiterRow(lines[j + 1]!.text));
}
