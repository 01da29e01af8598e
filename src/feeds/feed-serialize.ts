/**
 * What every feed document shares however its entries were chosen (subscription, archive,
 * daily-issue and topic feeds): the feed-level data, and serialisation in each format with each
 * entry serialised once per item. Pure.
 */
import type { Config } from '../config/schema.js';
import { type FeedFormat, relativePath, sitePaths, siteUrlOf } from '../project/site-paths.js';
import { atomDocument, atomEntryXml } from './atom-feed.js';
import { type EntryStore, storedEntry } from './entry-store.js';
import { startOfDigestDay } from './entry-time.js';
import type { FeedItem, FeedMeta } from './feed-document.js';
import { jsonDocument, jsonItemLine } from './json-feed.js';
import { rssDocument, rssItemXmlOf } from './rss-feed.js';

/** Who made the feeds (Atom `generator`, RSS `generator`): digestcast's version and, when package.json names one, its home page. */
export interface Generator {
  uri?: string;
  version: string;
}

/** Serialised entries, made once per item and format and shared by every document the item stands in. */
const MADE: Record<FeedFormat, WeakMap<FeedItem, string>> = { atom: new WeakMap(), rss: new WeakMap(), json: new WeakMap() };

/** An entry of each format, from its item and the feed's (its time zone). */
const SERIALISE: Record<FeedFormat, (item: FeedItem, meta: FeedMeta) => string> = {
  atom: (item, meta) => atomEntryXml(item, meta.timeZone),
  rss: rssItemXmlOf,
  json: jsonItemLine,
};

/** What goes between two entries' texts in a document of the format: entries joined in runs, and the runs joined the same way, make the same body. */
export const ENTRY_SEPARATOR: Record<FeedFormat, string> = { atom: '\n', rss: '\n', json: ',\n' };

/** An item's entry as a document of the format carries it, serialised once per item (and looked up in `store` first). */
export function entryText(format: FeedFormat, item: FeedItem, meta: FeedMeta, store?: EntryStore): string {
  const known = MADE[format].get(item);
  // With a store, the entry is kept there even when this build made it already (for a feed that keeps runs rather than entries).
  const text = known !== undefined && !store ? known : storedEntry(store, format, item, meta.timeZone, () => known ?? SERIALISE[format](item, meta));
  MADE[format].set(item, text);
  // JSON Feed items are lines of the document's `items` array, indented.
  return format === 'json' ? `    ${text}` : text;
}

/** A feed document of the format around `body`: its entries' texts joined by `ENTRY_SEPARATOR`. */
export function feedDocument(format: FeedFormat, meta: FeedMeta, body: string, generator: Generator): string {
  if (format === 'atom') return atomDocument(meta, body, generator);
  if (format === 'rss') return rssDocument(meta, body, generator);
  return jsonDocument(meta, body);
}

/** A feed document in a format, its entries serialised once per item (and looked up in `store` first). */
export function serializeFeed(format: FeedFormat, meta: FeedMeta, items: readonly FeedItem[], generator: Generator, store?: EntryStore): string {
  return feedDocument(format, meta, items.map((item) => entryText(format, item, meta, store)).join(ENTRY_SEPARATOR[format]), generator);
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

