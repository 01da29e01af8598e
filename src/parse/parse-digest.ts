/**
 * One digest file's text → its source days and diagnostics. Reads per-source files
 * (`# arxiv 2025-10-17` + one table) and combined files (`# 2025-10-17 每日论文` +
 * `## arXiv` sections). Pure: no I/O.
 */
import type { Diagnostic, Paper, Severity, SourceDay, SourceId } from '../model.js';
import { alignRow, isPdfCell } from './align-row.js';
import { normalizeNewlines } from './decode-text.js';
import { failure, failureForDiagnostics, readFetchFailure } from './fetch-failure.js';
import { type ColumnField, isPaperTable, mapColumns } from './columns.js';
import { readFileName, readHeading, readStatusLine, sourceDisplayName, sourceIdOf, type StatusLine } from './digest-heading.js';
import { LineIndex } from './line-index.js';
import { identifyPaper } from './paper-link.js';
import { paperFromRow } from './paper-from-row.js';
import { pdfLinksIn, startsWithPdfLink } from './pdf-link-marker.js';
import { type Block, type CellSpan, scanBlocks, splitCells, type TableBlock, type TableRow } from './scan-blocks.js';

/** What one digest file holds. */
export interface ParsedDigest {
  file: string;
  /** The digest's day, when the heading or file name gives one. */
  date?: string;
  /** `source`: one source's file; `combined`: the day's sources under `##` headings. */
  kind: 'source' | 'combined';
  days: SourceDay[];
  diagnostics: Diagnostic[];
}

interface Section {
  source: SourceId;
  sourceName: string;
  line: number;
  /** Offset of the heading that opened the section. */
  start: number;
  papers: Paper[];
  byId: Map<string, Paper>;
  /** Repeated listings of a paper under another PDF URL. */
  otherListings: Paper[];
  status?: StatusLine;
  /** Offset of the status line. */
  statusStart?: number;
  sawTable: boolean;
  /** Columns of the section's last paper table, so rows of its shape after an interruption resume it. */
  openTable?: OpenTable;
}

/** The columns of a paper table that later rows of the same shape continue. */
interface OpenTable {
  fields: readonly (ColumnField | undefined)[];
  headers: readonly string[];
  /** Line of its header, for diagnostics. */
  line: number;
}

/** Lines a row may span before it counts as a cell the translator ran away with. */
const RUNAWAY_ROW_LINES = 40;

/**
 * Parses a digest. `file` names it in records and diagnostics (and gives the date when the heading lacks one).
 * CRLF and CR line ends and a leading byte-order mark are accepted: lines and columns are those of the text as given.
 */
