/**
 * `api/daily/DATE.json`: every paper of one day, with every field the model has, each source's
 * status, and links to the day page and the day's exports.
 */
import type { Config } from '../config/schema.js';
import type { Day, Paper } from '../model.js';
import type { OutputFile } from '../project/output-file.js';
import { sitePaths } from '../project/site-paths.js';
import { safeHttpUrl } from '../text/escape.js';
import { paperAnchor, sourceAnchor } from '../view/anchors.js';
import { apiJson } from './api-json.js';
import { API_VERSION, apiExportLinks, type ApiExportLinks, apiUrl } from './api-version.js';
import { type SourceOutline, sourceOutline } from './day-outline.js';

/** Another row of the same day that lists the paper under another PDF link (another version, say). */
export interface ApiOtherListing {
  pdfUrl: string;
  version?: number;
}

/**
 * A paper in the API: the model's fields under the model's names (camelCase), without `file`
 * and `line` (where the build read it: diagnostics, not data), plus where it is first listed
 * and its place on the day page.
 */
export interface ApiPaper {
  id: string;
  version?: number;
  date: string;
  source: string;
  title: string;
  titleEn?: string;
  titleNote?: string;
  authors: string[];
  pdfUrl?: string;
  url?: string;
  summary: string;
  summaryNote?: string;
  publishedDate?: string;
  codeUrl?: string;
  /** The title and abstract as the digest wrote them, LaTeX and all, where turning LaTeX into Unicode changed them. */
  original?: { title?: string; titleEn?: string; summary?: string };
  extra?: Record<string, string>;
  otherListings?: ApiOtherListing[];
  /** The day the paper was first listed: `date` for a new paper, an earlier day for one listed again. */
  firstListed: string;
  /** The paper on this day's page. */
  pageUrl: string;
}

/** A source's status on the day, with its place on the day page. */
export interface ApiDailySource extends SourceOutline {
  pageUrl: string;
}

/** The whole `api/daily/DATE.json` document. */
export interface ApiDailyDocument {
  version: typeof API_VERSION;
  date: string;
  /** Language of titles and abstracts (the config's `language`). */
  language: string;
  counts: { papers: number; firstListed: number };
  sources: ApiDailySource[];
  links: { self: string; page: string; index: string; latest: string; exports: ApiExportLinks };
  papers: ApiPaper[];
}

/**
 * Renders a day's API document. `firstListed(id)` gives the day a paper was first listed in the
 * whole history (undefined or this day's date for a new paper).
 */
export function dailyApiDocument(day: Day, config: Pick<Config, 'siteUrl' | 'language'>, firstListed: (id: string) => string | undefined): OutputFile {
  const path = sitePaths.apiDaily(day.date);
  const page = apiUrl(config, sitePaths.dayPage(day.date));
  const papers: ApiPaper[] = [];
  for (const source of day.sources) {
    const others = new Map<string, ApiOtherListing[]>();
    for (const other of source.otherListings ?? []) {
      const pdfUrl = safeHttpUrl(other.pdfUrl) && other.pdfUrl;
      if (!pdfUrl) continue;
      const list = others.get(other.id) ?? [];
      list.push(other.version !== undefined ? { pdfUrl, version: other.version } : { pdfUrl });
      others.set(other.id, list);
    }
    for (const paper of source.papers) papers.push(apiPaper(paper, day.date, page, firstListed, others.get(paper.id)));
  }
  const document: ApiDailyDocument = {
    version: API_VERSION,
    date: day.date,
    language: config.language,
    counts: { papers: papers.length, firstListed: papers.filter((p) => p.firstListed === day.date).length },
    sources: day.sources.map((s) => ({ ...sourceOutline(s), pageUrl: `${page}#${sourceAnchor(s.source)}` })),
    links: {
      self: apiUrl(config, path),
      page,
      index: apiUrl(config, sitePaths.apiIndex),
      latest: apiUrl(config, sitePaths.apiLatest),
      exports: apiExportLinks(config, day.date),
    },
    papers,
  };
  return { path, content: apiJson(document) };
}

/** A paper's API record. Links that are not http(s) are left out (the parser lets none through; this keeps it so for any input). */
function apiPaper(paper: Paper, date: string, page: string, firstListed: (id: string) => string | undefined, others: ApiOtherListing[] | undefined): ApiPaper {
  const first = firstListed(paper.id);
  const pdfUrl = safeHttpUrl(paper.pdfUrl) && paper.pdfUrl;
  const url = safeHttpUrl(paper.url) && paper.url;
  const codeUrl = safeHttpUrl(paper.codeUrl) && paper.codeUrl;
  // Optional fields absent from the paper are undefined here, which JSON (`apiJson`) leaves out: no object spread per field.
  const record: ApiPaper = {
    id: paper.id,
    version: paper.version,
    date: paper.date,
    source: paper.source,
    title: paper.title,
    titleEn: paper.titleEn,
    titleNote: paper.titleNote,
    authors: [...paper.authors],
    pdfUrl: pdfUrl || undefined,
    url: url || undefined,
    summary: paper.summary,
    summaryNote: paper.summaryNote,
    publishedDate: paper.publishedDate,
    codeUrl: codeUrl || undefined,
    original: paper.original && Object.keys(paper.original).length > 0 ? { ...paper.original } : undefined,
    extra: paper.extra && Object.keys(paper.extra).length > 0 ? { ...paper.extra } : undefined,
    otherListings: others && others.length > 0 ? others : undefined,
    firstListed: first !== undefined && first < date ? first : date,
    pageUrl: `${page}#${paperAnchor(paper)}`,
  };
  return record;
}
