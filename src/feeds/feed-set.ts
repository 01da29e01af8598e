/**
 * Every feed file of the site: subscription feeds (all sources and per source) in Atom,
 * RSS 2.0 and JSON Feed 1.1, the daily-issue feeds, and RFC 5005 monthly archives.
 * Pure: returns paths and contents.
 */
import type { Config } from '../config/schema.js';
import type { Day } from '../model.js';
import { escapeHtml, shorten } from '../text/escape.js';
import { atomEntryXml, atomXml } from './atom-feed.js';
import type { Catalog, CatalogEntry } from './catalog.js';
import { recentDates } from './catalog.js';
import { dayIssueHtml, dayIssueTitle, paperEntryHtml } from './entry-html.js';
import { entryInstant, startOfDigestDay } from './entry-time.js';
import type { ArchiveLinks, FeedItem, FeedMeta } from './feed-document.js';
import { jsonFeed } from './json-feed.js';
import { rssXml } from './rss-feed.js';
import { relativePath, sitePaths, siteUrlOf } from './site-paths.js';

/** A file to write under `out/`. */
export interface OutputFile {
  path: string;
  content: string;
}

/** Who made the feeds (Atom `generator`). */
export interface Generator {
  uri: string;
  version: string;
}

/** Renders all feed files for a catalog. */
export function renderFeeds(catalog: Catalog, config: Config, generator: Generator): OutputFile[] {
  const files: OutputFile[] = [];
  const sourceName = new Map(catalog.sources.map((s) => [s.id, s.name]));
  const items = new Map<CatalogEntry, FeedItem>();
  const itemOf = (entry: CatalogEntry) => {
    let item = items.get(entry);
    if (!item) items.set(entry, (item = paperItem(entry, sourceName.get(entry.paper.source) ?? entry.paper.source, config)));
    return item;
  };

  const scopes: { source?: string; title: string }[] = [{ title: config.title }, ...catalog.sources.map((s) => ({ source: s.id, title: `${config.title} · ${s.name}` }))];
  for (const scope of scopes) {
    const entries = scope.source ? catalog.entries.filter((e) => e.paper.source === scope.source) : catalog.entries;
    const archivePaths = renderArchives(entries.map(itemOf), entries, scope, config, catalog, generator, files);
    const dates = new Set(recentDates(catalog, config.feeds.days, scope.source));
    const recent = entries.filter((e) => dates.has(e.paper.date)).slice(0, config.feeds.maxEntries).map(itemOf);
    const newestArchive = archivePaths[archivePaths.length - 1];
    for (const format of ['atom', 'rss', 'json'] as const) {
      const path = sitePaths.feed(format, scope.source);
      const meta = feedMeta(config, scope.title, path, recent, catalog);
      // RFC 5005 links Atom archives from Atom and RSS alike; JSON Feed has no such link.
      if (format !== 'json' && newestArchive) meta.archive = { isArchive: false, prev: siteUrlOf(config.siteUrl, newestArchive) };
      files.push({ path, content: fitToSize(recent, config.feeds.maxBytes, (list) => serialize(format, { ...meta, updated: newestDate(list, meta.updated) }, list, generator)) });
    }
  }
  files.push(...renderIssueFeeds(catalog, config, generator));
  return files;
}

/** Serialised Atom entries, made once per item and shared by every document it stands in. */
const atomEntries = new WeakMap<FeedItem, string>();

function atomEntriesOf(items: readonly FeedItem[], timeZone: string): string[] {
  return items.map((item) => {
    let xml = atomEntries.get(item);
    if (xml === undefined) atomEntries.set(item, (xml = atomEntryXml(item, timeZone)));
    return xml;
  });
}

function serialize(format: 'atom' | 'rss' | 'json', meta: FeedMeta, items: readonly FeedItem[], generator: Generator): string {
  if (format === 'atom') return atomXml(meta, atomEntriesOf(items, meta.timeZone), generator);
  if (format === 'rss') return rssXml(meta, items, generator);
  return jsonFeed(meta, items);
}

/**
 * Renders the longest prefix of `items` (newest first) whose document stays within `maxBytes`.
 * Starts from the whole list and cuts in proportion to the overshoot, so it needs few renders.
 */
export function fitToSize<T>(items: readonly T[], maxBytes: number, render: (items: readonly T[]) => string): string {
  let count = items.length;
  let content = render(items);
  for (let tries = 0; Buffer.byteLength(content) > maxBytes && count > 0 && tries < 20; tries++) {
    const size = Buffer.byteLength(content);
    count = Math.max(0, Math.min(count - 1, Math.floor((count * maxBytes) / size) - 1));
    content = render(items.slice(0, count));
  }
  return content;
}

function newestDate(items: readonly FeedItem[], fallback: Date): Date {
  return items.reduce<Date | undefined>((max, i) => (!max || i.date > max ? i.date : max), undefined) ?? fallback;
}

/** Feed-level data of a document at `path`; `updated` is its newest item's date (or the newest digest day's). */
function feedMeta(config: Config, title: string, path: string, items: readonly FeedItem[], catalog: Catalog): FeedMeta {
  const newestDay = catalog.days[0]?.date ?? '1970-01-01';
  return {
    title,
    subtitle: config.description,
    language: config.language,
    timeZone: config.timeZone,
    selfUrl: siteUrlOf(config.siteUrl, path),
    homeUrl: config.siteUrl,
    author: { name: config.author.name, ...(config.author.email ? { email: config.author.email } : {}), ...(config.author.url ? { url: config.author.url } : {}) },
    updated: newestDate(items, startOfDigestDay(newestDay, config.timeZone)),
    ...(path.endsWith('.xml') ? { stylesheetHref: relativePath(path, sitePaths.feedStylesheet) } : {}),
  };
}

