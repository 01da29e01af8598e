/**
 * What the feeds, pages and emails are made of: the digest days, and each paper on the
 * first day it was listed (a paper listed again later, or as v2, is one entry).
 */
import type { Day, Paper } from '../model.js';

/** A paper as a feed entry: its first listing. */
export interface CatalogEntry {
  paper: Paper;
  /** Position in its day's list (arXiv first, then bioRxiv, medRxiv, …; table order within a source). */
  indexInDay: number;
  /** Number of papers listed that day (first listings only). */
  dayCount: number;
}

/** All days and entries, newest day first. */
export interface Catalog {
  /** Days, newest first. */
  days: Day[];
  /** First listings, newest day first, digest order within a day. */
  entries: CatalogEntry[];
  /** For each paper id, the day it was first listed. */
  firstDay: ReadonlyMap<string, string>;
  /** Sources that appear anywhere, in display order, with their display names. */
  sources: { id: string; name: string }[];
}

/** Builds the catalog from merged days (any order). */
export function buildCatalog(days: readonly Day[]): Catalog {
  const ascending = [...days].sort((a, b) => a.date.localeCompare(b.date));
  const firstDay = new Map<string, string>();
  const byDay = new Map<string, Paper[]>();
  for (const day of ascending) {
    const fresh: Paper[] = [];
    for (const source of day.sources) {
      for (const paper of source.papers) {
        if (firstDay.has(paper.id)) continue;
        firstDay.set(paper.id, day.date);
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
  const sources = new Map<string, string>();
  for (const day of newest) for (const s of day.sources) if (!sources.has(s.source)) sources.set(s.source, s.sourceName);
  const order = ['arxiv', 'biorxiv', 'medrxiv'];
  const sourceList = [...sources.entries()]
    .map(([id, name]) => ({ id, name }))
    .sort((a, b) => {
      const ia = order.indexOf(a.id);
      const ib = order.indexOf(b.id);
      return (ia === -1 ? 99 : ia) - (ib === -1 ? 99 : ib) || a.id.localeCompare(b.id);
    });
  return { days: newest, entries, firstDay, sources: sourceList };
}

/** The newest `count` digest days' dates (of days that have the given source, if one is given). */
export function recentDates(catalog: Catalog, count: number, source?: string): string[] {
  return catalog.days.filter((d) => !source || d.sources.some((s) => s.source === source)).slice(0, count).map((d) => d.date);
}

/** Whether a paper listed on `date` was first listed on an earlier day (and which). */
export function earlierListing(catalog: Catalog, paper: Paper, date: string): string | undefined {
  const first = catalog.firstDay.get(paper.id);
  return first && first < date ? first : undefined;
}
