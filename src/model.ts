/**
 * The typed model every output is rendered from. Pure data: no I/O, no classes.
 *
 * Dates are calendar days written `YYYY-MM-DD`: the digest's own day, never the
 * time a build ran.
 */

/** Source of a digest: the three known ones, or the lower-cased name found in a heading. */
export type SourceId = 'arxiv' | 'biorxiv' | 'medrxiv' | (string & {});

/** One paper, as read from one row of one digest table. */
export interface Paper {
  /** Canonical id: `arxiv:2510.14981` (no version), `doi:10.1101/…`, or `url:<pdf url>`. */
  id: string;
  /** Version number from the PDF link (`v2` → 2), where the link carries one. */
  version?: number;
  /** The digest's day, `YYYY-MM-DD`. */
  date: string;
  source: SourceId;
  /** Readable title: translator commentary removed, inline LaTeX as Unicode, one line; empty when the digest gives none (views show a label). */
  title: string;
  /** Translator commentary that stood in the title cell, moved out of the title. */
  titleNote?: string;
  /** Original English title, where the table layout has that column. */
  titleEn?: string;
  /** Author names as given (the digests list the first author only). */
  authors: string[];
  /** Link to the PDF, exactly as the digest gives it. */
  pdfUrl: string;
  /** Abstract page: `https://arxiv.org/abs/<id>`, `https://doi.org/<doi>`, or the PDF link. */
  url: string;
  /** Abstract (machine-translated), LaTeX as Unicode; empty when the digest has none. */
  summary: string;
  /** Translator commentary that stood in the abstract cell. */
  summaryNote?: string;
  /** The paper's own publication date (`发布日期` column), `YYYY-MM-DD`. */
  publishedDate?: string;
  /** Code repository link (`代码仓库` column), when one is given. */
  codeUrl?: string;
  /** The text before LaTeX was turned into Unicode, for the fields where that changed anything. */
  original?: { title?: string; titleEn?: string; summary?: string };
  /** Cells of columns digestcast does not know, by header text. */
  extra?: Record<string, string>;
  /** Digest file the row came from (as given to the reader). */
  file: string;
  /** 1-based line where the row starts. */
  line: number;
}

/** What a digest says about one source on one day. */
export type SourceStatus = 'papers' | 'empty' | 'failed';

/** Kinds of fetch failure a digest's `> 抓取失败：…` line can describe. `no-content`: the digest has neither table nor status line. */
export type FetchFailureReason = 'rate-limited' | 'server-error' | 'timeout' | 'connection' | 'http-error' | 'no-content' | 'unknown';

/**
 * Why a source's fetch failed on a day. No words for readers: views word it from `reason` and
 * `httpStatus` in the project's language (`抓取失败（HTTP 429，限流）`, `fetch failed (HTTP 429, rate limited)`).
 */
export interface FetchFailure {
  reason: FetchFailureReason;
  /** HTTP status code, when the upstream error names one. */
  httpStatus?: number;
  /** The upstream error as the digest gives it: for build diagnostics only, never shown to readers. */
  detail: string;
}

/** One source's digest for one day. `empty` (nothing fetched) and `failed` (fetch error) are kept apart. */
export interface SourceDay {
  date: string;
  source: SourceId;
  /** Display name as the digests spell it best (`arXiv`, `bioRxiv`, `medRxiv`, or the heading's text). */
  sourceName: string;
  status: SourceStatus;
  /** Why the fetch failed, for `failed`. */
  failure?: FetchFailure;
  /** Each paper once (by canonical id), in digest order. */
  papers: Paper[];
  /**
   * Rows that list a paper of `papers` again under another PDF URL (another version, say):
   * kept so every distinct link has a record (`parse --json`), left out of feeds, pages and emails.
   */
  otherListings?: Paper[];
  file: string;
  line: number;
}

/** Everything known about one day, every source, in a stable order (arXiv, bioRxiv, medRxiv, others A–Z). */
export interface Day {
  date: string;
  sources: SourceDay[];
}

/** How bad a diagnostic is. `error`: something could not be read; `warning`: repaired or dropped data; `info`: worth knowing. */
export type Severity = 'error' | 'warning' | 'info';

/** A problem found in a digest, located to `file:line:column`. */
export interface Diagnostic {
  file: string;
  line: number;
  column: number;
  severity: Severity;
  /** Stable rule id, e.g. `row-without-pdf`; see docs in README. */
  rule: string;
  message: string;
  /** The PDF link a dropped row carried, so no paper goes missing silently. */
  pdfUrl?: string;
}