export function parseDigest(markdown: string, file: string): ParsedDigest {
  const text = normalizeNewlines(markdown.startsWith('\uFEFF') ? markdown.slice(1) : markdown);
  const index = new LineIndex(text);
  const position = (offset: number) => index.position(offset);
  const diagnostics: Diagnostic[] = [];
  const report = (offset: number, severity: Severity, rule: string, message: string) => {
    diagnostics.push({ file, ...position(offset), severity, rule, message });
  };
  const usedPdfOffsets = new Set<number>();

  const blocks = scanBlocks(text);
  const fromName = readFileName(file);
  const topBlock = blocks.find((b): b is Extract<Block, { kind: 'heading' }> => b.kind === 'heading');
  const top = topBlock ? readHeading(topBlock.text) : {};
  if (!topBlock) {
    report(0, 'warning', 'no-heading', 'file has no "# <source> <YYYY-MM-DD>" heading; source and date are taken from the file name');
  }
  if (top.date && fromName.date && top.date !== fromName.date) {
    report(topBlock!.start, 'warning', 'date-mismatch', `heading says ${top.date} but the file name says ${fromName.date}; the heading's date is used`);
  }
  const date = top.date ?? fromName.date;
  const topSourceName = top.sourceName ?? (top.date === undefined ? fromName.sourceName : undefined);
  if (top.sourceName && fromName.sourceName && sourceIdOf(top.sourceName) !== sourceIdOf(fromName.sourceName)) {
    report(topBlock!.start, 'warning', 'source-mismatch', `heading names source "${top.sourceName}" but the file name says "${fromName.sourceName}"; the heading is used`);
  }
  const kind: ParsedDigest['kind'] = topSourceName ? 'source' : 'combined';

  if (!date) {
    report(topBlock?.start ?? 0, 'error', 'no-date', 'no date in the heading or the file name: name the file YYYY-MM-DD-<source>.md or start it with "# <source> YYYY-MM-DD"; nothing in it is read');
    accountForPdfLinks(text, usedPdfOffsets, file, position, diagnostics, 'paper-not-read', 'error', 'paper not read because the file has no date');
    return { file, kind, days: [], diagnostics };
  }

  const days: SourceDay[] = [];
  let section: Section | undefined;
  const openSection = (name: string, line: number, start: number) => {
    closeSection();
    const source = sourceIdOf(name);
    section = { source, sourceName: sourceDisplayName(source, name), line, start, papers: [], byId: new Map(), otherListings: [], sawTable: false };
  };
  const closeSection = () => {
    if (!section) return;
    days.push(toSourceDay(section, date, file, report));
    section = undefined;
  };

  if (topSourceName) openSection(topSourceName, topBlock ? topBlock.line : 1, topBlock ? topBlock.start : 0);

  for (const block of blocks) {
    if (block === topBlock) continue;
    switch (block.kind) {
      case 'heading': {
        const info = readHeading(block.text);
        if (info.date && info.date !== date) {
          report(block.start, 'warning', 'second-date', `heading "${block.text}" names another day (${info.date}) than the file (${date}); its papers are filed under ${date}`);
        }
        if (info.sourceName && block.depth <= 3) openSection(info.sourceName, block.line, block.start);
        else report(block.start, 'info', 'ignored-heading', `heading "${clip(block.text)}" names no source; ignored`);
        break;
      }
      case 'quote': {
        const status = readStatusLine(block.text);
        if (!status) {
          report(block.start, 'info', 'ignored-quote', `quoted line "${clip(block.text)}" is not a status line ("当天没有抓取到有效论文" or "抓取失败：…"); ignored`);
        } else if (!section) {
          report(block.start, 'warning', 'status-outside-section', 'status line stands before any "## <source>" heading; it is ignored');
        } else {
          if (section.status) report(block.start, 'warning', 'second-status', 'section has two status lines; the first one counts');
          else {
            section.status = status;
            section.statusStart = block.start;
          }
        }
        break;
      }
      case 'table': {
        const resumed = section?.openTable ? rowsOfOpenTable(block, section.openTable) : [];
        if (resumed.length > 0) {
          // A table inside a cell (or text) broke the paper table; rows of its shape go on with it.
          const open = section!.openTable!;
          const where = block.header.length > 0 ? `after a table with columns ${block.header.map((c) => `"${clip(c.text)}"`).join(', ')}` : 'without a header row';
          report(block.start, 'warning', 'table-resumed', `${resumed.length} paper rows ${where} have the shape of the paper table at line ${open.line}; they are read as its rows`);
          readTable(text, { ...block, rows: resumed }, open.fields, open.headers, section!, { file, date, position, diagnostics, usedPdfOffsets });
          break;
        }
        const headers = block.header.map((c) => c.text);
        const fields = block.header.length > 0 ? mapColumns(headers) : inferColumns(block);
        if (block.header.length === 0) {
          report(block.start, 'warning', 'table-without-header', 'paper rows without a header row; columns are guessed from their content');
        }
        if (!isPaperTable(fields)) {
          const isIndex = fields.fields.includes('source') || fields.fields.includes('page');
          if (!isIndex) report(block.start, 'info', 'ignored-table', `table with columns ${headers.map((h) => `"${h}"`).join(', ')} has no title or PDF column; ignored`);
          break;
        }
        for (const col of fields.unknown) {
          report(block.header[col.index]?.start ?? block.start, 'warning', 'unknown-column', `unknown column "${col.name}": its cells are kept under "extra" and the other columns are read by name`);
        }
        for (const col of fields.repeated) {
          report(block.header[col.index]?.start ?? block.start, 'warning', 'repeated-column', `column "${col.name}" repeats the ${col.field} column; its cells are kept under "extra"`);
        }
        if (!section) {
          const first = block.rows.flatMap((r) => r.cells).find(isPdfCell);
          const guessed = first ? identifyPaper(/\(([^)\s]+)/.exec(first.text)?.[1] ?? '')?.source : undefined;
          report(block.start, 'warning', 'table-outside-section', `paper table stands before any "## <source>" heading; its source is taken as ${guessed ?? 'unknown'}`);
          openSection(guessed ?? 'unknown', block.line, block.start);
        }
        readTable(text, block, fields.fields, headers, section!, { file, date, position, diagnostics, usedPdfOffsets });
        section!.openTable = { fields: fields.fields, headers, line: position(block.start).line };
        break;
      }
      case 'text':
        report(block.start, 'info', 'ignored-text', `text outside any table ignored: "${clip(block.text)}"`);
        break;
    }
  }
  closeSection();

  accountForPdfLinks(text, usedPdfOffsets, file, position, diagnostics, 'stray-pdf-link', 'warning', 'PDF link outside any paper row; no paper was made from it');
  diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);
  return { file, date, kind, days, diagnostics };
}

