import { Writable } from 'node:stream';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { ErrorCode, NotFoundError, PortalError, RateLimitedError } from '../core/errors.js';
import { createLogger } from '../core/logger.js';
import { createErrorFormatter } from './errors.js';

function formatterWithLog() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _e, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { format: createErrorFormatter(createLogger({ destination })), lines };
}

/** What graphql-js hands the formatter when a resolver throws `original`. */
const located = (original: Error) => new GraphQLError(original.message, { originalError: original, path: ['portal'] });

describe('error formatter', () => {
  it('keeps the code, message and public extensions of intended errors', () => {
    const { format } = formatterWithLog();
    const error = new RateLimitedError(42);
    expect(format({ message: error.message, extensions: error.extensions }, located(error))).toEqual({
      message: error.message,
      path: undefined,
      locations: undefined,
      extensions: { code: ErrorCode.RATE_LIMITED, retryAfter: 42 },
    });
    expect(format({ message: 'x' }, located(new NotFoundError('Invoice'))).extensions).toEqual({ code: 'NOT_FOUND' });
  });

  it('drops extension keys that are not meant for clients', () => {
    const { format } = formatterWithLog();
    const error = new PortalError(ErrorCode.FORBIDDEN, 'No.', { internalUserId: 'u-1', stack: 'at x' });
    expect(format({ message: 'No.' }, located(error)).extensions).toEqual({ code: 'FORBIDDEN' });
  });

  it('masks unexpected errors and logs them with a reference the client also sees', () => {
    const { format, lines } = formatterWithLog();
    const leak = new Error('connect ECONNREFUSED mongodb://admin:hunter2@db:27017');
    const formatted = format(
      { message: leak.message, extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at db.ts:1'] } },
      located(leak),
    );
    expect(formatted.message).toMatch(/^Internal server error \(reference [0-9a-f-]{36}\)\.$/);
    expect(formatted.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', errorId: expect.any(String) });
    expect(JSON.stringify(formatted)).not.toContain('hunter2');
    expect(lines.join('')).toContain(String(formatted.extensions!.errorId));
  });

  it('reports request mistakes (parse, validation, variables) as BAD_USER_INPUT', () => {
    const { format } = formatterWithLog();
    const formatted = format(
      { message: 'Cannot query field "x" on type "Query".', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } },
      new GraphQLError('Cannot query field "x" on type "Query".'),
    );
    expect(formatted).toMatchObject({
      message: 'Cannot query field "x" on type "Query".',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });
});
