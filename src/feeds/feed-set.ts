/**
 * Every feed file of the site: subscription feeds (all sources and per source) in Atom,
 * RSS 2.0 and JSON Feed 1.1, the daily-issue feeds, and RFC 5005 archive pages; and a report
 * of what each subscription feed holds. Pure: returns paths and contents.
 */
import type { Config } from '../config/schema.js';
import type { Day, Paper } from '../model.js';
import { atomArchiveEntryXml, atomXml, type AtomArchiveEntry } from './atom-feed.js';
import { paperAnchor } from '../view/anchors.js';
import type { Catalog, CatalogEntry } from '../project/catalog.js';
import { recentDates } from '../project/catalog.js';
import { archivePages, type ArchivePage } from './archive-pages.js';
import { dayIssueHtml, dayIssueTitle } from './entry-html.js';
import { entryInstant, startOfDigestDay } from './entry-time.js';
import type { ArchiveLinks, ContentLevel, FeedItem, FeedMeta } from './feed-document.js';
import { opmlXml, topicsOpmlXml } from './opml.js';
import { type EntryStore, storedText } from './entry-store.js';
import { FeedRuns } from './feed-runs.js';
import { ENTRY_SEPARATOR, entryText, feedDocument, feedMeta, type Generator } from './feed-serialize.js';
import { renderTopicFeeds } from './topic-feeds.js';
import { paperItem, paperItemDate } from './paper-item.js';
import { type FeedFormat, relativePath, sitePaths, siteUrlOf } from '../project/site-paths.js';
import { fitSubscription, fittedFeed, htmlLowerBound } from './subscription-fit.js';
import { statusText } from '../view/day-summary.js';
import { uiStrings, type UiStrings } from '../view/ui-strings.js';
import { paperTitle } from '../view/paper-title.js';

import type { OutputFile } from '../project/output-file.js';

export type { Generator } from './feed-serialize.js';

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

/** Renders all feed files of a catalog that holds every day: subscription feeds, the whole archive, daily issues, OPML. */
export function renderFeeds(catalog: Catalog, config: Config, generator: Generator): RenderedFeeds {
  const pages = planArchive(archiveRefs(catalog.entries), config, catalog.outlines[0]?.date ?? '');
  const byId = new Map(catalog.entries.map((e) => [e.paper.id, e]));
  const files = pages.map((_, i) => renderArchivePage(pages, i, (id) => byId.get(id), config, generator));
  const feeds = renderSubscriptionFeeds(catalog, config, generator, archiveChain(pages));
  return { files: [...feeds.files, ...files], reports: feeds.reports };
}

/**
 * The subscription feeds (all sources and per source, each in Atom, RSS and JSON Feed), the
 * daily-issue feeds and the OPML lists, from a catalog holding at least the days they show
 * (the newest `feeds.days` days of each source and `feeds.issueDays` days); `archive` is the
 * all-sources archive they link to (`planArchive`, `archiveChain`); `store` keeps serialised
 * entries between builds (`entry-store.ts`). With `dayKeyOf` (a key of everything a day's
 * entries are made of: the day and every day before it, the config, the code), a day's entries
 * of a feed are kept in `store` as one run, taken whole while its key stays the same.
 */
