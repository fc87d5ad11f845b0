import { describe, expect, it } from 'vitest';
import { dayIn, startOfDayIn, yearIn } from './zoned-dates.js';

/**
 * The tenant's wall clock, which decides a retention end and the days `portal cleanup` prints and
 * accepts (--as-of): midnight, New Year and the daylight-saving switches, on both sides of UTC.
 */
describe('the day an instant falls on', () => {
  it('is the tenant’s date, not the UTC date, late in the evening and just after midnight', () => {
    // 23:30 UTC on New Year's Eve is already 00:30 on 1 January in Amsterdam, still 31 December in New York.
    const newYear = new Date('2026-12-31T23:30:00Z');
    expect(dayIn(newYear, 'Europe/Amsterdam')).toBe('2027-01-01');
    expect(yearIn(newYear, 'Europe/Amsterdam')).toBe(2027);
    expect(dayIn(newYear, 'America/New_York')).toBe('2026-12-31');
    expect(yearIn(newYear, 'America/New_York')).toBe(2026);
    expect(dayIn(newYear, 'UTC')).toBe('2026-12-31');
    // Single-digit months and days print with their zero (sortable, as ISO writes them).
    expect(dayIn(new Date('2026-03-04T22:59:59Z'), 'Europe/Amsterdam')).toBe('2026-03-04');
    expect(dayIn(new Date('2026-03-04T23:00:00Z'), 'Europe/Amsterdam')).toBe('2026-03-05');
  });

  it('follows summer time: the same UTC hour is another day before and after the switch', () => {
    // 22:30 UTC is 23:30 in winter (CET) but 00:30 the next day in summer (CEST).
    expect(dayIn(new Date('2026-03-28T22:30:00Z'), 'Europe/Amsterdam')).toBe('2026-03-28');
    expect(dayIn(new Date('2026-03-29T22:30:00Z'), 'Europe/Amsterdam')).toBe('2026-03-30');
    expect(dayIn(new Date('2026-10-24T22:30:00Z'), 'Europe/Amsterdam')).toBe('2026-10-25');
    expect(dayIn(new Date('2026-10-25T22:30:00Z'), 'Europe/Amsterdam')).toBe('2026-10-25');
  });
});

describe('the instant a day starts', () => {
  it('is local midnight: UTC+1 in winter, UTC+2 in summer, and on the switch days themselves', () => {
    expect(startOfDayIn(2034, 1, 1, 'Europe/Amsterdam')).toEqual(new Date('2033-12-31T23:00:00Z'));
    expect(startOfDayIn(2026, 7, 15, 'Europe/Amsterdam')).toEqual(new Date('2026-07-14T22:00:00Z'));
    // Both switch days begin before the switch (at 02:00 and 03:00 local).
    expect(startOfDayIn(2026, 3, 29, 'Europe/Amsterdam')).toEqual(new Date('2026-03-28T23:00:00Z'));
    expect(startOfDayIn(2026, 3, 30, 'Europe/Amsterdam')).toEqual(new Date('2026-03-29T22:00:00Z'));
    expect(startOfDayIn(2026, 10, 25, 'Europe/Amsterdam')).toEqual(new Date('2026-10-24T22:00:00Z'));
    expect(startOfDayIn(2026, 10, 26, 'Europe/Amsterdam')).toEqual(new Date('2026-10-25T23:00:00Z'));
    expect(startOfDayIn(2026, 12, 31, 'UTC')).toEqual(new Date('2026-12-31T00:00:00Z'));
  });

  it('west of UTC: New York midnight is 05:00 UTC in winter, 04:00 in summer', () => {
    expect(startOfDayIn(2027, 1, 1, 'America/New_York')).toEqual(new Date('2027-01-01T05:00:00Z'));
    expect(startOfDayIn(2026, 3, 8, 'America/New_York')).toEqual(new Date('2026-03-08T05:00:00Z'));
    expect(startOfDayIn(2026, 3, 9, 'America/New_York')).toEqual(new Date('2026-03-09T04:00:00Z'));
  });

  it('where the switch falls between local midnight and UTC midnight, the day still starts at local midnight', () => {
    // Auckland leaves summer time (UTC+13 → UTC+12) at 03:00 on 5 April 2026. At 00:00 UTC that day it is
    // already winter time, but its midnight was still summer time: 11:00 UTC on the 4th.
    expect(startOfDayIn(2026, 4, 5, 'Pacific/Auckland')).toEqual(new Date('2026-04-04T11:00:00Z'));
    expect(dayIn(new Date('2026-04-04T11:00:00Z'), 'Pacific/Auckland')).toBe('2026-04-05');
    expect(dayIn(new Date('2026-04-04T10:59:59Z'), 'Pacific/Auckland')).toBe('2026-04-04');
    expect(startOfDayIn(2026, 4, 6, 'Pacific/Auckland')).toEqual(new Date('2026-04-05T12:00:00Z'));
  });

  it('round-trips with the day an instant falls on, for every day of a year in several zones', () => {
    for (const zone of ['Europe/Amsterdam', 'America/New_York', 'Pacific/Auckland', 'Asia/Kolkata']) {
      for (let n = 0; n < 365; n++) {
        const date = new Date(Date.UTC(2026, 0, 1 + n));
        const [year, month, day] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
        const start = startOfDayIn(year, month, day, zone);
        const expected = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
        expect([zone, dayIn(start, zone)]).toEqual([zone, expected]);
        expect([zone, dayIn(new Date(start.getTime() - 1000), zone)]).not.toEqual([zone, expected]);
      }
    }
  });
});