interface TableContext {
  file: string;
  date: string;
  position: (offset: number) => { line: number; column: number };
  diagnostics: Diagnostic[];
  usedPdfOffsets: Set<number>;
}

function readTable(text: string, block: TableBlock, fields: readonly (ColumnField | undefined)[], headers: readonly string[], section: Section, ctx: TableContext): void {
  section.sawTable = true;
  const width = fields.length;
  const pdfColumn = fields.indexOf('pdf');
  for (const row of block.rows) {
    if (row.lineCount >= RUNAWAY_ROW_LINES || row.nestedLines) {
      const inner = row.nestedLines ? `, ${row.nestedLines.length} of them table lines of its own` : '';
      ctx.diagnostics.push({
        file: ctx.file,
        ...ctx.position(row.start),
        severity: 'warning',
        rule: 'runaway-cell',
        message: `row goes on over ${row.lineCount} lines${inner} (a whole text written into a cell?); it is read as one row, its cells' extra text kept as notes, and the rows after it are read as usual`,
      });
    }
    const groups = alignRow(cellsOf(text, row, width, pdfColumn), width, pdfColumn);
    groups.forEach((group, k) => {
      const last = k === groups.length - 1;
      const rowCtx = { file: ctx.file, date: ctx.date, source: section.source, fields, headers, position: ctx.position, ...(last && row.trailingText ? { trailingText: row.trailingText } : {}) };
      const result = paperFromRow(group, group.cells.find(Boolean)?.start ?? row.start, rowCtx);
      if (result.pdfOffset !== undefined) ctx.usedPdfOffsets.add(result.pdfOffset);
      ctx.diagnostics.push(...result.diagnostics);
      const paper = result.paper;
      if (!paper) return;
      const first = section.byId.get(paper.id);
      if (first) {
        const sameLink = first.pdfUrl === paper.pdfUrl || section.otherListings.some((p) => p.pdfUrl === paper.pdfUrl);
        if (!sameLink) section.otherListings.push(paper);
        ctx.diagnostics.push({
          file: ctx.file,
          ...ctx.position(row.start),
          severity: 'info',
          rule: 'duplicate-paper',
          message: sameLink
            ? `${paper.id} is listed again (first at line ${first.line}); the first listing is kept`
            : `${paper.id} is listed again with another PDF link (first at line ${first.line}); feeds, pages and emails show the first listing`,
          pdfUrl: paper.pdfUrl,
        });
        return;
      }
      section.byId.set(paper.id, paper);
      section.papers.push(paper);
    });
  }
}

/**
 * The row's cells. A row with too many cells is split again with pipes inside `$…$` kept;
 * that reading is taken only when it fits the header exactly and leaves the PDF link alone in its column.
 */
function cellsOf(text: string, row: TableRow, width: number, pdfColumn: number): CellSpan[] {
  if (row.cells.length <= width || !text.slice(row.start, row.end).includes('$')) return row.cells;
  const mathAware = splitCells(text, row.start, row.end, true, row.nestedLines);
  if (!mathAware || mathAware.length !== width) return row.cells;
  const pdfCells = mathAware.filter(isPdfCell);
  const fits = pdfColumn === -1 ? pdfCells.length <= 1 : pdfCells.length === 1 && isPdfCell(mathAware[pdfColumn]!) && startsWithPdfLink(mathAware[pdfColumn]!.text);
  return fits ? mathAware : row.cells;
}

