/**
 * View models for the site templates: plain data, URLs already checked, nothing escaped
 * (Handlebars escapes every `{{value}}`).
 */
import type { Config } from '../config/schema.js';
import type { Catalog } from '../project/catalog.js';
import { earlierListing } from '../project/catalog.js';
import { sitePaths, siteUrlOf } from '../project/site-paths.js';
import { fullTextLink } from '../view/full-text-link.js';
import type { Day, Paper, SourceDay } from '../model.js';
import { safeHttpUrl } from '../text/escape.js';
import { paperAnchor, sourceAnchor } from '../view/anchors.js';
import { dayCounts, daySummary, type LinkView, type SourceCountView, statusText } from '../view/day-summary.js';

export interface FeedLinkView {
  type: string;
  title: string;
  href: string;
}

export interface SiteView {
  title: string;
  description: string;
  language: string;
  /** Prefix from the page to the site root (`''` for pages at the root). */
  root: string;
  feeds: FeedLinkView[];
}

export interface LayoutView {
  site: SiteView;
  page: { title: string; description?: string; url: string };
  body: string;
}

export interface PaperView {
  anchor: string;
  title: string;
  titleEn?: string;
  authors: string;
  firstAuthor: string;
  url: string;
  /** The full-text link, labelled `PDF` only when it serves a PDF; absent when it is the abstract page (`url`). */
  fullText?: LinkView;
  codeUrl?: string;
  publishedDate?: string;
  paragraphs: string[];
  note?: string;
  firstListed?: { date: string; href: string };
}

export interface SourceView {
  id: string;
  name: string;
  status: SourceDay['status'];
  statusText: string;
  papers: PaperView[];
}

export interface DayLinkView {
  date: string;
  href: string;
  summary: string;
  /** The summary's parts (`arXiv 10 篇`, `bioRxiv 抓取失败`), each shown unbroken. */
  counts: SourceCountView[];
}

export interface IndexView {
  site: SiteView;
  latest?: { date: string; href: string; sources: SourceView[] };
  days: DayLinkView[];
  feedGroups: { title: string; links: SubscribeLinkView[] }[];
  /** The OPML lists, each importable whole without repeats: pick one. */
  opml: { all: string; sources: string };
}

/** A link in the index's list of feeds; `download` (a file name) marks a file to save and import, not a page to view. */
export interface SubscribeLinkView {
  label: string;
  href: string;
  download?: string;
}

export interface DayView {
  site: SiteView;
  date: string;
  summary: string;
  counts: SourceCountView[];
  prev?: { date: string; href: string };
  next?: { date: string; href: string };
  sources: SourceView[];
}

/** The site-wide view (title, feeds for `<link rel="alternate">`). */
export function siteView(config: Config, catalog: Catalog): SiteView {
  const feeds: FeedLinkView[] = [
    { type: 'application/atom+xml', title: `${config.title}（Atom）`, href: sitePaths.feed('atom') },
    { type: 'application/rss+xml', title: `${config.title}（RSS）`, href: sitePaths.feed('rss') },
    { type: 'application/feed+json', title: `${config.title}（JSON Feed）`, href: sitePaths.feed('json') },
    { type: 'application/atom+xml', title: `${config.title} · 每日一期`, href: sitePaths.issues('atom') },
    ...catalog.sources.map((s) => ({ type: 'application/atom+xml', title: `${config.title} · ${s.name}`, href: sitePaths.feed('atom', s.id) })),
  ];
  return { title: config.title, description: config.description, language: config.language, root: '', feeds };
}

/** Source sections of a day, with full paper views. */
export function sourceViews(day: Day, catalog: Catalog): SourceView[] {
  return day.sources.map((source) => {
    const view: SourceView = {
      id: sourceAnchor(source.source),
      name: source.sourceName,
      status: source.status,
      statusText: statusText(source),
      papers: source.papers.map((p) => paperView(p, day.date, catalog)),
    };
    return view;
  });
}

function paperView(paper: Paper, date: string, catalog: Catalog): PaperView {
  const view: PaperView = {
    anchor: paperAnchor(paper),
    title: paper.title,
    authors: paper.authors.join(', '),
    firstAuthor: paper.authors[0] ?? '',
    url: safeHttpUrl(paper.url) ?? '#',
    paragraphs: paper.summary ? paper.summary.split(/\n{2,}/) : [],
  };
  const full = fullTextLink(paper);
  if (full) view.fullText = { href: full.href, label: full.label };
  if (paper.titleEn) view.titleEn = paper.titleEn;
  const code = safeHttpUrl(paper.codeUrl);
  if (code) view.codeUrl = code;
  if (paper.publishedDate) view.publishedDate = paper.publishedDate;
  if (paper.titleNote) view.note = paper.titleNote;
  const earlier = earlierListing(catalog, paper, date);
  if (earlier) view.firstListed = { date: earlier, href: `${sitePaths.dayPage(earlier)}#${paperAnchor(paper)}` };
  return view;
}

/** The index page's view. */
export function indexView(config: Config, catalog: Catalog): IndexView {
  const site = siteView(config, catalog);
  const newest = catalog.days[0];
  const view: IndexView = {
    site,
    days: catalog.days.map((d) => ({ date: d.date, href: sitePaths.dayPage(d.date), summary: daySummary(d), counts: dayCounts(d) })),
    feedGroups: [
      { title: '全部来源', links: feedLinks() },
      ...catalog.sources.map((s) => ({ title: s.name, links: feedLinks(s.id) })),
      { title: '每日一期（每天一条）', links: [{ label: 'Atom', href: sitePaths.issues('atom') }, { label: 'JSON Feed', href: sitePaths.issues('json') }] },
    ],
    opml: { all: sitePaths.opmlAll, sources: sitePaths.opmlSources },
  };
  if (newest) view.latest = { date: newest.date, href: sitePaths.dayPage(newest.date), sources: sourceViews(newest, catalog) };
  return view;
}

function feedLinks(source?: string): { label: string; href: string }[] {
  return [
    { label: 'Atom', href: sitePaths.feed('atom', source) },
    { label: 'RSS', href: sitePaths.feed('rss', source) },
    { label: 'JSON Feed', href: sitePaths.feed('json', source) },
  ];
}

/** A day page's view; `index` is the day's position in `catalog.days` (newest first). */
export function dayView(config: Config, catalog: Catalog, index: number): DayView {
  const day = catalog.days[index]!;
  const view: DayView = { site: siteView(config, catalog), date: day.date, summary: daySummary(day), counts: dayCounts(day), sources: sourceViews(day, catalog) };
  const older = catalog.days[index + 1];
  const newer = catalog.days[index - 1];
  if (older) view.prev = { date: older.date, href: sitePaths.dayPage(older.date) };
  if (newer) view.next = { date: newer.date, href: sitePaths.dayPage(newer.date) };
  return view;
}

/** Absolute URL of a day page. */
export function dayPageUrl(config: Config, date: string): string {
  return siteUrlOf(config.siteUrl, sitePaths.dayPage(date));
}
