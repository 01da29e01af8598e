/**
 * Feed dates: `rfc3339` writes what date-fns' `formatISO` writes in the zone (it is made from the
 * zone's offset, looked up once per quarter hour), across zones with DST, half and quarter hours.
 */
import { tz } from '@date-fns/tz';
import { formatISO } from 'date-fns';
import { describe, expect, it } from 'vitest';
import { rfc3339 } from '../../src/feeds/entry-time.js';

const ZONES = ['Asia/Shanghai', 'UTC', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'America/St_Johns', 'Pacific/Chatham', 'Etc/GMT+12'];

describe('rfc3339', () => {
  it('is formatISO in the zone, every 67 min 13 s through two years (DST changes included)', () => {
    const differ: string[] = [];
    for (const zone of ZONES) {
      for (let ms = Date.UTC(2024, 0, 1); ms < Date.UTC(2026, 0, 1); ms += 67 * 60_000 + 13_000) {
        const instant = new Date(ms);
        const expected = formatISO(instant, { in: tz(zone) });
        if (rfc3339(instant, zone) !== expected) differ.push(`${zone} ${instant.toISOString()}: ${rfc3339(instant, zone)} ≠ ${expected}`);
      }
    }
    expect(differ.slice(0, 5)).toEqual([]);
  });

  it('writes Z where the offset is zero, and the seconds of entries past midnight', () => {
    expect(rfc3339(new Date('2025-10-17T00:00:10Z'), 'UTC')).toBe('2025-10-17T00:00:10Z');
    expect(rfc3339(new Date('2025-10-16T16:00:10Z'), 'Asia/Shanghai')).toBe('2025-10-17T00:00:10+08:00');
    expect(rfc3339(new Date('2025-03-30T01:30:00Z'), 'Europe/London')).toBe('2025-03-30T02:30:00+01:00');
  });
});
