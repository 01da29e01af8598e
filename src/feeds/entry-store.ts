/**
 * Serialised feed entries (Atom and RSS XML, JSON Feed items) kept between builds. An entry
 * depends only on its item, the format and the feed's time zone (and digestcast's code, which
 * the store that keeps them checks), so it is looked up by a hash of those: the feeds change
 * with every day, but most of their entries do not. Pure: the store itself is given by the build.
 */
import { sha256 } from '../hash.js';
import type { FeedFormat } from '../project/site-paths.js';
import type { FeedItem } from './feed-document.js';

/** Serialised entries by `entryKey`. */
export interface EntryStore {
  get(key: string): string | undefined;
  set(key: string, xml: string): void;
}

/** Each item's hash (the item whole, dates as ISO text), taken once however many formats it is serialised in. */
const itemHashes = new WeakMap<FeedItem, string>();

/** The key of an item's entry in a format and time zone: the format, the zone and a hash of the item. */
function entryKey(format: FeedFormat, item: FeedItem, timeZone: string): string {
  let hash = itemHashes.get(item);
  if (hash === undefined) itemHashes.set(item, (hash = sha256(JSON.stringify(item))));
  return `${format} ${timeZone} ${hash}`;
}

/** The entry from the store, or `serialise()`'s (then stored). */
export function storedEntry(store: EntryStore | undefined, format: FeedFormat, item: FeedItem, timeZone: string, serialise: () => string): string {
  if (!store) return serialise();
  const key = entryKey(format, item, timeZone);
  let xml = store.get(key);
  if (xml === undefined) store.set(key, (xml = serialise()));
  return xml;
}

/** A text kept in the store by a key the caller makes of everything it is made of, or `make()`'s (then kept). */
export function storedText(store: EntryStore, key: string, make: () => string): string {
  let text = store.get(key);
  if (text === undefined) store.set(key, (text = make()));
  return text;
}
