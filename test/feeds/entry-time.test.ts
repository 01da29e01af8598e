import { describe, expect, it } from 'vitest';
import { entryInstant, rfc3339, startOfDigestDay } from '../../src/feeds/entry-time.js';

describe('rfc3339', () => {
  it.each([
    // [instant (UTC), zone, expected]
    ['2025-10-16T16:00:10Z', 'Asia/Shanghai', '2025-10-17T00:00:10+08:00'],
    ['2025-10-17T00:00:00Z', 'UTC', '2025-10-17T00:00:00Z'],
    ['2025-10-17T00:00:00Z', 'Europe/London', '2025-10-17T01:00:00+01:00'], // BST
    ['2025-12-17T00:00:00Z', 'Europe/London', '2025-12-17T00:00:00Z'], // GMT: offset 0 is written Z
    ['2025-07-01T12:34:56Z', 'America/New_York', '2025-07-01T08:34:56-04:00'], // EDT
    ['2025-01-01T12:34:56Z', 'America/New_York', '2025-01-01T07:34:56-05:00'], // EST
    ['2025-03-09T06:59:59Z', 'America/New_York', '2025-03-09T01:59:59-05:00'], // just before the spring-forward gap
    ['2025-03-09T07:00:00Z', 'America/New_York', '2025-03-09T03:00:00-04:00'], // just after it
    ['2025-11-02T05:30:00Z', 'America/New_York', '2025-11-02T01:30:00-04:00'], // the repeated hour, first time
    ['2025-11-02T06:30:00Z', 'America/New_York', '2025-11-02T01:30:00-05:00'], // the repeated hour, second time
    ['2025-10-17T00:00:00Z', 'Asia/Kolkata', '2025-10-17T05:30:00+05:30'], // half-hour zone
    ['2025-10-17T00:00:00Z', 'Asia/Kathmandu', '2025-10-17T05:45:00+05:45'], // quarter-hour zone
    ['2025-07-01T00:00:00Z', 'America/St_Johns', '2025-06-30T21:30:00-02:30'], // negative half-hour zone, DST
    ['2025-01-01T00:00:00Z', 'America/St_Johns', '2024-12-31T20:30:00-03:30'],
    ['2025-01-01T00:00:00Z', 'Australia/Adelaide', '2025-01-01T10:30:00+10:30'], // half-hour zone, southern DST
    ['2025-07-01T00:00:00Z', 'Australia/Adelaide', '2025-07-01T09:30:00+09:30'],
    ['2025-01-01T00:00:00Z', 'Pacific/Kiritimati', '2025-01-01T14:00:00+14:00'],
  ])('%s in %s is %s', (utc, zone, expected) => {
    expect(rfc3339(new Date(utc), zone)).toBe(expected);
  });

  it('dates each entry of a day from its midnight in the zone, first paper newest', () => {
    expect(startOfDigestDay('2025-10-17', 'Asia/Shanghai').toISOString()).toBe('2025-10-16T16:00:00.000Z');
    expect(rfc3339(entryInstant('2025-03-09', 'America/New_York', 0, 3), 'America/New_York')).toBe('2025-03-09T00:00:03-05:00');
    expect(rfc3339(entryInstant('2025-10-17', 'Asia/Kolkata', 2, 3), 'Asia/Kolkata')).toBe('2025-10-17T00:00:01+05:30');
  });
});
