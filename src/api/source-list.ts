/**
 * The sources that appear in a list of days, in display order (arXiv, bioRxiv, medRxiv, others
 * A–Z), each with its newest display name and its totals.
 */
import { compareSources } from '../parse/merge-days.js';
import { type DayOutline } from './day-outline.js';

/** A source across the days, in brief. */
export interface ApiSourceTotals {
  source: string;
  sourceName: string;
  days: number;
  papers: number;
}

/** Sources of the days (any order), in display order. */
export function sourcesOf(outlines: readonly DayOutline[]): ApiSourceTotals[] {
  const byId = new Map<string, ApiSourceTotals & { newest: string }>();
  for (const outline of outlines) {
    for (const s of outline.sources) {
      const seen = byId.get(s.source);
      if (!seen) byId.set(s.source, { source: s.source, sourceName: s.sourceName, days: 1, papers: s.count, newest: outline.date });
      else {
        seen.days++;
        seen.papers += s.count;
        if (outline.date > seen.newest) Object.assign(seen, { newest: outline.date, sourceName: s.sourceName });
      }
    }
  }
  return [...byId.values()]
    .sort((a, b) => compareSources(a.source, b.source))
    .map(({ source, sourceName, days, papers }) => ({ source, sourceName, days, papers }));
}
