import { afterEach, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../test/gateway.js';

// Start-up writes only what is missing or really broken (issue 12, item 3): a replica joining a
// database must not take the shared demo tenants away from the Nextcloud the others use.

describe('a replica starting on a shared database', () => {
  const started: TestGateway[] = [];
  afterEach(async () => {
    // Replicas first: the one that made the database drops it.
    for (const gateway of started.splice(0).reverse()) await gateway.close();
  });
  const start = async (...args: Parameters<typeof startTestGateway>) => {
    const gateway = await startTestGateway(...args);
    started.push(gateway);
    return gateway;
  };
  const storedBaseUrl = async (gateway: TestGateway, tenantId: string) =>
    (
      (await gateway.connection.collection('tenants').findOne({ _id: tenantId as never })) as {
        nextcloud: { baseUrl: string };
      } | null
    )?.nextcloud.baseUrl;

  it('with a simulator of its own leaves the demo tenants on the simulator that still answers', async () => {
    const a = await start({}, { jobs: { start: false } });
    const b = await start({}, { shareDatabaseOf: a, jobs: { start: false } });
    expect(b.simulator.instance('demo').url).not.toBe(a.simulator.instance('demo').url);

    for (const tenantId of ['demo', 'other']) {
      expect(await storedBaseUrl(a, tenantId)).toBe(a.simulator.instance(tenantId).url);
      expect(b.services.tenants.get(tenantId)!.nextcloud.baseUrl).toBe(a.simulator.instance(tenantId).url);
    }
  }, 60_000);

  it('moves a demo tenant to its simulator when the stored Nextcloud no longer answers (a restart in demo mode)', async () => {
    const a = await start({}, { jobs: { start: false } });
    // The stored simulator is gone, as after a demo gateway stopped with its own simulator.
    await a.connection
      .collection('tenants')
      .updateOne({ _id: 'demo' as never }, { $set: { 'nextcloud.baseUrl': 'http://127.0.0.1:9' } });
    const b = await start({}, { shareDatabaseOf: a, jobs: { start: false } });

    expect(await storedBaseUrl(a, 'demo')).toBe(b.simulator.instance('demo').url);
    // The other tenant's Nextcloud (A's simulator) still answers: it stays.
    expect(await storedBaseUrl(a, 'other')).toBe(a.simulator.instance('other').url);
  }, 60_000);
});
