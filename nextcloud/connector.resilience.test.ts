import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '../core/errors.js';
import { failureOf, makeConnector, objectCalls, upstreamCount } from './connector.test-support.js';
import { DEMO } from './simulator/demo-data.js';
import { startSimulator, type SimulatedNextcloud, type Simulator } from './simulator/index.js';

/** Timeouts, retries and the circuit breaker, driven by the simulator's fault knobs. */

let sim: Simulator;
let nc: SimulatedNextcloud;
const jan = DEMO.demo.janJansen.clientId;
const tenant = 'demo';
const noSleep = () => Promise.resolve();

beforeAll(async () => {
  sim = await startSimulator();
  nc = sim.instance('demo');
});
afterAll(() => sim?.close());
beforeEach(() => nc.clearCalls());
afterEach(() => nc.resetFaults());

describe('timeouts', () => {
  it('a slow Nextcloud gives UPSTREAM_UNAVAILABLE within the call budget', async () => {
    const { connector, metrics } = makeConnector(nc, { timeoutMs: 200 });
    // Verification and resolution out of the way; on a busy machine a cold first call may itself
    // miss the short timeout, so it is retried until the checks are done.
    await expect.poll(() => connector.getObject('client', jan).then(Boolean, () => false), { timeout: 10_000 }).toBe(true);
    nc.setFaults({ latencyMs: 3_000 });
    nc.clearCalls();
    const started = performance.now();
    const error = await failureOf(connector.listObjects('posTransaction', { filters: { client: jan }, limit: 10 }));
    const elapsed = performance.now() - started;
    expect(error.code).toBe(ErrorCode.UPSTREAM_UNAVAILABLE);
    // Budget = 2 x timeout; allow scheduling slack but far less than the simulated latency.
    expect(elapsed).toBeLessThan(1_200);
    expect(elapsed).toBeGreaterThanOrEqual(190);
    expect(await upstreamCount(metrics, { tenant, resource: 'posTransaction', outcome: 'timeout' })).toBeGreaterThanOrEqual(1);
  });

  it('a timed-out GET is retried while the budget allows; a timed-out POST is not', async () => {
    const { connector, metrics } = makeConnector(nc, { timeoutMs: 300 }, { sleep: noSleep });
    await connector.getObject('client', jan);
    nc.setFaults({ latencyMs: 1_000 });
    nc.clearCalls();
    await failureOf(connector.getObject('client', jan));
    expect(objectCalls(nc).filter((c) => c.method === 'GET')).toHaveLength(2);
    nc.clearCalls();
    const error = await failureOf(connector.createObject('request', { title: 'Storing', client: jan }));
    expect(error.code).toBe(ErrorCode.UPSTREAM_UNAVAILABLE);
    expect(objectCalls(nc).filter((c) => c.method === 'POST')).toHaveLength(1);
    expect(await upstreamCount(metrics, { tenant, resource: 'request', outcome: 'timeout' })).toBe(1);
  });
});

describe('retries', () => {
  it('retries a GET on network errors at most twice, never a POST or PATCH', async () => {
    const sleeps: number[] = [];
    const { connector, metrics } = makeConnector(
      nc,
      {},
      {
        sleep: async (ms) => void sleeps.push(ms),
        failureThreshold: 100,
      },
    );
    await connector.getObject('client', jan);
    nc.setFaults({ down: true });

    const read = await failureOf(connector.listObjects('posTransaction', { filters: { client: jan }, limit: 5 }));
    expect(read.code).toBe(ErrorCode.UPSTREAM_UNAVAILABLE);
    expect(await upstreamCount(metrics, { tenant, resource: 'posTransaction', outcome: 'network_error' })).toBe(3);
    expect(sleeps).toHaveLength(2);
    expect(sleeps[0]).toBeLessThanOrEqual(100); // jittered, growing back-off
    expect(sleeps[1]).toBeGreaterThanOrEqual(100);

    await failureOf(connector.createObject('request', { title: 'Storing', client: jan }));
    await failureOf(connector.updateObject('request', jan, { title: 'x' }));
    expect(await upstreamCount(metrics, { tenant, resource: 'request', outcome: 'network_error' })).toBe(2);
  });

  it('does not retry a 500 (Nextcloud’s exception page): it would fail the same way', async () => {
    const { connector, metrics } = makeConnector(nc, {}, { sleep: noSleep });
    await connector.getObject('client', jan);
    nc.setFaults({ errorRate: 1 });
    nc.clearCalls();
    const error = await failureOf(connector.getObject('client', jan));
    expect(error.code).toBe(ErrorCode.UPSTREAM_UNAVAILABLE);
    expect(error.message).not.toMatch(/html|Internal Server Error|Request ID/i);
    expect(objectCalls(nc)).toHaveLength(1);
    expect(await upstreamCount(metrics, { tenant, resource: 'client', outcome: 'server_error' })).toBe(1);
  });

  it('gives up at once on a 429 whose Retry-After is longer than it may wait', async () => {
    const { connector, metrics } = makeConnector(nc, {}, { sleep: noSleep });
    await connector.getObject('client', jan);
    nc.setFaults({ quota: 0 });
    nc.clearCalls();
    const error = await failureOf(connector.getObject('client', jan));
    expect(error.code).toBe(ErrorCode.UPSTREAM_UNAVAILABLE);
    expect(objectCalls(nc)).toHaveLength(1);
    expect(await upstreamCount(metrics, { tenant, resource: 'client', outcome: 'client_error' })).toBe(1);
  });
});