/**
 * Rows of `block` that continue the open paper table: as many cells as it has columns and a
 * PDF link in its PDF column. A header row of that shape (a paper row over a stray delimiter) counts too.
 */
function rowsOfOpenTable(block: TableBlock, open: OpenTable): TableRow[] {
  const width = open.fields.length;
  const pdfColumn = open.fields.indexOf('pdf');
  if (pdfColumn === -1) return [];
  const fits = (cells: readonly CellSpan[]) => cells.length === width && isPdfCell(cells[pdfColumn]!);
  // A header that names a paper table's columns starts a table of its own.
  if (block.header.length > 0 && isPaperTable(mapColumns(block.header.map((c) => c.text))) && !fits(block.header)) return [];
  const rows = block.rows.filter((r) => fits(r.cells));
  if (block.header.length > 0 && fits(block.header)) {
    const first = block.header[0]!;
    const last = block.header[block.header.length - 1]!;
    rows.unshift({ line: block.line, start: first.start, end: last.start + last.text.length, cells: block.header, lineCount: 1 });
  }
  return rows;
}

/** Column layout for a table without a header row, from where the PDF link stands in its first row. */
function inferColumns(block: TableBlock): ReturnType<typeof mapColumns> {
  const first = block.rows[0]?.cells ?? [];
  const pdf = first.findIndex(isPdfCell);
  const n = first.length;
  let fields: (ColumnField | undefined)[];
  if (pdf === 2 && n === 5) fields = ['title', 'authors', 'pdf', 'code', 'titleEn'];
  else if (pdf === 3 && n === 5) fields = ['title', 'authors', 'publishedDate', 'pdf', 'summary'];
  else {
    fields = Array.from({ length: Math.max(n, pdf + 1) }, (_, i): ColumnField | undefined =>
      i === pdf ? 'pdf' : i === 0 ? 'title' : i === 1 && pdf > 1 ? 'authors' : i === n - 1 && i > pdf ? 'summary' : undefined,
    );
  }
  return { fields, unknown: [], repeated: [] };
}

function toSourceDay(
  section: Section,
  date: string,
  file: string,
  report: (offset: number, severity: Severity, rule: string, message: string) => void,
): SourceDay {
  const base = { date, source: section.source, sourceName: section.sourceName, file, line: section.line };
  if (section.papers.length > 0) {
    if (section.status) {
      report(section.start, 'warning', 'status-with-papers', `section has papers and also a status line (${section.status.status}); the papers count`);
    }
    return { ...base, status: 'papers', papers: section.papers, ...(section.otherListings.length > 0 ? { otherListings: section.otherListings } : {}) };
  }
  if (section.status?.status === 'failed') {
    const failed = readFetchFailure(section.status.error);
    report(section.statusStart ?? section.start, 'info', 'fetch-failed', `${section.sourceName} fetch failed (${failureForDiagnostics(failed)}); readers see only that, the upstream error was: ${section.status.error}`);
    return { ...base, status: 'failed', failure: failed, papers: [] };
  }
  if (section.status?.status === 'empty') return { ...base, status: 'empty', papers: [] };
  if (section.sawTable) {
    report(section.start, 'info', 'empty-table', `${section.sourceName} table has no paper rows; the day is shown as empty`);
    return { ...base, status: 'empty', papers: [] };
  }
  report(section.start, 'warning', 'no-content', `${section.sourceName} section has no paper table and no status line (was the file cut short?); the day is shown as failed`);
  return { ...base, status: 'failed', failure: failure('no-content', 'the digest has no paper table and no status line'), papers: [] };
}

/** Every `[PDF](…)` not used by a row gets a diagnostic, so no paper is lost silently. */
function accountForPdfLinks(
  text: string,
  used: ReadonlySet<number>,
  file: string,
  position: (offset: number) => { line: number; column: number },
  diagnostics: Diagnostic[],
  rule: string,
  severity: Severity,
  message: string,
): void {
  for (const link of pdfLinksIn(text)) {
    if (used.has(link.index)) continue;
    diagnostics.push({ file, ...position(link.index), severity, rule, message, pdfUrl: link.target });
  }
}

function clip(text: string): string {
  const one = text.replace(/\s+/g, ' ');
  return one.length > 60 ? `${one.slice(0, 59)}…` : one;
}
