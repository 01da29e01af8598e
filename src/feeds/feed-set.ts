/**
 * Every feed file of the site: subscription feeds (all sources and per source) in Atom,
 * RSS 2.0 and JSON Feed 1.1, the daily-issue feeds, and RFC 5005 archive pages; and a report
 * of what each subscription feed holds. Pure: returns paths and contents.
 */
import type { Config } from '../config/schema.js';
import type { Day } from '../model.js';
import { escapeHtml } from '../text/escape.js';
import { atomArchiveEntryXml, atomEntryXml, atomXml, type AtomArchiveEntry } from './atom-feed.js';
import { paperAnchor } from '../view/anchors.js';
import type { Catalog, CatalogEntry } from '../project/catalog.js';
import { recentDates } from '../project/catalog.js';
import { archivePages, type ArchivePage } from './archive-pages.js';
import { dayIssueHtml, dayIssueTitle } from './entry-html.js';
import { startOfDigestDay } from './entry-time.js';
import type { ArchiveLinks, ContentLevel, FeedItem, FeedMeta } from './feed-document.js';
import { jsonFeed } from './json-feed.js';
import { opmlXml } from './opml.js';
import { paperItem } from './paper-item.js';
import { rssXml } from './rss-feed.js';
import { relativePath, sitePaths, siteUrlOf } from '../project/site-paths.js';
import { fitSubscription } from './subscription-fit.js';
import { statusText } from '../view/day-summary.js';
import { uiStrings, type UiStrings } from '../view/ui-strings.js';

import type { OutputFile } from '../project/output-file.js';

/** Who made the feeds (Atom `generator`, RSS `generator`): digestcast's version and, when package.json names one, its home page. */
export interface Generator {
  uri?: string;
  version: string;
}

/** What one subscription feed (all sources, or one source) holds, for the build output. */
export interface FeedReport {
  /** Source id, or undefined for the all-sources feed. */
  source?: string;
  title: string;
  /** Digest days held, and how many the feed should hold (the last `feeds.days` that exist). */
  days: number;
  wantedDays: number;
  /** Papers held (the same in every format), and how many those days have. */
  entries: number;
  wantedEntries: number;
  /** Each format's file: its size and how much each entry carries. */
  files: { path: string; bytes: number; level: ContentLevel }[];
  /** Why entries were shortened or papers left out; empty when nothing was. */
  reasons: string[];
  /** RFC 5005 pages of this feed's history, and how many of them are final (`fh:archive`); none for a source's feed (its history is in the all-sources archive). */
  archivePages: number;
  finalArchivePages: number;
}

/** Feed files and what each subscription feed holds. */
export interface RenderedFeeds {
  files: OutputFile[];
  reports: FeedReport[];
}

const FORMATS = ['atom', 'rss', 'json'] as const;

