/**
 * View models for the site templates: plain data, URLs already checked, nothing escaped
 * (Handlebars escapes every `{{value}}`). Each page view carries the language's plain strings
 * as `t` (`{{t.allDays}}`, `{{@root.t.code}}` inside a loop); words with numbers or names in
 * them are made here.
 */
import type { Config } from '../config/schema.js';
import type { Catalog } from '../project/catalog.js';
import { earlierListing } from '../project/catalog.js';
import { sitePaths, siteUrlOf } from '../project/site-paths.js';
import { topicFeedTitle } from '../project/topics.js';
import { fullTextLink } from '../view/full-text-link.js';
import type { Day, Paper, SourceDay } from '../model.js';
import { safeHttpUrl } from '../text/escape.js';
import { paperAnchor, sourceAnchor } from '../view/anchors.js';
import { dayCounts, daySummary, type LinkView, type SourceCountView, statusText } from '../view/day-summary.js';
import { type TemplateStrings, templateStrings, uiStrings, type UiStrings } from '../view/ui-strings.js';
import { paperTitle } from '../view/paper-title.js';
import { type TopicsSectionView, topicsSectionView } from './topic-views.js';

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
  /** Whether the site has its search page (`search.enabled`). */
  search: boolean;
}

export interface LayoutView {
  site: SiteView;
  t: TemplateStrings;
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
  /** The source named with its status (`arXiv（2 篇）`, `medRxiv · 抓取失败（超时）`), for the day's table of contents. */
  label: string;
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
  t: TemplateStrings;
  latest?: { date: string; href: string; sources: SourceView[] };
  days: DayLinkView[];
  feedGroups: { title: string; links: SubscribeLinkView[] }[];
  /** The OPML lists, each importable whole without repeats: pick one. */
  opml: { all: string; sources: string };
  /** The project's topics and their feeds; absent when it has none. */
  topics?: TopicsSectionView;
}

/** A link in the index's list of feeds; `download` (a file name) marks a file to save and import, not a page to view. */
export interface SubscribeLinkView {
  label: string;
  href: string;
  download?: string;
}

export interface DayView {
  site: SiteView;
  t: TemplateStrings;
  date: string;
  /** `2025-10-17 论文速递`. */
  heading: string;
  summary: string;
  counts: SourceCountView[];
  prev?: { date: string; href: string };
  next?: { date: string; href: string };
  sources: SourceView[];
}

/** The site-wide view (title, feeds for `<link rel="alternate">`). */
export function siteView(config: Config, catalog: Catalog): SiteView {
  const words = uiStrings(config.language);
  const feeds: FeedLinkView[] = [
    { type: 'application/atom+xml', title: words.withNote(config.title, 'Atom'), href: sitePaths.feed('atom') },
    { type: 'application/rss+xml', title: words.withNote(config.title, 'RSS'), href: sitePaths.feed('rss') },
    { type: 'application/feed+json', title: words.withNote(config.title, 'JSON Feed'), href: sitePaths.feed('json') },
    { type: 'application/atom+xml', title: `${config.title} · ${words.dailyIssue}`, href: sitePaths.issues('atom') },
    ...catalog.sources.map((s) => ({ type: 'application/atom+xml', title: `${config.title} · ${s.name}`, href: sitePaths.feed('atom', s.id) })),
    // Each topic's Atom feed, so a reader's feed discovery offers it too.
    ...config.topics.map((t) => ({ type: 'application/atom+xml', title: topicFeedTitle(config, t), href: sitePaths.topicFeed('atom', t.id) })),
  ];
  return { title: config.title, description: config.description, language: config.language, root: '', feeds, search: config.search.enabled };
}

/** The language's plain strings for a page's template. */
export function pageStrings(config: Config): TemplateStrings {
  return templateStrings(uiStrings(config.language));
}

/** Source sections of a day, with full paper views. */
export function sourceViews(day: Day, catalog: Catalog, words: UiStrings): SourceView[] {
  return day.sources.map((source) => {
    const status = statusText(source, words);
    const view: SourceView = {
      id: sourceAnchor(source.source),
      name: source.sourceName,
      status: source.status,
      statusText: status,
      label: words.sourceWithStatus(source.sourceName, status, source.status === 'failed'),
      papers: source.papers.map((p) => paperView(p, day.date, catalog, words)),
    };
    return view;
  });
}

function paperView(paper: Paper, date: string, catalog: Catalog, words: UiStrings): PaperView {
  const view: PaperView = {
    anchor: paperAnchor(paper),
    title: paperTitle(paper, words),
    authors: paper.authors.join(', '),
    firstAuthor: paper.authors[0] ?? '',
    url: safeHttpUrl(paper.url) ?? '#',
    paragraphs: paper.summary ? paper.summary.split(/\n{2,}/) : [],
  };
  const full = fullTextLink(paper, words);
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
  const words = uiStrings(config.language);
  const site = siteView(config, catalog);
  const newest = catalog.days[0];
  const view: IndexView = {
    site,
    t: templateStrings(words),
    days: catalog.outlines.map((d) => ({ date: d.date, href: sitePaths.dayPage(d.date), summary: daySummary(d, words), counts: dayCounts(d, words) })),
    feedGroups: [
      { title: words.allSources, links: feedLinks() },
      ...catalog.sources.map((s) => ({ title: s.name, links: feedLinks(s.id) })),
      { title: words.withNote(words.dailyIssue, words.oneEntryADay), links: [{ label: 'Atom', href: sitePaths.issues('atom') }, { label: 'JSON Feed', href: sitePaths.issues('json') }] },
    ],
    opml: { all: sitePaths.opmlAll, sources: sitePaths.opmlSources },
  };
  if (newest) view.latest = { date: newest.date, href: sitePaths.dayPage(newest.date), sources: sourceViews(newest, catalog, words) };
  const topics = topicsSectionView(config);
  if (topics) view.topics = topics;
  return view;
}

function feedLinks(source?: string): { label: string; href: string }[] {
  return [
    { label: 'Atom', href: sitePaths.feed('atom', source) },
    { label: 'RSS', href: sitePaths.feed('rss', source) },
    { label: 'JSON Feed', href: sitePaths.feed('json', source) },
  ];
}

/** A day page's view; the day must be one the catalog holds in full. */
export function dayView(config: Config, catalog: Catalog, date: string): DayView {
  const day = catalog.days.find((d) => d.date === date);
  if (!day) throw new Error(`dayView: ${date} is not among the days the catalog holds in full`);
  const index = catalog.outlines.findIndex((d) => d.date === date);
  const words = uiStrings(config.language);
  const view: DayView = {
    site: siteView(config, catalog),
    t: templateStrings(words),
    date: day.date,
    heading: words.dayHeading(day.date),
    summary: daySummary(day, words),
    counts: dayCounts(day, words),
    sources: sourceViews(day, catalog, words),
  };
  const older = catalog.outlines[index + 1];
  const newer = catalog.outlines[index - 1];
  if (older) view.prev = { date: older.date, href: sitePaths.dayPage(older.date) };
  if (newer) view.next = { date: newer.date, href: sitePaths.dayPage(newer.date) };
  return view;
}

/** Absolute URL of a day page. */
export function dayPageUrl(config: Config, date: string): string {
  return siteUrlOf(config.siteUrl, sitePaths.dayPage(date));
}
