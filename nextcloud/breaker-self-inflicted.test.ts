import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../core/logger.js';
import { createMetrics } from '../core/metrics.js';
import { CircuitBreaker } from './circuit-breaker.js';
import { failureOf } from './connector.test-support.js';
import { NextcloudHttpClient } from './http-client.js';

/**
 * The tenant's circuit breaker must hear about upstream's health, not about one caller's budget
 * (issue 10, item 2): a retry squeezed into what is left of the caller's time and timing out says
 * nothing about Nextcloud, so only attempts that had their full timeout count as failures.
 */
let server: Server;
let baseUrl: string;
let attempts = 0;
beforeAll(async () => {
  // Never answers: every attempt ends in its timeout.
  server = createServer(() => void (attempts += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((resolve) => server.close(() => resolve()));
});

function clientWith(budgetMs: number) {
  const breaker = new CircuitBreaker({ failureThreshold: 2, cooldownMs: 60_000 });
  const http = new NextcloudHttpClient({
    tenantId: 't1',
    baseUrl,
    credentials: { loginName: 'svc', appPassword: 'pw' },
    timeoutMs: 400,
    budgetMs,
    maxRetries: 2,
    retryAfterCapMs: 1_000,
    metrics: createMetrics(),
    logger: createLogger({ level: 'silent' }),
    breaker,
    sleep: async () => {},
    random: () => 0,
  });
  return { http, breaker };
}

describe('the circuit breaker and timeouts a caller caused itself', () => {
  it('does not count a retry cut short by the caller’s budget', async () => {
    // 400 ms for the first attempt, then (after a 50 ms back-off) a retry with the ~280 ms left.
    const { http, breaker } = clientWith(700);
    attempts = 0;
    const error = await failureOf(http.request({ method: 'GET', path: '/slow', resource: 'r' }));
    expect(error.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(attempts).toBe(2);
    expect(breaker.state).toBe('closed');
  });

  it('still opens on attempts that had their full timeout', async () => {
    const { http, breaker } = clientWith(2_000);
    await failureOf(http.request({ method: 'GET', path: '/slow', resource: 'r' }));
    expect(breaker.state).toBe('open');
  });
});