/** A paper's feed item; the id is its canonical abstract-page URL, the same in every format. */
export function paperItem(entry: CatalogEntry, sourceName: string, config: Config): FeedItem {
  const paper = entry.paper;
  const id = new URL(paper.url).href;
  const extension: Record<string, unknown> = { id: paper.id, source: paper.source, digest_date: paper.date };
  if (paper.version !== undefined) extension.version = paper.version;
  if (paper.titleEn) extension.title_en = paper.titleEn;
  if (paper.codeUrl) extension.code_url = paper.codeUrl;
  if (paper.publishedDate) extension.published_date = paper.publishedDate;
  const item: FeedItem = {
    id,
    url: id,
    title: paper.title,
    contentHtml: paperEntryHtml(paper, sourceName),
    date: entryInstant(paper.date, config.timeZone, entry.indexInDay, entry.dayCount),
    authors: paper.authors,
    categories: [{ term: paper.source, label: sourceName }],
    enclosure: { url: paper.pdfUrl, type: 'application/pdf', title: 'PDF' },
    extension,
  };
  if (paper.summary) item.summaryText = shorten(paper.summary.replace(/\s+/g, ' '), 240);
  if (paper.codeUrl) item.related = paper.codeUrl;
  return item;
}

/** Monthly RFC 5005 archives (split into pages when a month is over the size limit); returns their paths, oldest first. */
function renderArchives(
  items: readonly FeedItem[],
  entries: readonly CatalogEntry[],
  scope: { source?: string; title: string },
  config: Config,
  catalog: Catalog,
  generator: Generator,
  files: OutputFile[],
): string[] {
  const byMonth = new Map<string, FeedItem[]>();
  entries.forEach((entry, i) => {
    const month = entry.paper.date.slice(0, 7);
    const list = byMonth.get(month) ?? [];
    list.push(items[i]!);
    byMonth.set(month, list);
  });
  // Oldest month first; inside a document, newest entries first (as in the subscription feed).
  const docs: { path: string; items: FeedItem[]; month: string }[] = [];
  for (const month of [...byMonth.keys()].sort()) {
    const pages = splitBySize(byMonth.get(month)!, config.feeds.maxBytes);
    pages.reverse().forEach((page, k) => docs.push({ path: sitePaths.archive(k === 0 ? month : `${month}-p${k + 1}`, scope.source), items: page, month }));
  }
  const current = siteUrlOf(config.siteUrl, sitePaths.feed('atom', scope.source));
  docs.forEach((doc, i) => {
    const archive: ArchiveLinks = { isArchive: true, current };
    if (docs[i - 1]) archive.prev = siteUrlOf(config.siteUrl, docs[i - 1]!.path);
    if (docs[i + 1]) archive.next = siteUrlOf(config.siteUrl, docs[i + 1]!.path);
    const meta: FeedMeta = { ...feedMeta(config, `${scope.title} · ${doc.month} 存档`, doc.path, doc.items, catalog), archive };
    files.push({ path: doc.path, content: atomXml(meta, atomEntriesOf(doc.items, config.timeZone), generator) });
  });
  return docs.map((d) => d.path);
}

/** Splits a month's items (newest first) into pages of about `maxBytes` each, oldest page last. */
function splitBySize(items: readonly FeedItem[], maxBytes: number): FeedItem[][] {
  const budget = maxBytes - 4000;
  const pages: FeedItem[][] = [[]];
  let size = 0;
  for (const item of items) {
    const bytes = estimateAtomBytes(item);
    if (size + bytes > budget && pages[pages.length - 1]!.length > 0) {
      pages.push([]);
      size = 0;
    }
    pages[pages.length - 1]!.push(item);
    size += bytes;
  }
  return pages;
}

/** About how many bytes an item takes in Atom: its escaped content and title plus the fixed elements around it. */
function estimateAtomBytes(item: FeedItem): number {
  return Buffer.byteLength(escapeHtml(item.contentHtml)) + Buffer.byteLength(escapeHtml(item.title)) + 900;
}

/** The daily-issue feeds: one entry per digest day, its content that day's list. */
function renderIssueFeeds(catalog: Catalog, config: Config, generator: Generator): OutputFile[] {
  const days = catalog.days.slice(0, config.feeds.issueDays);
  const items = days.map((day) => issueItem(day, config));
  const title = `${config.title} · 每日一期`;
  return (['atom', 'json'] as const).map((format) => {
    const path = sitePaths.issues(format);
    const meta = feedMeta(config, title, path, items, catalog);
    return { path, content: fitToSize(items, config.feeds.maxBytes, (list) => serialize(format, meta, list, generator)) };
  });
}

function issueItem(day: Day, config: Config): FeedItem {
  const url = siteUrlOf(config.siteUrl, sitePaths.dayPage(day.date));
  const count = day.sources.reduce((n, s) => n + s.papers.length, 0);
  return {
    id: url,
    url,
    title: dayIssueTitle(day),
    contentHtml: dayIssueHtml(day, url),
    summaryText: `${day.date}：共 ${count} 篇论文`,
    date: startOfDigestDay(day.date, config.timeZone),
    authors: [],
    categories: day.sources.map((s) => ({ term: s.source, label: s.sourceName })),
    extension: { date: day.date, sources: day.sources.map((s) => ({ source: s.source, status: s.status, count: s.papers.length, ...(s.failure ? { failure: { reason: s.failure.reason, ...(s.failure.httpStatus ? { httpStatus: s.failure.httpStatus } : {}), summary: s.failure.summary } } : {}) })) },
  };
}

