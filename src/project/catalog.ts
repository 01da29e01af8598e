/**
 * What the feeds, pages and emails are made of: the digest days, and each paper on the
 * first day it was listed (a paper listed again later, or as v2, is one entry).
 *
 * A catalog holds in full either every day, or (in a build, which renders only what changed) a
 * window of days, with the whole history known in outline: every day's `DayOutline` and the
 * day each paper was first listed.
 */
import type { Day, Paper } from '../model.js';
import { compareSources } from '../parse/merge-days.js';
import { type DayOutline, outlineOf } from './day-outline.js';

/** A paper as a feed entry: its first listing. */
export interface CatalogEntry {
  paper: Paper;
  /** Position in its day's list (arXiv first, then bioRxiv, medRxiv, …; table order within a source). */
  indexInDay: number;
  /** Number of papers listed that day (first listings only). */
  dayCount: number;
}

/** Days held in full and their entries, newest day first, and the whole history in outline. */
export interface Catalog {
  /** Days held in full, newest first: every day, or a build's window (which always holds the newest day). */
  days: Day[];
  /** Every day of the history in outline, newest first. */
  outlines: DayOutline[];
  /** First listings of the days held, newest day first, digest order within a day. */
  entries: CatalogEntry[];
  /** For each paper id of the whole history, the day it was first listed. */
  firstDay: ReadonlyMap<string, string>;
  /** Sources that appear anywhere in the history, in display order, with their display names. */
  sources: { id: string; name: string }[];
}

/** The whole history in outline: every day's outline (any order) and each paper's first day. */
export interface HistoryOutline {
  outlines: readonly DayOutline[];
  firstDay: ReadonlyMap<string, string>;
}

/**
 * Builds the catalog from merged days (any order): all of them, or a window of them with the
 * history they belong to in outline (`history`).
 */
export function buildCatalog(days: readonly Day[], history?: HistoryOutline): Catalog {
  const ascending = [...days].sort((a, b) => a.date.localeCompare(b.date));
  const firstDay = history ? history.firstDay : firstListings(ascending);
  const byDay = new Map<string, Paper[]>();
  for (const day of ascending) {
    const fresh: Paper[] = [];
    const seen = new Set<string>();
    for (const source of day.sources) {
      for (const paper of source.papers) {
        if (firstDay.get(paper.id) !== day.date || seen.has(paper.id)) continue;
        seen.add(paper.id);
        fresh.push(paper);
      }
    }
    byDay.set(day.date, fresh);
  }
  const newest = ascending.reverse();
  const entries: CatalogEntry[] = [];
  for (const day of newest) {
    const fresh = byDay.get(day.date) ?? [];
    fresh.forEach((paper, indexInDay) => entries.push({ paper, indexInDay, dayCount: fresh.length }));
  }
  const outlines = history ? [...history.outlines].sort((a, b) => b.date.localeCompare(a.date)) : newest.map(outlineOf);
  return { days: newest, outlines, entries, firstDay, sources: sourcesOf(outlines) };
}

/** Sources that appear in the days (newest first), in display order, each with its newest display name. */
export function sourcesOf(outlines: readonly DayOutline[]): { id: string; name: string }[] {
  const sources = new Map<string, string>();
  for (const day of outlines) for (const s of day.sources) if (!sources.has(s.source)) sources.set(s.source, s.sourceName);
  return [...sources.entries()].map(([id, name]) => ({ id, name })).sort((a, b) => compareSources(a.id, b.id));
}

/** Each paper's first day, from days oldest first. */
function firstListings(ascending: readonly Day[]): Map<string, string> {
  const firstDay = new Map<string, string>();
  for (const day of ascending) for (const source of day.sources) for (const paper of source.papers) if (!firstDay.has(paper.id)) firstDay.set(paper.id, day.date);
  return firstDay;
}

/** The newest `count` digest days' dates (of days that have the given source, if one is given), from the whole history. */
export function recentDates(catalog: Pick<Catalog, 'outlines'>, count: number, source?: string): string[] {
  return catalog.outlines.filter((d) => !source || d.sources.some((s) => s.source === source)).slice(0, count).map((d) => d.date);
}

/** Whether a paper listed on `date` was first listed on an earlier day (and which). */
export function earlierListing(catalog: Catalog, paper: Paper, date: string): string | undefined {
  const first = catalog.firstDay.get(paper.id);
  return first && first < date ? first : undefined;
}
