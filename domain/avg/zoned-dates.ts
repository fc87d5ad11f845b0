/**
 * Calendar arithmetic in a tenant's time zone with nothing but Intl: fiscal years and "that day"
 * follow the tenant's wall clock (a record at 23:30 on 31 December in Amsterdam is 2026's, even
 * though it is 22:30 UTC), so UTC dates alone would shift a retention end by a year.
 */

function wallClock(at: Date, timeZone: string): { year: number; month: number; day: number; ms: number } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(at);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const year = part('year');
  const month = part('month');
  const day = part('day');
  const ms = Date.UTC(year, month - 1, day, part('hour'), part('minute'), part('second'));
  return { year, month, day, ms };
}

/** The zone's offset from UTC at that instant, in milliseconds (Amsterdam in winter: +3 600 000). */
function offsetAt(at: Date, timeZone: string): number {
  const whole = new Date(Math.floor(at.getTime() / 1000) * 1000);
  return wallClock(whole, timeZone).ms - whole.getTime();
}

/** The calendar year an instant falls in on the zone's wall clock. */
export function yearIn(at: Date, timeZone: string): number {
  return wallClock(at, timeZone).year;
}

/** The instant a day starts (00:00) on the zone's wall clock; month is 1-12. */
export function startOfDayIn(year: number, month: number, day: number, timeZone: string): Date {
  const asUtc = Date.UTC(year, month - 1, day);
  // Twice: the offset at the first guess may differ from the offset at the answer around a DST switch.
  const first = asUtc - offsetAt(new Date(asUtc), timeZone);
  return new Date(asUtc - offsetAt(new Date(first), timeZone));
}

/** The date (YYYY-MM-DD) an instant falls on, on the zone's wall clock. */
export function dayIn(at: Date, timeZone: string): string {
  const { year, month, day } = wallClock(at, timeZone);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
