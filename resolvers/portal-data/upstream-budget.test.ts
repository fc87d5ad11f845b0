import { execute, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { objectCalls } from '../../nextcloud/connector.test-support.js';
import { UpstreamBulkheads } from '../../nextcloud/upstream-guard.js';
import { codesOf, requestContext, usePortalDataHarness, type Loose } from './test-support.js';

/**
 * The per-request upstream budget reaches the data layer: the calls a request really makes are
 * charged to it, so even an operation the edge's estimate let through cannot make more than the
 * budget allows (issue 10, item 2). Run without the edge's pre-check, straight through the schema.
 */
describe('the upstream budget in the data layer', () => {
  const h = usePortalDataHarness();

  async function runWithBudget(callsPerRequest: number, query: string) {
    const harness = h();
    const upstream = new UpstreamBulkheads({ callsPerRequest }).forRequest('t', 'account:jan');
    const contextValue = requestContext(harness.services, {
      tenant: harness.tenant('demo'),
      principal: harness.customer('jan'),
      request: { ip: '192.0.2.10', userAgent: 'vitest', publicUrl: 'http://127.0.0.1', origin: null },
      upstream,
    });
    const result = await execute({ schema: harness.schema, document: parse(query), contextValue });
    return { result: result as typeof result & { data?: Record<string, Loose> | null }, upstream };
  }

  it('refuses the calls past the budget and never sends them', async () => {
    const demo = h().simulator.instance('demo');
    // Warm up the tenant's schema resolution, so only list calls are counted below.
    await runWithBudget(5, '{ invoices(first: 1) { totalCount } }');
    demo.clearCalls();
    const aliases = ['a', 'b', 'c'].map((n) => `${n}: invoices(first: 1, filter: { search: "${n}" }) { totalCount }`).join(' ');
    // Each search is one call per owner field (client, and Jan's own contact): six in all.
    const { result, upstream } = await runWithBudget(3, `{ ${aliases} }`);
    expect(upstream.callsMade).toBe(3);
    expect(objectCalls(demo).length).toBeLessThanOrEqual(3);
    expect(codesOf(result)).toContain('BAD_USER_INPUT');
    expect(result.errors!.some((e) => /more calls to Nextcloud than one request may make \(3\)/.test(e.message))).toBe(true);

    demo.clearCalls();
    const unlimited = await runWithBudget(100, `{ ${aliases} }`);
    expect(unlimited.result.errors).toBeUndefined();
    expect(objectCalls(demo).length).toBeGreaterThan(3);
  });

  it('lets an operation within the budget through untouched', async () => {
    const { result, upstream } = await runWithBudget(20, '{ invoices(first: 2) { totalCount edges { node { id } } } }');
    expect(result.errors).toBeUndefined();
    expect(result.data?.invoices.totalCount).toBeGreaterThan(0);
    expect(upstream.callsMade).toBeGreaterThanOrEqual(1);
  });
});
