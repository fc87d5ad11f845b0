/**
 * When and how long to wait before retrying a GET. Only idempotent reads are retried, and only for
 * failures a second try can fix: the connection, a timeout, a gateway in front of Nextcloud (502,
 * 503, 504) or Nextcloud asking to slow down (429). A 500 is a bug or a denial upstream
 * (reference §4.4) and would fail again.
 */

export type Outcome = 'ok' | 'not_found' | 'client_error' | 'server_error' | 'timeout' | 'network_error' | 'circuit_open';

const RETRYABLE_STATUSES = new Set([429, 502, 503, 504]);

export const isRetryableStatus = (status: number): boolean => RETRYABLE_STATUSES.has(status);

const BASE_DELAY_MS = 100;
const MAX_DELAY_MS = 1_000;

/**
 * Exponential back-off with jitter (half fixed, half random), so that callers of a tenant that
 * failed together do not all come back in the same millisecond.
 */
export function backoffDelayMs(attempt: number, random: () => number): number {
  const ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** attempt);
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date. Null when absent or unreadable. */
export function retryAfterMs(header: string | null, nowMs: number): number | null {
  if (!header) return null;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - nowMs);
}
