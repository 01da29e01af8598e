/**
 * A subscription feed's entries in runs of a day, kept between builds: a run is one day's
 * entries of the feed in one format at one content level, joined as the document joins them.
 * A run is looked up by a key of everything it is made of (the caller's day key: that day and
 * every day before it, the config, the code), so a build after a new day makes only the new
 * day's entries.
 *
 * The store keeps the text of the runs a feed was made of, and the size of every run measured:
 * a richer level that did not fit is measured again from sizes alone (their sum is a lower bound
 * of the document), without keeping text no document carries. Pure: the store is given.
 */
import type { ContentLevel } from './feed-document.js';
import type { EntryStore } from './entry-store.js';
import type { FeedFormat } from '../project/site-paths.js';
import { ENTRY_SEPARATOR } from './feed-serialize.js';

/** A day's entries: whole (then kept by `keyOf`) or a newest day cut short (made each time). */
interface Segment<T> {
  run: readonly T[];
  key?: string;
}

/** One feed's runs (see the module comment). */
export class FeedRuns<T> {
  /** Runs made or measured in this build, by key. */
  private readonly measured = new Map<string, { text?: string; bytes: number; stored: boolean }>();

  constructor(
    private readonly store: EntryStore,
    /** The feed's id in the keys (a source's id, or `*`). */
    private readonly feed: string,
    /** The date of an entry. */
    private readonly dateOf: (entry: T) => string,
    /** The key of a day's run when `run` is the day's every entry of this feed, else undefined. */
    private readonly keyOf: (date: string, run: readonly T[]) => string | undefined,
    /** The run's entries serialised and joined (`ENTRY_SEPARATOR`), as its document carries them. */
    private readonly textOf: (format: FeedFormat, level: ContentLevel, run: readonly T[]) => string,
  ) {}

  /** The text of `list` (whole days, newest first, the newest perhaps cut short) in a format and level. */
  body(format: FeedFormat, level: ContentLevel, list: readonly T[]): string {
    return this.segments(format, level, list)
      .map(({ run, key }) => (key === undefined ? this.textOf(format, level, run) : this.text(format, level, run, key)))
      .join(ENTRY_SEPARATOR[format]);
  }

  /** The bytes of `list`'s runs without what goes between them: a lower bound of any document of them. */
  bytes(format: FeedFormat, level: ContentLevel, list: readonly T[]): number {
    let bytes = 0;
    for (const { run, key } of this.segments(format, level, list)) {
      if (key === undefined) bytes += Buffer.byteLength(this.textOf(format, level, run));
      else bytes += this.measured.get(key)?.bytes ?? this.storedBytes(key) ?? Buffer.byteLength(this.text(format, level, run, key));
    }
    return bytes;
  }

  /** Keeps the text of `list`'s whole-day runs in the store: what the feed in this format is made of. */
  keep(format: FeedFormat, level: ContentLevel, list: readonly T[]): void {
    for (const { run, key } of this.segments(format, level, list)) {
      if (key === undefined) continue;
      const text = this.text(format, level, run, key);
      const made = this.measured.get(key)!;
      if (!made.stored) this.store.set(`run ${key}`, text);
      made.stored = true;
    }
  }

  /** Keeps the size of every run measured in this build (a document that did not fit is measured again from them). */
  keepSizes(): void {
    for (const [key, { bytes }] of this.measured) if (this.store.get(`size ${key}`) !== String(bytes)) this.store.set(`size ${key}`, String(bytes));
  }

  private segments(format: FeedFormat, level: ContentLevel, list: readonly T[]): Segment<T>[] {
    const segments: Segment<T>[] = [];
    for (let i = 0; i < list.length; ) {
      const date = this.dateOf(list[i]!);
      let end = i + 1;
      while (end < list.length && this.dateOf(list[end]!) === date) end++;
      const run = list.slice(i, end);
      const dayKey = this.keyOf(date, run);
      segments.push(dayKey === undefined ? { run } : { run, key: `${format} ${level} ${this.feed} ${dayKey}` });
      i = end;
    }
    return segments;
  }

  private text(format: FeedFormat, level: ContentLevel, run: readonly T[], key: string): string {
    const known = this.measured.get(key);
    if (known?.text !== undefined) return known.text;
    const stored = this.store.get(`run ${key}`);
    const text = stored ?? this.textOf(format, level, run);
    this.measured.set(key, { text, bytes: known?.bytes ?? Buffer.byteLength(text), stored: stored !== undefined });
    return text;
  }

  private storedBytes(key: string): number | undefined {
    const size = this.store.get(`size ${key}`);
    if (size === undefined) return undefined;
    const bytes = Number(size);
    if (!Number.isSafeInteger(bytes) || bytes < 0) return undefined;
    this.measured.set(key, { bytes, stored: false });
    return bytes;
  }
}
