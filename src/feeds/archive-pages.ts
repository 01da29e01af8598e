/**
 * How a scope's history is cut into RFC 5005 archive pages so that a page, once marked
 * `fh:archive`, never changes (RFC 5005 §4: "the set of entries contained in an archive
 * document published at a particular URI SHOULD NOT change over time").
 *
 * Pages are cut from the oldest day forwards: per month, whole days are added to a page until
 * the next day would take it over the size budget (a day bigger than a page alone gets pages of
 * its own). A new day therefore only ever lands on the newest page or on a new page after it.
 * Every page is an archive except the newest one and any page holding the newest digest day
 * (its sources may still arrive later that day): those are published without `fh:archive`.
 * Pure.
 */

/** One page of a scope's history. */
export interface ArchivePage<T> {
  /** `2025-10`, then `2025-10-p2`, `2025-10-p3` for further pages of the same month. */
  name: string;
  month: string;
  /** Entries, oldest first. */
  entries: T[];
  /** Final: marked `fh:archive`, never rewritten. */
  isArchive: boolean;
}

/**
 * Cuts entries (oldest first, each with its digest day and estimated size) into pages.
 * `newestDay` is the newest digest day of the whole site.
 */
export function archivePages<T>(entries: readonly T[], dayOf: (entry: T) => string, bytesOf: (entry: T) => number, budget: number, newestDay: string): ArchivePage<T>[] {
  const pages: ArchivePage<T>[] = [];
  let page: ArchivePage<T> | undefined;
  let size = 0;
  for (const day of groupByDay(entries, dayOf)) {
    const month = day.date.slice(0, 7);
    const dayBytes = day.entries.reduce((n, e) => n + bytesOf(e), 0);
    if (!page || page.month !== month || (size + dayBytes > budget && page.entries.length > 0)) {
      page = startPage(pages, month);
      size = 0;
    }
    for (const entry of day.entries) {
      const bytes = bytesOf(entry);
      // Only a day too big for a page of its own is split.
      if (size + bytes > budget && page.entries.length > 0 && dayBytes > budget) {
        page = startPage(pages, month);
        size = 0;
      }
      page.entries.push(entry);
      size += bytes;
    }
  }
  const last = pages.length - 1;
  pages.forEach((p, i) => (p.isArchive = i < last && !p.entries.some((e) => dayOf(e) === newestDay)));
  return pages;
}

function startPage<T>(pages: ArchivePage<T>[], month: string): ArchivePage<T> {
  const inMonth = pages.filter((p) => p.month === month).length;
  const page: ArchivePage<T> = { name: inMonth === 0 ? month : `${month}-p${inMonth + 1}`, month, entries: [], isArchive: false };
  pages.push(page);
  return page;
}

function groupByDay<T>(entries: readonly T[], dayOf: (entry: T) => string): { date: string; entries: T[] }[] {
  const days: { date: string; entries: T[] }[] = [];
  for (const entry of entries) {
    const date = dayOf(entry);
    const last = days[days.length - 1];
    if (last?.date === date) last.entries.push(entry);
    else days.push({ date, entries: [entry] });
  }
  return days;
}