describe('circuit breaker', () => {
  it('opens after consecutive failures, fails fast without the network, and recovers by itself', async () => {
    const { connector, metrics, clock, breaker } = makeConnector(
      nc,
      {},
      {
        sleep: noSleep,
        failureThreshold: 3,
        cooldownMs: 10_000,
      },
    );
    await connector.getObject('client', jan);
    nc.setFaults({ down: true });
    await failureOf(connector.getObject('client', jan)); // 3 attempts, 3 failures
    expect(breaker.state).toBe('open');

    // Nextcloud is back, but the circuit still protects it until the cool-down has passed.
    nc.resetFaults();
    nc.clearCalls();
    const fast = await failureOf(connector.getObject('client', jan));
    expect(fast.code).toBe(ErrorCode.UPSTREAM_UNAVAILABLE);
    await failureOf(connector.ping());
    expect(nc.calls()).toHaveLength(0);
    expect(await upstreamCount(metrics, { tenant, resource: 'client', outcome: 'circuit_open' })).toBe(1);
    expect(await upstreamCount(metrics, { tenant, resource: 'status', outcome: 'circuit_open' })).toBe(1);

    clock.advance(10_000);
    expect(breaker.state).toBe('half-open');
    expect((await connector.getObject('client', jan))?.id).toBe(jan); // the probe
    expect(breaker.state).toBe('closed');
    expect(nc.calls()).toHaveLength(1);
  });

  it('a failed probe re-opens the circuit for another cool-down', async () => {
    const { connector, clock, breaker } = makeConnector(nc, {}, { sleep: noSleep, failureThreshold: 2, cooldownMs: 5_000 });
    await connector.getObject('client', jan);
    nc.setFaults({ down: true });
    await failureOf(connector.getObject('client', jan));
    expect(breaker.state).toBe('open');
    clock.advance(5_000);
    await failureOf(connector.getObject('client', jan)); // probe fails, no further attempts
    expect(breaker.state).toBe('open');
    nc.resetFaults();
    clock.advance(4_999);
    await failureOf(connector.getObject('client', jan));
    clock.advance(1);
    expect((await connector.getObject('client', jan))?.id).toBe(jan);
  });

  it('is per tenant: one tenant’s outage does not block another', async () => {
    const other = sim.instance('other');
    const demo = makeConnector(nc, {}, { sleep: noSleep, failureThreshold: 1 });
    const otherTenant = makeConnector(other, {}, { sleep: noSleep, failureThreshold: 1 });
    await demo.connector.getObject('client', jan);
    nc.setFaults({ down: true });
    await failureOf(demo.connector.getObject('client', jan));
    expect(demo.breaker.state).toBe('open');
    expect((await otherTenant.connector.getObject('client', DEMO.other.pietDeVries.clientId))?.id).toBe(
      DEMO.other.pietDeVries.clientId,
    );
  });
});

describe('ping', () => {
  it('succeeds against a healthy Nextcloud and fails with UPSTREAM_UNAVAILABLE when it is down', async () => {
    const { connector } = makeConnector(nc, { appPassword: 'not-even-needed' });
    await connector.ping();
    const call = nc.calls().at(-1);
    expect(call).toMatchObject({ path: '/status.php', status: 200, user: null });
    nc.setFaults({ down: true });
    expect((await failureOf(connector.ping())).code).toBe(ErrorCode.UPSTREAM_UNAVAILABLE);
  });
});
