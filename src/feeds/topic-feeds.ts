/**
 * A topic's subscription feeds (`topics/<id>.atom`, `.rss`, `.json`): the papers of the feed
 * window (the all-sources feed's last `feeds.days` digest days) that are on the topic, each
 * entry the same item as in the all-sources feed (same id, date and body), fitted to
 * `feeds.maxEntries` and `feeds.maxBytes` like every subscription feed. A topic feed has no
 * RFC 5005 archive: its history is in the all-sources archive. Pure: returns paths and contents.
 */
import type { Config } from '../config/schema.js';
import type { CatalogEntry } from '../project/catalog.js';
import type { OutputFile } from '../project/output-file.js';
import { type FeedFormat, sitePaths } from '../project/site-paths.js';
import { topicFeedTitle, topicsOf } from '../project/topics.js';
import { topicAnchor } from '../view/anchors.js';
import { uiStrings } from '../view/ui-strings.js';
import type { EntryStore } from './entry-store.js';
import type { ContentLevel, FeedItem, FeedMeta } from './feed-document.js';
import { feedMeta, type Generator, serializeFeed } from './feed-serialize.js';
import type { FeedReport } from './feed-set.js';
import { paperItem } from './paper-item.js';
import { fitSubscription, fittedFeed, htmlLowerBound } from './subscription-fit.js';

/** What the topic feeds are made from: the all-sources feed's window. */
export interface TopicFeedWindow {
  /** The window's digest days, newest first: the last `feeds.days` digest days (`recentDates(catalog, config.feeds.days)`). */
  dates: readonly string[];
  /** First listings of those days (or more: others are ignored), newest day first, digest order within a day, as in `Catalog.entries`. */
  entries: readonly CatalogEntry[];
  /** Display name of each source id (`arxiv` → `arXiv`); an id not in it is shown as is. */
  sourceNames: ReadonlyMap<string, string>;
  /** The feed item of an entry at a level, made once: the all-sources feed's own (so the same item, HTML and serialised entries serve both). */
  itemOf?: (entry: CatalogEntry, level: ContentLevel) => FeedItem;
}

/** What one topic's feed holds (as `FeedReport` of the other feeds, with the topic's id instead of a source). */
export type TopicFeedReport = Omit<FeedReport, 'source'> & { topic: string };

const FORMATS = ['atom', 'rss', 'json'] as const satisfies readonly FeedFormat[];


/** Renders the three feeds of every topic in `config.topics` (none when there are no topics). */
export function renderTopicFeeds(window: TopicFeedWindow, config: Config, generator: Generator, store?: EntryStore): { files: OutputFile[]; reports: TopicFeedReport[] } {
  const files: OutputFile[] = [];
  const reports: TopicFeedReport[] = [];
  if (config.topics.length === 0) return { files, reports };
  const words = uiStrings(config.language);
  const inWindow = new Set(window.dates);
  const windowEntries = window.entries.filter((e) => inWindow.has(e.paper.date));
  // Items made once per entry and level, shared by every topic the paper is on; Atom entries serialised once per item.
  const items = new Map<CatalogEntry, Partial<Record<ContentLevel, FeedItem>>>();
  const itemOf =
    window.itemOf ??
    ((entry: CatalogEntry, level: ContentLevel) => {
      let levels = items.get(entry);
      if (!levels) items.set(entry, (levels = {}));
      return (levels[level] ??= paperItem(entry, window.sourceNames.get(entry.paper.source) ?? entry.paper.source, config, words, level));
    });
  const newestDay = window.dates[0] ?? '';
  // Each entry's text folded once, for every topic at once.
  const onTopic = new Map<string, CatalogEntry[]>(config.topics.map((t) => [t.id, []]));
  for (const entry of windowEntries) for (const topic of topicsOf(entry.paper, config.topics)) onTopic.get(topic.id)!.push(entry);

  for (const topic of config.topics) {
    const title = topicFeedTitle(config, topic);
    const days = window.dates.map((date) => ({ date, entries: [] as CatalogEntry[] }));
    const dayIndex = new Map(days.map((d) => [d.date, d]));
    for (const entry of onTopic.get(topic.id)!) dayIndex.get(entry.paper.date)?.entries.push(entry);
    const renderer = (format: (typeof FORMATS)[number]) => (list: readonly CatalogEntry[], level: ContentLevel) => {
      const feedItems = list.map((e) => itemOf(e, level));
      const path = sitePaths.topicFeed(format, topic.id);
      const meta: FeedMeta = {
        ...feedMeta(config, title, path, feedItems, newestDay),
        subtitle: topic.description ?? words.topicFeedSubtitle(topic.title, topic.keywords),
        homeUrl: `${config.siteUrl}#${topicAnchor(topic.id)}`,
      };
      return serializeFeed(format, meta, feedItems, generator, store);
    };
    const fit = fitSubscription(days, config.feeds, { atom: renderer('atom'), rss: renderer('rss'), json: renderer('json') }, htmlLowerBound(itemOf));
    // A topic's feed has no archive: its history is the all-sources archive's.
    const fitted = fittedFeed(fit, title, (format) => sitePaths.topicFeed(format, topic.id), { pages: 0, finalPages: 0 });
    files.push(...fitted.files);
    const report: TopicFeedReport = { topic: topic.id, ...fitted.report };
    reports.push(report);
  }
  return { files, reports };
}
