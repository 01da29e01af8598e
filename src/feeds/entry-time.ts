/**
 * Instants for feed entries, from the digest's day in the configured time zone — never from the clock.
 */
import { TZDate, tzOffset } from '@date-fns/tz';

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

const offsets = new Map<string, number>();
/** Zone offsets change only on quarter hours: one offset per zone and quarter hour is looked up once. */
const QUARTER_HOUR_MS = 15 * 60 * 1000;

/** The zone's offset from UTC at an instant, in minutes (`480` for UTC+8). */
function offsetMinutes(instant: Date, timeZone: string): number {
  const key = `${Math.floor(instant.getTime() / QUARTER_HOUR_MS)} ${timeZone}`;
  let minutes = offsets.get(key);
  if (minutes === undefined) {
    if (offsets.size > 100_000) offsets.clear();
    offsets.set(key, (minutes = tzOffset(timeZone, instant)));
  }
  return minutes;
}

const two = (n: number) => String(n).padStart(2, '0');

/**
 * RFC 3339 with the zone's offset (`Z` where it is zero), e.g. `2025-10-17T00:00:10+08:00`: what
 * date-fns' `formatISO` writes in the zone, made from the offset (looked up once per quarter hour),
 * since every entry has an instant of its own and tens of thousands are dated in one build.
 */
export function rfc3339(instant: Date, timeZone: string): string {
  const offset = offsetMinutes(instant, timeZone);
  const local = new Date(instant.getTime() + offset * 60_000);
  const year = local.getUTCFullYear();
  const date = `${year < 0 ? '-' : ''}${String(Math.abs(year)).padStart(4, '0')}-${two(local.getUTCMonth() + 1)}-${two(local.getUTCDate())}`;
  const time = `${two(local.getUTCHours())}:${two(local.getUTCMinutes())}:${two(local.getUTCSeconds())}`;
  const zone = offset === 0 ? 'Z' : `${offset > 0 ? '+' : '-'}${two(Math.floor(Math.abs(offset) / 60))}:${two(Math.abs(offset) % 60)}`;
  return `${date}T${time}${zone}`;
}
