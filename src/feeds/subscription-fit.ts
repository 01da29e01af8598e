/**
 * Which papers a subscription feed holds, and how much each entry carries, so that every
 * format (Atom, RSS, JSON Feed) holds the same papers — every paper of the last `feeds.days`
 * digest days — within `feeds.maxEntries` and `feeds.maxBytes`.
 *
 * Order of resort: first each format shortens its entries (`full` → `short` → `links`);
 * only when even title-and-links entries do not fit are whole oldest days left out (the same
 * days in every format). Only when the newest day alone is too big is a day cut, from its end.
 * Every step taken is said in `reasons`. Pure: rendering is passed in.
 */
import type { OutputFile } from '../project/output-file.js';
import { cleanText } from '../text/escape.js';
import type { ContentLevel, FeedItem } from './feed-document.js';
import type { ArchiveChain, FeedReport } from './feed-set.js';

/** Content levels, richest first. */
export const CONTENT_LEVELS: readonly ContentLevel[] = ['full', 'short', 'links'];

/** A digest day's entries for one feed, in feed order. */
export interface DayGroup<T> {
  date: string;
  entries: T[];
}

/** Renders one format's document of the given entries at a content level. */
export type LevelRenderer<T> = (entries: readonly T[], level: ContentLevel) => string;

export interface FittedFormat {
  content: string;
  bytes: number;
  level: ContentLevel;
}

export interface SubscriptionFit<F extends string> {
  /** Digest days held (whole, except the newest when it alone is too big). */
  days: number;
  /** Digest days the feed should hold (the last `feeds.days` days that exist). */
  wantedDays: number;
  entries: number;
  /** Entries the wanted days have. */
  wantedEntries: number;
  formats: Record<F, FittedFormat>;
  /** Why entries were shortened or papers left out, in plain words; empty when nothing was. */
  reasons: string[];
}

const byteLength = (s: string) => Buffer.byteLength(s);

/**
 * A lower bound of any document of these entries at a level (`fitSubscription`'s `lowerBound`):
 * every format carries each entry's HTML whole (escaped, never shorter).
 */
export function htmlLowerBound<T>(itemOf: (entry: T, level: ContentLevel) => FeedItem): (entries: readonly T[], level: ContentLevel) => number {
  // The same for every format: summed once per list and level.
  const sums = new WeakMap<readonly T[], Partial<Record<ContentLevel, number>>>();
  return (entries, level) => {
    let byLevel = sums.get(entries);
    if (!byLevel) sums.set(entries, (byLevel = {}));
    return (byLevel[level] ??= entries.reduce((n, e) => n + byteLength(cleanText(itemOf(e, level).contentHtml ?? '')), 0));
  };
}

/** Fits the days (newest first) into every format; see the module comment for the order of resort. */
export function fitSubscription<T, F extends string>(
  days: readonly DayGroup<T>[],
  limits: { maxEntries: number; maxBytes: number },
  renderers: Record<F, LevelRenderer<T>>,
  /** Bytes no document of these entries at this level can be under, in this format: a level over the budget by this alone is not rendered. */
  lowerBound: (entries: readonly T[], level: ContentLevel, format: F) => number = () => 0,
): SubscriptionFit<F> {
  const formats = Object.keys(renderers) as F[];
  const wantedEntries = days.reduce((n, d) => n + d.entries.length, 0);
  const reasons: string[] = [];

  // Whole days within feeds.maxEntries.
  let kept = 0;
  let count = 0;
  while (kept < days.length && count + days[kept]!.entries.length <= limits.maxEntries) count += days[kept++]!.entries.length;
  let entries: T[];
  if (kept === 0 && days.length > 0) {
    entries = days[0]!.entries.slice(0, limits.maxEntries);
    kept = 1;
    reasons.push(`the newest day alone has ${days[0]!.entries.length} papers, over feeds.maxEntries (${limits.maxEntries}): kept its first ${entries.length}`);
  } else {
    entries = days.slice(0, kept).flatMap((d) => d.entries);
    if (kept < days.length) reasons.push(`${days.length - kept} oldest day(s) (${wantedEntries - entries.length} papers) left out: over feeds.maxEntries (${limits.maxEntries})`);
  }

  // Richest level per format that fits; when a format does not fit even with links only, fewer whole days.
  const fits = (list: readonly T[], format: F, level: ContentLevel) => {
    const content = renderers[format](list, level);
    const bytes = byteLength(content);
    return bytes <= limits.maxBytes ? { content, bytes, level } : undefined;
  };
  const fitAll = (list: readonly T[]): Record<F, FittedFormat> | undefined => {
    const out = {} as Record<F, FittedFormat>;
    for (const format of formats) {
      let fitted: FittedFormat | undefined;
      for (const level of CONTENT_LEVELS) {
        if (level !== 'links' && lowerBound(list, level, format) > limits.maxBytes) continue;
        if ((fitted = fits(list, format, level))) break;
      }
      if (!fitted) return undefined;
      out[format] = fitted;
    }
    return out;
  };

  let fitted = fitAll(entries);
  const keptBeforeBytes = kept;
  while (!fitted && kept > 1) {
    kept--;
    entries = days.slice(0, kept).flatMap((d) => d.entries);
    fitted = fitAll(entries);
  }
  if (kept < keptBeforeBytes) {
    reasons.push(`${keptBeforeBytes - kept} oldest day(s) left out: even with titles and links only, they are over feeds.maxBytes (${limits.maxBytes})`);
  }
  if (!fitted) {
    // The newest day alone is too big even with links only: cut it from its end, in proportion to the overshoot.
    const whole = entries.length;
    while (!fitted && entries.length > 0) {
      const biggest = Math.max(...formats.map((f) => byteLength(renderers[f](entries, 'links'))));
      const next = Math.min(entries.length - 1, Math.floor((entries.length * limits.maxBytes) / biggest));
      entries = entries.slice(0, Math.max(0, next));
      fitted = fitAll(entries);
    }
    reasons.push(`the newest day alone is over feeds.maxBytes (${limits.maxBytes}) even with titles and links only: kept its first ${entries.length} of ${whole} papers`);
    fitted ??= fitAll([])!;
  }
  const shortened = formats.filter((f) => fitted[f].level !== 'full');
  if (shortened.length > 0) reasons.unshift(`entries shortened to fit feeds.maxBytes (${limits.maxBytes})`);
  return { days: kept, wantedDays: days.length, entries: entries.length, wantedEntries, formats: fitted, reasons };
}

/** A fitted feed's files (each format at its path) and its report: what it holds and why it was trimmed. */
export function fittedFeed<F extends string>(fit: SubscriptionFit<F>, title: string, pathOf: (format: F) => string, chain: ArchiveChain): { files: OutputFile[]; report: FeedReport } {
  const report: FeedReport = {
    title,
    days: fit.days,
    wantedDays: fit.wantedDays,
    entries: fit.entries,
    wantedEntries: fit.wantedEntries,
    files: [],
    reasons: fit.reasons,
    archivePages: chain.pages,
    finalArchivePages: chain.finalPages,
  };
  const files = (Object.keys(fit.formats) as F[]).map((format) => {
    const { content, bytes, level } = fit.formats[format];
    report.files.push({ path: pathOf(format), bytes, level });
    return { path: pathOf(format), content };
  });
  return { files, report };
}
