import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BadUserInputError, LinkExpiredError, RateLimitedError } from '../core/errors.js';
import { createLogger } from '../core/logger.js';
import { httpErrorHandler } from './http-errors.js';

/** REST routes answer intentional errors with the same code and public extensions as GraphQL. */
describe('the REST error handler', () => {
  let base = '';
  let close: () => void = () => {};

  beforeAll(async () => {
    const app = express();
    app.get('/limited', () => {
      throw new RateLimitedError(42.3);
    });
    app.get('/invalid', () => {
      throw new BadUserInputError('Two fields are wrong.', [
        { field: 'from', message: 'Not a date.', code: 'DATE_INVALID', params: {} },
        { field: 'limit', message: 'Too large.', code: 'TOO_LONG', params: { max: 500 } },
      ]);
    });
    app.get('/expired', () => {
      throw new LinkExpiredError('This link has expired. Download the document again from the portal.');
    });
    app.get('/bug', () => {
      throw new Error('database said: secret detail');
    });
    app.use(httpErrorHandler(createLogger({ level: 'silent' })));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => server.close();
  });
  afterAll(() => close());

  it('keeps retryAfter on a 429 and says it in Retry-After too', async () => {
    const response = await fetch(`${base}/limited`);
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('43');
    expect(await response.json()).toEqual({
      errors: [
        { message: 'Too many attempts. Please wait and try again.', extensions: { code: 'RATE_LIMITED', retryAfter: 43 } },
      ],
    });
  });

  it('keeps every field problem of a bad request', async () => {
    const response = await fetch(`${base}/invalid`);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: Array<{ extensions: Record<string, unknown> }> };
    expect(body.errors[0]!.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      problems: [
        { field: 'from', message: 'Not a date.', code: 'DATE_INVALID', params: {} },
        { field: 'limit', message: 'Too large.', code: 'TOO_LONG', params: { max: 500 } },
      ],
    });
    expect(response.headers.get('retry-after')).toBeNull();
  });

  it('answers an expired link 410 LINK_EXPIRED with its own message', async () => {
    const response = await fetch(`${base}/expired`);
    expect(response.status).toBe(410);
    expect(await response.json()).toEqual({
      errors: [
        { message: 'This link has expired. Download the document again from the portal.', extensions: { code: 'LINK_EXPIRED' } },
      ],
    });
  });

  it('masks anything unexpected behind a reference', async () => {
    const response = await fetch(`${base}/bug`);
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toContain('secret detail');
    expect(JSON.parse(text).errors[0].extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', errorId: expect.any(String) });
  });
});