/** Renders all feed files for a catalog. */
export function renderFeeds(catalog: Catalog, config: Config, generator: Generator): RenderedFeeds {
  const files: OutputFile[] = [];
  const reports: FeedReport[] = [];
  const words = uiStrings(config.language);
  const sourceName = new Map(catalog.sources.map((s) => [s.id, s.name]));
  const items = new Map<CatalogEntry, Partial<Record<ContentLevel, FeedItem>>>();
  const itemOf = (entry: CatalogEntry, level: ContentLevel = 'full') => {
    let levels = items.get(entry);
    if (!levels) items.set(entry, (levels = {}));
    return (levels[level] ??= paperItem(entry, sourceName.get(entry.paper.source) ?? entry.paper.source, config, words, level));
  };

  const scopes: { source?: string; title: string }[] = [{ title: config.title }, ...catalog.sources.map((s) => ({ source: s.id, title: `${config.title} · ${s.name}` }))];
  for (const scope of scopes) {
    const entries = scope.source ? catalog.entries.filter((e) => e.paper.source === scope.source) : catalog.entries;
    // Only the all-sources feed has RFC 5005 archives: a source's history is there (each entry
    // says its source), stored once. A source's own feed links to no archive rather than to
    // pages that would mix other sources into its history.
    const archive: ArchiveChain = scope.source ? { pages: 0, finalPages: 0 } : renderArchives(entries, itemOf, config, catalog, generator, files, words);
    const days = recentDates(catalog, config.feeds.days, scope.source).map((date) => ({ date, entries: [] as CatalogEntry[] }));
    const dayIndex = new Map(days.map((d) => [d.date, d]));
    for (const entry of entries) dayIndex.get(entry.paper.date)?.entries.push(entry);
    const metaOf = (format: (typeof FORMATS)[number], list: readonly FeedItem[]) => {
      const path = sitePaths.feed(format, scope.source);
      const meta = feedMeta(config, scope.title, path, list, catalog);
      // RFC 5005 links Atom archives from Atom and RSS alike; JSON Feed has no such link.
      if (format !== 'json' && archive.newest) meta.archive = { isArchive: false, prev: siteUrlOf(config.siteUrl, archive.newest) };
      return meta;
    };
    const renderer = (format: (typeof FORMATS)[number]) => (list: readonly CatalogEntry[], level: ContentLevel) => {
      const feedItems = list.map((e) => itemOf(e, level));
      return serialize(format, metaOf(format, feedItems), feedItems, generator);
    };
    const fit = fitSubscription(days, config.feeds, { atom: renderer('atom'), rss: renderer('rss'), json: renderer('json') });
    const report: FeedReport = {
      title: scope.title,
      days: fit.days,
      wantedDays: fit.wantedDays,
      entries: fit.entries,
      wantedEntries: fit.wantedEntries,
      files: [],
      reasons: fit.reasons,
      archivePages: archive.pages,
      finalArchivePages: archive.finalPages,
    };
    if (scope.source) report.source = scope.source;
    for (const format of FORMATS) {
      const path = sitePaths.feed(format, scope.source);
      files.push({ path, content: fit.formats[format].content });
      report.files.push({ path, bytes: fit.formats[format].bytes, level: fit.formats[format].level });
    }
    reports.push(report);
  }
  files.push(...renderIssueFeeds(catalog, config, generator, words));
  // The subscription lists (OPML) of these feeds.
  files.push({ path: sitePaths.opmlAll, content: opmlXml(config, catalog, 'all') });
  const bySource = opmlXml(config, catalog, 'sources');
  files.push({ path: sitePaths.opmlSources, content: bySource }, { path: sitePaths.opml, content: bySource });
  return { files, reports };
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
 * Renders the longest prefix of `items` (newest first) whose document stays within `maxBytes`,
 * but never fewer than the newest item: a feed whose newest entry alone is over the budget still
 * shows it rather than nothing. Starts from the whole list and cuts in proportion to the
 * overshoot, so it needs few renders.
 */
export function fitToSize<T>(items: readonly T[], maxBytes: number, render: (items: readonly T[]) => string): string {
  let count = items.length;
  let content = render(items);
  for (let tries = 0; Buffer.byteLength(content) > maxBytes && count > 1 && tries < 20; tries++) {
    const size = Buffer.byteLength(content);
    count = Math.max(1, Math.min(count - 1, Math.floor((count * maxBytes) / size) - 1));
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

/**
 * The all-sources RFC 5005 pages (see `archive-pages.ts`), newest first inside a page. Their
 * entries are pointers (`archiveEntryOf`): the abstracts are on the day pages. Final pages
 * carry `fh:archive` and nothing that changes when a day is added (no generator version: a
 * new digestcast release does not rewrite them either).
 */
function renderArchives(
  entries: readonly CatalogEntry[],
  itemOf: (entry: CatalogEntry) => FeedItem,
  config: Config,
  catalog: Catalog,
  generator: Generator,
  files: OutputFile[],
  words: UiStrings,
): ArchiveChain {
  const pages = archiveCut(entries, itemOf, config, catalog);
  const paths = pages.map((p) => sitePaths.archive(p.name));
  const current = siteUrlOf(config.siteUrl, sitePaths.feed('atom'));
  pages.forEach((page, i) => {
    const archive: ArchiveLinks = { isArchive: page.isArchive, current };
    if (paths[i - 1]) archive.prev = siteUrlOf(config.siteUrl, paths[i - 1]!);
    if (paths[i + 1]) archive.next = siteUrlOf(config.siteUrl, paths[i + 1]!);
    const newestFirst = [...page.entries].reverse();
    const items = newestFirst.map((e) => itemOf(e));
    const meta: FeedMeta = { ...feedMeta(config, `${config.title} · ${archiveTitle(page, words)}`, paths[i]!, items, catalog), archive };
    const xml = newestFirst.map((e) => atomArchiveEntryXml(archiveEntryOf(e, itemOf(e), paths[i]!), config.timeZone));
    files.push({ path: paths[i]!, content: atomXml(meta, xml, page.isArchive ? withoutVersion(generator) : generator) });
  });
  return { ...(paths.length > 0 ? { newest: paths[paths.length - 1]! } : {}), pages: pages.length, finalPages: pages.filter((p) => p.isArchive).length };
}

/** An archive chain: the path of its newest page (what `prev-archive` of the feed names), its pages and how many are final. */
interface ArchiveChain {
  newest?: string;
  pages: number;
  finalPages: number;
}

/** The pages a scope's history is cut into; sized by the full entries (as before the archives were pointers), so page names stay as they were. */
function archiveCut(entries: readonly CatalogEntry[], itemOf: (entry: CatalogEntry) => FeedItem, config: Config, catalog: Catalog): ArchivePage<CatalogEntry>[] {
  return archivePages([...entries].reverse(), (e) => e.paper.date, (e) => estimateAtomBytes(itemOf(e)), config.feeds.maxBytes - 4000, catalog.days[0]?.date ?? '');
}

function archiveTitle(page: ArchivePage<CatalogEntry>, words: UiStrings): string {
  return words.archiveName(page.month, page.name === page.month ? undefined : Number(page.name.slice(page.month.length + 2)));
}

/**
 * A paper's archive entry: its id (the abstract page, as in the feeds), title, date, source,
 * and a link to its abstract on the day page (relative to the archive page `from`).
 */
function archiveEntryOf(entry: CatalogEntry, item: FeedItem, from: string): AtomArchiveEntry {
  const day = `${sitePaths.dayPage(entry.paper.date)}#${paperAnchor(entry.paper)}`;
  return { id: item.id, title: item.title, date: item.date, href: relativePath(from, day), source: entry.paper.source };
}

/** The generator of a final archive page: no version, so a new release does not rewrite the page. */
function withoutVersion(generator: Generator): { uri?: string } {
  return generator.uri ? { uri: generator.uri } : {};
}

const atomBytes = new WeakMap<FeedItem, number>();

/**
 * About how many bytes an item takes in Atom: its escaped content and title plus the fixed
 * elements around it. Worked out once per item: the archive cut asks for every item twice.
 */
function estimateAtomBytes(item: FeedItem): number {
  let bytes = atomBytes.get(item);
  if (bytes === undefined) atomBytes.set(item, (bytes = Buffer.byteLength(escapeHtml(item.contentHtml ?? '')) + Buffer.byteLength(escapeHtml(item.title)) + 900));
  return bytes;
}

/** The daily-issue feeds: one entry per digest day, its content that day's list. */
function renderIssueFeeds(catalog: Catalog, config: Config, generator: Generator, words: UiStrings): OutputFile[] {
  const days = catalog.days.slice(0, config.feeds.issueDays);
  const items = days.map((day) => issueItem(day, config, words));
  const title = `${config.title} · ${words.dailyIssue}`;
  return (['atom', 'json'] as const).map((format) => {
    const path = sitePaths.issues(format);
    const meta = feedMeta(config, title, path, items, catalog);
    return { path, content: fitToSize(items, config.feeds.maxBytes, (list) => serialize(format, meta, list, generator)) };
  });
}

function issueItem(day: Day, config: Config, words: UiStrings): FeedItem {
  const url = siteUrlOf(config.siteUrl, sitePaths.dayPage(day.date));
  const count = day.sources.reduce((n, s) => n + s.papers.length, 0);
  return {
    id: url,
    url,
    title: dayIssueTitle(day, words),
    contentHtml: dayIssueHtml(day, url, words),
    summaryText: words.issueSummary(day.date, count),
    date: startOfDigestDay(day.date, config.timeZone),
    authors: [],
    categories: day.sources.map((s) => ({ term: s.source, label: s.sourceName })),
    extension: { date: day.date, sources: day.sources.map((s) => ({ source: s.source, status: s.status, count: s.papers.length, ...(s.failure ? { failure: { reason: s.failure.reason, ...(s.failure.httpStatus ? { httpStatus: s.failure.httpStatus } : {}), summary: statusText(s, words) } } : {}) })) },
  };
}

