/**
 * Paging of a list of days, the way archived feeds page (RFC 5005): pages are numbered from the
 * oldest day, so page 1 holds the oldest `pageSize` days and every page but the newest is full
 * and no longer changes when a new day arrives. Only the newest page is open; the head document
 * (`api/index.json`) holds the newest days and the list of pages.
 */

/** One page of days: its number (from 1, oldest first) and its days, oldest first. */
export interface DayPage<T extends { date: string }> {
  number: number;
  days: T[];
  /** Whether the page holds `pageSize` days: a complete page changes only if an old day is added or changed. */
  complete: boolean;
}

/** Splits days (any order) into pages numbered from the oldest; returns them oldest first. */
export function pagesOfDays<T extends { date: string }>(days: readonly T[], pageSize: number): DayPage<T>[] {
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new Error(`page size must be a whole number from 1, not ${pageSize}`);
  const ascending = [...days].sort((a, b) => a.date.localeCompare(b.date));
  const pages: DayPage<T>[] = [];
  for (let start = 0; start < ascending.length; start += pageSize) {
    const slice = ascending.slice(start, start + pageSize);
    pages.push({ number: pages.length + 1, days: slice, complete: slice.length === pageSize });
  }
  return pages;
}
