/**
 * Instants for feed entries, from the digest's day in the configured time zone — never from the clock.
 */
import { TZDate, tz } from '@date-fns/tz';
import { formatISO } from 'date-fns';

const dayStarts = new Map<string, number>();

/** Midnight starting `date` (`YYYY-MM-DD`) in `timeZone`. */
export function startOfDigestDay(date: string, timeZone: string): Date {
  const key = `${date} ${timeZone}`;
  let ms = dayStarts.get(key);
  if (ms === undefined) {
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    ms = new TZDate(y, m - 1, d, 0, 0, 0, timeZone).getTime();
    dayStarts.set(key, ms);
  }
  return new Date(ms);
}

/**
 * The instant of the `index`-th of `count` entries of a day: midnight plus (count − index) seconds,
 * so readers that sort by date keep the digest's order (first paper newest).
 */
export function entryInstant(date: string, timeZone: string, index: number, count: number): Date {
  return new Date(startOfDigestDay(date, timeZone).getTime() + Math.max(0, count - index) * 1000);
}

const rfc3339Texts = new Map<string, string>();

/** RFC 3339 with the zone's offset (`Z` for UTC), e.g. `2025-10-17T00:00:10+08:00`. (Remembered: every entry is dated in several documents.) */
export function rfc3339(instant: Date, timeZone: string): string {
  const key = `${instant.getTime()} ${timeZone}`;
  let text = rfc3339Texts.get(key);
  if (text === undefined) {
    if (rfc3339Texts.size > 200_000) rfc3339Texts.clear();
    rfc3339Texts.set(key, (text = formatISO(instant, { in: tz(timeZone) })));
  }
  return text;
}
