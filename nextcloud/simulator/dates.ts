/**
 * Dates the way PHP's `DateTime::format('c')` prints them: `2026-03-01T09:00:00+01:00`, a numeric
 * offset and no fractional seconds (reference §1). Metadata uses the server's UTC; business dates in
 * the demo data use Europe/Amsterdam so clients meet non-zero offsets.
 */

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Last Sunday of a month at 01:00 UTC: when EU summer time starts (March) or ends (October). */
function lastSundayUtc(year: number, month: number): number {
  const lastDay = new Date(Date.UTC(year, month + 1, 0));
  return Date.UTC(year, month, lastDay.getUTCDate() - lastDay.getUTCDay(), 1);
}

function amsterdamOffsetMinutes(ms: number): number {
  const year = new Date(ms).getUTCFullYear();
  return ms >= lastSundayUtc(year, 2) && ms < lastSundayUtc(year, 9) ? 120 : 60;
}

export function formatC(input: Date | number, zone: 'utc' | 'amsterdam' = 'utc'): string {
  const ms = typeof input === 'number' ? input : input.getTime();
  const offset = zone === 'utc' ? 0 : amsterdamOffsetMinutes(ms);
  const local = new Date(ms + offset * 60_000);
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return (
    `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
    `T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

/** `Y-m-d` in Amsterdam, for `format: date` properties. */
export function formatDay(input: Date | number): string {
  return formatC(input, 'amsterdam').slice(0, 10);
}

export function nowC(): string {
  return formatC(Date.now());
}
