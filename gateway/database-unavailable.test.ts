import { GraphQLError } from 'graphql';
import { MongoNetworkError, MongoServerError, MongoServerSelectionError } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../core/errors.js';
import { DATABASE_RETRY_AFTER_SECONDS, databaseUnavailableError, isDatabaseUnavailable } from './database-unavailable.js';

describe('isDatabaseUnavailable', () => {
  it('recognises an unreachable server, also wrapped by GraphQL or as a cause', () => {
    const selection = new MongoServerSelectionError('connect ECONNREFUSED 127.0.0.1:27017', {} as never);
    expect(isDatabaseUnavailable(selection)).toBe(true);
    expect(isDatabaseUnavailable(new MongoNetworkError('socket hang up'))).toBe(true);
    expect(isDatabaseUnavailable(new GraphQLError('Context creation failed', { originalError: selection }))).toBe(true);
    expect(isDatabaseUnavailable(new Error('session lookup failed', { cause: selection }))).toBe(true);
    const buffering = Object.assign(new Error('Operation `sessions.findOne()` buffering timed out after 10000ms'), {
      name: 'MongooseError',
    });
    expect(isDatabaseUnavailable(buffering)).toBe(true);
  });

  it('leaves query errors and bugs alone: they are not outages', () => {
    expect(isDatabaseUnavailable(new MongoServerError({ message: 'E11000 duplicate key', code: 11000 }))).toBe(false);
    expect(isDatabaseUnavailable(new TypeError('x is undefined'))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });

  it('answers SERVICE_UNAVAILABLE with a Retry-After, in the error and for Apollo', () => {
    const error = databaseUnavailableError();
    expect(error.code).toBe(ErrorCode.SERVICE_UNAVAILABLE);
    expect(error.extensions.retryAfter).toBe(DATABASE_RETRY_AFTER_SECONDS);
    const http = error.extensions.http as { status: number; headers: Map<string, string> };
    expect(http.status).toBe(503);
    expect(http.headers.get('retry-after')).toBe(String(DATABASE_RETRY_AFTER_SECONDS));
  });
});
