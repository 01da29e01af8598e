/**
 * What every feed document shares however its entries were chosen (subscription, archive,
 * daily-issue and topic feeds): the feed-level data, and serialisation in each format with each
 * entry serialised once per item. Pure.
 */
import type { Config } from '../config/schema.js';
import { relativePath, sitePaths, siteUrlOf } from '../project/site-paths.js';
import { atomEntryXml, atomXml } from './atom-feed.js';
import { type EntryStore, storedEntry } from './entry-store.js';
import { startOfDigestDay } from './entry-time.js';
import type { FeedItem, FeedMeta } from './feed-document.js';
import { jsonFeed } from './json-feed.js';
import { rssXml } from './rss-feed.js';

/** Who made the feeds (Atom `generator`, RSS `generator`): digestcast's version and, when package.json names one, its home page. */
export interface Generator {
  uri?: string;
  version: string;
}

/** Serialised Atom entries, made once per item and shared by every document it stands in. */
const atomEntries = new WeakMap<FeedItem, string>();

function atomEntriesOf(items: readonly FeedItem[], timeZone: string, store: EntryStore | undefined): string[] {
  return items.map((item) => {
    let xml = atomEntries.get(item);
    if (xml === undefined) atomEntries.set(item, (xml = storedEntry(store, 'atom', item, timeZone, () => atomEntryXml(item, timeZone))));
    return xml;
  });
}

/** A feed document in a format, its entries serialised once per item (and looked up in `store` first). */
export function serializeFeed(format: 'atom' | 'rss' | 'json', meta: FeedMeta, items: readonly FeedItem[], generator: Generator, store?: EntryStore): string {
  if (format === 'atom') return atomXml(meta, atomEntriesOf(items, meta.timeZone, store), generator);
  if (format === 'rss') return rssXml(meta, items, generator, store);
  return jsonFeed(meta, items, store);
}

function newestDate(items: readonly { date: Date }[], fallback: Date): Date {
  return items.reduce<Date | undefined>((max, i) => (!max || i.date > max ? i.date : max), undefined) ?? fallback;
}

/** Feed-level data of a document at `path`; `updated` is its newest item's date (or, with no items, the newest digest day's). */
export function feedMeta(config: Config, title: string, path: string, items: readonly { date: Date }[], newestDay: string): FeedMeta {
  return {
    title,
    subtitle: config.description,
    language: config.language,
    timeZone: config.timeZone,
    selfUrl: siteUrlOf(config.siteUrl, path),
    homeUrl: config.siteUrl,
    author: { name: config.author.name, ...(config.author.email ? { email: config.author.email } : {}), ...(config.author.url ? { url: config.author.url } : {}) },
    updated: newestDate(items, startOfDigestDay(newestDay || '1970-01-01', config.timeZone)),
    // Every XML feed (Atom, RSS: `.xml`, `.atom`, `.rss`) names the style sheet; JSON Feed has none.
    ...(path.endsWith('.json') ? {} : { stylesheetHref: relativePath(path, sitePaths.feedStylesheet) }),
  };
}