export function renderSubscriptionFeeds(catalog: Catalog, config: Config, generator: Generator, archive: ArchiveChain, store?: EntryStore, dayKeyOf?: (date: string) => string | undefined): RenderedFeeds {
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
  // An entry's date, as its item has it, without making the item; taken once (every document tried, each format and level, names its newest).
  const dates = new Map<CatalogEntry, { readonly date: Date }>();
  const dateOf = (entry: CatalogEntry) => {
    let date = dates.get(entry);
    if (!date) dates.set(entry, (date = { date: paperItemDate(entry, config.timeZone) }));
    return date;
  };

  const scopes: { source?: string; title: string }[] = [{ title: config.title }, ...catalog.sources.map((s) => ({ source: s.id, title: `${config.title} · ${s.name}` }))];
  for (const scope of scopes) {
    // Only the all-sources feed has RFC 5005 archives: a source's history is there (each entry
    // says its source), stored once. A source's own feed links to no archive rather than to
    // pages that would mix other sources into its history.
    const chain: ArchiveChain = scope.source ? { pages: 0, finalPages: 0 } : archive;
    const days = recentDates(catalog, config.feeds.days, scope.source).map((date) => ({ date, entries: [] as CatalogEntry[] }));
    const dayIndex = new Map(days.map((d) => [d.date, d]));
    for (const entry of catalog.entries) if (!scope.source || entry.paper.source === scope.source) dayIndex.get(entry.paper.date)?.entries.push(entry);
    const metaOf = (format: FeedFormat, list: readonly CatalogEntry[]) => {
      const path = sitePaths.feed(format, scope.source);
      const meta = feedMeta(config, scope.title, path, list.map(dateOf), catalog.outlines[0]?.date ?? '');
      // RFC 5005 links Atom archives from Atom and RSS alike; JSON Feed has no such link.
      if (format !== 'json' && chain.newest) meta.archive = { isArchive: false, prev: siteUrlOf(config.siteUrl, chain.newest) };
      return meta;
    };
    // An entry's text depends on its item and the feed's time zone only. Kept one by one only without runs: a run keeps them.
    const entryTexts = (format: FeedFormat, level: ContentLevel, run: readonly CatalogEntry[], meta: FeedMeta, entryStore?: EntryStore) => run.map((e) => entryText(format, itemOf(e, level), meta, entryStore)).join(ENTRY_SEPARATOR[format]);
    // With day keys, a day's entries are kept as runs (`feed-runs.ts`); they take the place of the entries kept one by one.
    const runs =
      store && dayKeyOf
        ? new FeedRuns<CatalogEntry>(
            store,
            scope.source ?? '*',
            (entry) => entry.paper.date,
            (date, run) => (run.length === dayIndex.get(date)?.entries.length ? dayKeyOf(date) : undefined),
            (format, level, run) => entryTexts(format, level, run, metaOf(format, [])),
          )
        : undefined;
    const renderer = (format: FeedFormat) => (list: readonly CatalogEntry[], level: ContentLevel) => {
      const meta = metaOf(format, list);
      return feedDocument(format, meta, runs ? runs.body(format, level, list) : entryTexts(format, level, list, meta, store), generator);
    };
    // A level that cannot fit is not rendered: its runs' sizes, or (without runs) its HTML alone, are over the budget.
    const lowerBound = runs ? (list: readonly CatalogEntry[], level: ContentLevel, format: FeedFormat) => runs.bytes(format, level, list) : htmlLowerBound(itemOf);
    const fit = fitSubscription(days, config.feeds, { atom: renderer('atom'), rss: renderer('rss'), json: renderer('json') }, lowerBound);
    if (runs) {
      // The runs the feed is made of are kept whole; of the rest, only their sizes.
      const list = days.slice(0, fit.days).flatMap((d) => d.entries).slice(0, fit.entries);
      for (const format of Object.keys(fit.formats) as FeedFormat[]) runs.keep(format, fit.formats[format].level, list);
      runs.keepSizes();
    }
    const fitted = fittedFeed(fit, scope.title, (format) => sitePaths.feed(format, scope.source), chain);
    if (scope.source) fitted.report.source = scope.source;
    files.push(...fitted.files);
    reports.push(fitted.report);
  }
  files.push(...renderIssueFeeds(catalog, config, generator, words, store, dayKeyOf));
  // Each topic's feeds: the papers of the all-sources window that match it.
  files.push(...renderTopicFeeds({ dates: recentDates(catalog, config.feeds.days), entries: catalog.entries, sourceNames: sourceName, itemOf }, config, generator, store).files);
  if (config.topics.length > 0) files.push({ path: sitePaths.opmlTopics, content: topicsOpmlXml(config, config.topics, catalog.outlines[0]?.date) });
  // The subscription lists (OPML) of these feeds.
  files.push({ path: sitePaths.opmlAll, content: opmlXml(config, catalog, 'all') });
  const bySource = opmlXml(config, catalog, 'sources');
  files.push({ path: sitePaths.opmlSources, content: bySource }, { path: sitePaths.opml, content: bySource });
  return { files, reports };
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

/** A paper's place in the archive: its id, digest day, and the estimated size of its archive entry. */
export interface ArchiveRef {
  id: string;
  date: string;
  bytes: number;
}

/** A page of the all-sources archive, as planned from the history in outline. */
export type ArchivePlanPage = ArchivePage<ArchiveRef>;

/**
 * About how many bytes a paper's archive entry takes (`atomArchiveEntryXml`): its title and
 * links plus the fixed elements. Made from the paper alone, so it can be kept with the day's outline.
 */
export function archiveEntryBytes(paper: Paper): number {
  return Buffer.byteLength(paper.title || paper.id) + 2 * Buffer.byteLength(paper.url) + 190;
}

/** The archive refs of first listings (newest day first, as `Catalog.entries`), in the order `planArchive` takes them. */
export function archiveRefs(entries: readonly CatalogEntry[]): ArchiveRef[] {
  const refs: ArchiveRef[] = [];
  for (let i = entries.length - 1; i >= 0; i--) {
    const paper = entries[i]!.paper;
    refs.push({ id: paper.id, date: paper.date, bytes: archiveEntryBytes(paper) });
  }
  return refs;
}

/**
 * The pages the all-sources history is cut into (see `archive-pages.ts`): `refs` are the first
 * listings oldest day first (within a day, last listed first: `archiveRefs`), `newestDay` the
 * newest digest day. Pure and light: a build plans the whole history from outlines.
 */
export function planArchive(refs: readonly ArchiveRef[], config: Config, newestDay: string): ArchivePlanPage[] {
  return archivePages(refs, (r) => r.date, (r) => r.bytes, config.feeds.maxBytes - 4000, newestDay);
}

/** An archive chain: the path of its newest page (what `prev-archive` of the feed names), its pages and how many are final. */
export interface ArchiveChain {
  newest?: string;
  pages: number;
  finalPages: number;
}

/** The chain the subscription feed links to, from the planned pages. */
export function archiveChain(pages: readonly ArchivePlanPage[]): ArchiveChain {
  const last = pages[pages.length - 1];
  return { ...(last ? { newest: sitePaths.archive(last.name) } : {}), pages: pages.length, finalPages: pages.filter((p) => p.isArchive).length };
}

/**
 * Page `index` of the all-sources RFC 5005 archive (`pages` from `planArchive`), newest first
 * inside the page. `entryOf` gives the catalog entry of each of the page's papers (the catalog
 * must hold the page's days). Its entries are pointers (`archiveEntryOf`): the abstracts are on
 * the day pages. Final pages carry `fh:archive` and nothing that changes when a day is added (no
 * generator version: a new digestcast release does not rewrite them either).
 */
export function renderArchivePage(pages: readonly ArchivePlanPage[], index: number, entryOf: (id: string) => CatalogEntry | undefined, config: Config, generator: Generator): OutputFile {
  const words = uiStrings(config.language);
  const page = pages[index]!;
  const path = sitePaths.archive(page.name);
  const archive: ArchiveLinks = { isArchive: page.isArchive, current: siteUrlOf(config.siteUrl, sitePaths.feed('atom')) };
  const prev = pages[index - 1];
  const next = pages[index + 1];
  if (prev) archive.prev = siteUrlOf(config.siteUrl, sitePaths.archive(prev.name));
  if (next) archive.next = siteUrlOf(config.siteUrl, sitePaths.archive(next.name));
  const up = relativePath(path, '');
  const entries = [...page.entries].reverse().map((ref) => {
    const entry = entryOf(ref.id);
    if (!entry) throw new Error(`archive page ${page.name}: ${ref.id} (${ref.date}) is not among the entries held; the build must hold the page's days in full`);
    return archiveEntryOf(entry, up, config, words);
  });
  const meta: FeedMeta = { ...feedMeta(config, `${config.title} · ${archiveTitle(page, words)}`, path, entries, newestOf(pages)), archive };
  const xml = entries.map((e) => atomArchiveEntryXml(e, config.timeZone));
  return { path, content: atomXml(meta, xml, page.isArchive ? withoutVersion(generator) : generator) };
}

function newestOf(pages: readonly ArchivePlanPage[]): string {
  const last = pages[pages.length - 1]!;
  return last.entries[last.entries.length - 1]?.date ?? '';
}

function archiveTitle(page: ArchivePage<unknown>, words: UiStrings): string {
  return words.archiveName(page.month, page.name === page.month ? undefined : Number(page.name.slice(page.month.length + 2)));
}

/**
 * A paper's archive entry: its id (the abstract page, as in the feeds), title, date, source,
 * and a link to its abstract on the day page (relative to the archive page: `up` leads from it to `out/`).
 */
function archiveEntryOf(entry: CatalogEntry, up: string, config: Config, words: UiStrings): AtomArchiveEntry {
  const { paper } = entry;
  const day = `${sitePaths.dayPage(paper.date)}#${paperAnchor(paper)}`;
  return {
    id: new URL(paper.url).href,
    title: paperTitle(paper, words),
    date: entryInstant(paper.date, config.timeZone, entry.indexInDay, entry.dayCount),
    href: `${up}${day}`,
    source: paper.source,
  };
}

/** The generator of a final archive page: no version, so a new release does not rewrite the page. */
function withoutVersion(generator: Generator): { uri?: string } {
  return generator.uri ? { uri: generator.uri } : {};
}

/**
 * The daily-issue feeds: one entry per digest day, its content that day's list. With `store`
 * and `dayKeyOf`, a day's entry is kept by its day's key (its list is made of that day alone).
 */
function renderIssueFeeds(catalog: Catalog, config: Config, generator: Generator, words: UiStrings, store?: EntryStore, dayKeyOf?: (date: string) => string | undefined): OutputFile[] {
  const days = catalog.days.slice(0, config.feeds.issueDays);
  const items = new Map<Day, FeedItem>();
  const itemOf = (day: Day) => items.get(day) ?? items.set(day, issueItem(day, config, words)).get(day)!;
  const title = `${config.title} · ${words.dailyIssue}`;
  return (['atom', 'json'] as const).map((format) => {
    const path = sitePaths.issues(format);
    // An issue's date is its day's start (`issueItem`).
    const meta = feedMeta(config, title, path, days.map((day) => ({ date: startOfDigestDay(day.date, config.timeZone) })), catalog.outlines[0]?.date ?? '');
    const entryOf = (day: Day) => {
      const make = () => entryText(format, itemOf(day), meta);
      const key = dayKeyOf?.(day.date);
      return store && key !== undefined ? storedText(store, `issue ${format} ${key}`, make) : make();
    };
    return { path, content: fitToSize(days, config.feeds.maxBytes, (list) => feedDocument(format, meta, list.map(entryOf).join(ENTRY_SEPARATOR[format]), generator)) };
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

