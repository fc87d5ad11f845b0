import { HeaderMap } from '@apollo/server';
import { ServiceUnavailableError } from '../core/errors.js';

/**
 * The one place that decides an error means "the database is away" and what a client then gets:
 * SERVICE_UNAVAILABLE, HTTP 503 and Retry-After, never the driver's message (it names the engine's
 * address). The GraphQL error formatter, the HTTP status plugin, the GraphQL context and the REST
 * error handler all ask here.
 */

/** Long enough for the driver's server selection (3 s, store/connection.ts) to find a restarted engine. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/**
 * Driver errors that mean "no server to talk to", by name: mongoose may bundle its own copy of the
 * driver, so `instanceof` against ours would miss them. Query errors (a duplicate key, a bad
 * filter) are bugs or conflicts, not outages, and stay out.
 */
const UNREACHABLE = new Set([
  'MongoServerSelectionError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'MongoServerClosedError',
  'MongoPoolClearedError',
]);

/** Mongoose's own wording when a command waited for a connection that never came. */
const BUFFERING_TIMEOUT = /buffering timed out/;

/** True when `error`, or what it wraps (GraphQL's originalError, a cause), says the database is unreachable. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  let current = error;
  while (current instanceof Error && !seen.has(current)) {
    seen.add(current);
    if (UNREACHABLE.has(current.name)) return true;
    if (current.name === 'MongooseError' && BUFFERING_TIMEOUT.test(current.message)) return true;
    current = (current as { originalError?: unknown }).originalError ?? current.cause;
  }
  return false;
}

/** What a client sees instead; `http` also sets status and Retry-After where Apollo reads it (a failed context). */
export function databaseUnavailableError(): ServiceUnavailableError {
  const error = new ServiceUnavailableError(DATABASE_RETRY_AFTER_SECONDS);
  error.extensions.http = { status: 503, headers: new HeaderMap([['retry-after', String(DATABASE_RETRY_AFTER_SECONDS)]]) };
  return error;
}
