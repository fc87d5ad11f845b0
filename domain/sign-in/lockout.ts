/**
 * The lockout rule as a pure function: 5 failed sign-ins within 15 minutes lock the address for
 * 15 minutes, counted from the fifth failure. Failures older than that window stop counting, and
 * attempts refused during a lock are not failures (they never reach the password check), so a
 * lock ends exactly 15 minutes after it started.
 */
export const LOCKOUT_THRESHOLD = 5;
export const LOCKOUT_WINDOW_MS = 15 * 60 * 1000;
export const LOCKOUT_DURATION_MS = 15 * 60 * 1000;
/** The oldest failure that can still matter: one that began a run ending a lock right now. */
export const LOCKOUT_LOOKBACK_MS = LOCKOUT_WINDOW_MS + LOCKOUT_DURATION_MS;

/**
 * Until when the address is locked given its failure times (any order), or null when it is not
 * locked at `now`. Every run of 5 failures within 15 minutes locks until 15 minutes after its
 * last failure; the latest such end wins.
 */
export function lockedUntil(failures: readonly Date[], now: Date): Date | null {
  const times = failures.map((f) => f.getTime()).sort((a, b) => a - b);
  let until = -Infinity;
  // Each failure from the fifth on closes a run that began LOCKOUT_THRESHOLD - 1 failures earlier.
  times.slice(LOCKOUT_THRESHOLD - 1).forEach((last, start) => {
    if (last - times[start]! <= LOCKOUT_WINDOW_MS) until = Math.max(until, last + LOCKOUT_DURATION_MS);
  });
  return until > now.getTime() ? new Date(until) : null;
}
