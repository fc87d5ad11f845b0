import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeConnector } from './connector.test-support.js';
import { startSimulator, type SimulatedNextcloud, type Simulator } from './simulator/index.js';

/**
 * status.php needs no login, so the readiness probe sends none: the service password has no
 * business travelling on a request that is made every few seconds and answered without it.
 */
let sim: Simulator;
let nc: SimulatedNextcloud;
beforeAll(async () => {
  sim = await startSimulator();
  nc = sim.instance('demo');
});
afterAll(() => sim?.close());

describe('the readiness probe', () => {
  it('asks status.php anonymously, while object calls authenticate as the service account', async () => {
    const { connector } = makeConnector(nc);
    nc.clearCalls();
    await connector.ping();
    await connector.listObjects('posTransaction', { limit: 1 });
    const status = nc.calls().filter((c) => c.path === '/status.php');
    expect(status).toHaveLength(1);
    expect(status[0]!.user).toBeNull();
    const objects = nc.calls().filter((c) => c.path.includes('/objects/'));
    expect(objects.length).toBeGreaterThan(0);
    for (const call of objects) expect(call.user).not.toBeNull();
  });
});
