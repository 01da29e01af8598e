/**
 * Which days `digestcast run` sends: of the newest `catchUpDays` digest days that have papers,
 * those whose send is not complete (for this shard), oldest first — so a missed or failed
 * schedule catches up and a re-run sends nothing twice. A list that has never sent anything
 * gets only the newest day, not a burst of old issues.
 */
import type { Catalog } from '../project/catalog.js';

/** Dates to send, oldest first. */
export function daysToSend(catalog: Catalog, catchUpDays: number, isComplete: (date: string) => boolean, hasSentBefore: boolean): string[] {
  const withPapers = catalog.days.filter((d) => d.sources.some((s) => s.papers.length > 0)).slice(0, catchUpDays);
  const open = withPapers.filter((d) => !isComplete(d.date)).map((d) => d.date);
  if (!hasSentBefore) return open.slice(0, 1);
  return open.reverse();
}
