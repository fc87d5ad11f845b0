import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../core/logger.js';
import { createMetrics, type Metrics } from '../core/metrics.js';
import { CircuitBreaker } from './circuit-breaker.js';
import { NextcloudConnector, type ConnectorDeps } from './connector.js';
import { DEMO } from './simulator/demo-data.js';
import type { SimulatedNextcloud, SimulatorCall } from './simulator/index.js';
import type { NextcloudTenantSettings } from './types.js';

/** Factories for connector tests: each test builds its own connector, metrics, clock and log. */

export interface LogCapture {
  logger: Logger;
  lines: () => Array<Record<string, unknown>>;
  text: () => string;
}

export function captureLogs(): LogCapture {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  const logger = createLogger({ level: 'debug', destination });
  const text = () => chunks.join('');
  const lines = () =>
    text()
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { logger, lines, text };
}

export interface TestClock {
  now: () => number;
  advance: (ms: number) => void;
}

export function testClock(start = 1_700_000_000_000): TestClock {
  let t = start;
  return { now: () => t, advance: (ms) => void (t += ms) };
}

export interface ConnectorFixture {
  connector: NextcloudConnector;
  metrics: Metrics;
  logs: LogCapture;
  clock: TestClock;
  breaker: CircuitBreaker;
}

export function makeConnector(
  nc: SimulatedNextcloud,
  overrides: Partial<NextcloudTenantSettings> = {},
  deps: Partial<ConnectorDeps> & { failureThreshold?: number; cooldownMs?: number } = {},
): ConnectorFixture {
  const metrics = deps.metrics ?? createMetrics();
  const logs = captureLogs();
  const clock = testClock();
  const breaker =
    deps.breaker ??
    new CircuitBreaker({ failureThreshold: deps.failureThreshold ?? 5, cooldownMs: deps.cooldownMs ?? 10_000, now: clock.now });
  const connector = new NextcloudConnector(
    {
      tenantId: nc.name,
      baseUrl: nc.url,
      loginName: DEMO.users.service.login,
      appPassword: DEMO.users.service.appPassword,
      register: 'pipelinq',
      schemas: {},
      ...overrides,
    },
    { logger: logs.logger, now: clock.now, ...deps, metrics, breaker },
  );
  return { connector, metrics, logs, clock, breaker };
}

/** The decoded query of a logged call, the way the server read it. */
export const queryOf = (call: SimulatorCall) => new URLSearchParams(call.query);

export const objectCalls = (nc: SimulatedNextcloud) => nc.calls().filter((c) => c.path.includes('/api/objects/'));

/** The current value of `portal_upstream_requests_total` for exactly these labels. */
export async function upstreamCount(
  metrics: Metrics,
  labels: { tenant: string; resource: string; outcome: string },
): Promise<number> {
  const { values } = await metrics.upstreamRequests.get();
  const match = values.find(
    (v) => v.labels.tenant === labels.tenant && v.labels.resource === labels.resource && v.labels.outcome === labels.outcome,
  );
  return match?.value ?? 0;
}

/** How many latency observations were made for a tenant and resource. */
export async function durationCount(metrics: Metrics, labels: { tenant: string; resource: string }): Promise<number> {
  const { values } = await metrics.upstreamDuration.get();
  const match = values.find(
    (v) =>
      v.metricName === 'portal_upstream_request_duration_seconds_count' &&
      v.labels.tenant === labels.tenant &&
      v.labels.resource === labels.resource,
  );
  return match?.value ?? 0;
}

/** Awaits a promise expected to fail and returns the error, failing loudly if it resolved. */
export async function failureOf(promise: Promise<unknown>): Promise<Error & { code?: string; reason?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { code?: string; reason?: string };
  }
  throw new Error('expected the call to fail, but it succeeded');
}
