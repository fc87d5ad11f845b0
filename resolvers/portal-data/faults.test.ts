import { describe, expect, it } from 'vitest';
import { codesOf, simObjects, usePortalDataHarness } from './test-support.js';

/**
 * Nextcloud slow, failing or gone: the fields that need it answer UPSTREAM_UNAVAILABLE within
 * the connector's time budget; fields that do not (the tenant's `portal`) still answer. A short
 * per-attempt timeout keeps the test quick; production uses 3 s.
 */
const h = usePortalDataHarness({ timeoutMs: 300 });

const QUERY = '{ portal { tenantId displayName } invoices(first: 5) { totalCount } }';

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await work();
  return { result, ms: performance.now() - started };
}

describe('upstream faults', () => {
  it.each([
    ['down', { down: true }],
    ['slow', { latencyMs: 2_000 }],
    ['failing', { errorRate: 1 }],
  ] as const)('Nextcloud %s: UPSTREAM_UNAVAILABLE for the data, the portal settings still answer', async (_label, faults) => {
    const jan = h().customer('jan');
    const instance = h().simulator.instance('demo');
    // Warm the connector first, so the failure hits the data call, not the one-time checks.
    expect((await h().run(jan, QUERY)).errors).toBeUndefined();
    instance.setFaults(faults);
    try {
      const { result, ms } = await timed(() => h().run(jan, QUERY));
      expect(codesOf(result)).toEqual(['UPSTREAM_UNAVAILABLE']);
      expect(result.errors![0]!.path).toEqual(['invoices']);
      expect(result.data!.invoices).toBeNull();
      expect(result.data!.portal.tenantId).toBe(jan.tenantId);
      // The connector's budget is twice the per-attempt timeout.
      expect(ms).toBeLessThan(1_500);
    } finally {
      instance.resetFaults();
      // These failures open the tenant's circuit breaker, as they should; the next case starts closed.
      h().services.nextcloud.for(jan.tenantId).breaker.recordSuccess();
    }
  });

  it('a submission that Nextcloud does not take gives its quota place back', async () => {
    const jan = h().customer('jan', { accountId: 'acc-fault-submit' });
    const input = { subject: 'Storing', body: 'De ketel is stuk', category: 'Storing' };
    const submit = () =>
      h().run(jan, 'mutation ($input: SubmitRequestInput!) { submitRequest(input: $input) { id } }', { input });
    const before = simObjects(h().simulator, 'demo', 'request').length;
    // A schema rule the body cannot meet: Nextcloud refuses every create (HTTP 400).
    const schema = h()
      .simulator.instance('demo')
      .data.schemas.find((s) => s.slug === 'request')!;
    schema.required.push('mustBeThere');
    try {
      for (let i = 0; i < 6; i++) expect(codesOf(await submit())).toEqual(['BAD_USER_INPUT']);
    } finally {
      schema.required.pop();
    }
    expect(simObjects(h().simulator, 'demo', 'request')).toHaveLength(before);
    expect((await submit()).errors).toBeUndefined();
  });
});
