/**
 * Serialised feed entries kept between builds. An entry's XML depends only on its item, the
 * format and the feed's time zone (and digestcast's code, which the store that keeps them
 * checks), so it is looked up by a hash of those: the feeds change with every day, but most of
 * their entries do not. Pure: the store itself is given by the build.
 */
import { sha256 } from '../hash.js';
import type { FeedItem } from './feed-document.js';

/** Entry XML by `entryKey`. */
export interface EntryStore {
  get(key: string): string | undefined;
  set(key: string, xml: string): void;
}

/** The key of an item's entry in a format and time zone: a hash of all of them (the item whole, dates as ISO text). */
export function entryKey(format: 'atom' | 'rss', item: FeedItem, timeZone: string): string {
  return sha256(JSON.stringify([format, timeZone, item]));
}

/** The entry from the store, or `serialise()`'s (then stored). */
export function storedEntry(store: EntryStore | undefined, format: 'atom' | 'rss', item: FeedItem, timeZone: string, serialise: () => string): string {
  if (!store) return serialise();
  const key = entryKey(format, item, timeZone);
  let xml = store.get(key);
  if (xml === undefined) store.set(key, (xml = serialise()));
  return xml;
}
