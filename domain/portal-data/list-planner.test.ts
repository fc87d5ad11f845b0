import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeConnector, objectCalls } from '../../nextcloud/connector.test-support.js';
import { startSimulator, type Simulator } from '../../nextcloud/simulator/index.js';
import type { NextcloudConnector } from '../../nextcloud/connector.js';
import type { ListDemand } from './list-demand.js';
import { createListLoader } from './list-planner.js';
import { demandOf as demand } from './list-planner.test-support.js';

/**
 * The planner answers a batch of demands either upstream or from one scan in memory; both paths
 * must give the same rows in the same order. Checked here against the simulator.
 */
let simulator: Simulator;
let connector: NextcloudConnector;
beforeAll(async () => {
  simulator = await startSimulator();
  connector = makeConnector(simulator.instance('demo')).connector;
  // The connector's one-time checks (credentials, ids, data access) are not part of any list.
  await connector.listObjects('client', { limit: 0 });
});
afterAll(() => simulator.close());

const idsOf = (outcome: { rows: Array<{ id: string }> }) => outcome.rows.map((row) => row.id);

describe('list planner', () => {
  const cases: Array<[string, ListDemand]> = [
    ['invoices page 1', demand('invoice')],
    ['invoices page 3', demand('invoice', { window: { offset: 10, limit: 5 } })],
    ['settled invoices', demand('invoice', { statuses: ['settled'], window: { offset: 0, limit: 100 } })],
    [
      'invoices in a date range',
      demand('invoice', {
        from: new Date('2025-01-01T00:00:00Z'),
        to: new Date('2026-06-30T23:59:59Z'),
        window: { offset: 2, limit: 6 },
      }),
    ],
    ['orders (a parked one without a date first)', demand('order', { window: { offset: 0, limit: 20 } })],
    ['count only', demand('order', { window: { offset: 0, limit: 0 } })],
  ];

  it('answers each demand alone upstream, in one call per owner condition', async () => {
    for (const [label, single] of cases) {
      const loader = createListLoader(connector);
      simulator.instance('demo').clearCalls();
      const outcome = await loader.load(single);
      // Transactions belong to the client, or name only the customer's contact: two parallel queries.
      expect(single.ownerSets, label).toHaveLength(2);
      expect(objectCalls(simulator.instance('demo')).length, label).toBe(2);
      expect(outcome.total, label).toBeGreaterThanOrEqual(outcome.rows.length);
    }
  });

  it('answers a batch from one scan per resource and owner condition with exactly the rows a precise query gives', async () => {
    const precise = await Promise.all(cases.map(([, single]) => createListLoader(connector).load(single)));
    const loader = createListLoader(connector);
    simulator.instance('demo').clearCalls();
    const batched = await Promise.all(cases.map(([, single]) => loader.load(single)));
    expect(objectCalls(simulator.instance('demo'))).toHaveLength(2);
    cases.forEach(([label], i) => {
      expect(idsOf(batched[i]!), label).toEqual(idsOf(precise[i]!));
      expect(batched[i]!.total, label).toBe(precise[i]!.total);
    });
  });

  it('keeps resources apart in one batch: each list gets rows of its own kind only', async () => {
    const mixed = (['invoice', 'order', 'contract', 'request'] as const).map((kind) =>
      demand(kind, { window: { offset: 0, limit: 20 } }),
    );
    const alone = await Promise.all(mixed.map((single) => createListLoader(connector).load(single)));
    const loader = createListLoader(connector);
    const batched = await Promise.all(mixed.map((single) => loader.load(single)));
    mixed.forEach((single, i) => {
      expect(batched[i]!.rows.length, single.resource).toBeGreaterThan(0);
      expect(idsOf(batched[i]!), single.resource).toEqual(idsOf(alone[i]!));
      expect(batched[i]!.total, single.resource).toBe(alone[i]!.total);
    });
  });

  it('fetches file metadata in the same call when asked (`_extend=@self.files`)', async () => {
    const loader = createListLoader(connector);
    simulator.instance('demo').clearCalls();
    const outcome = await loader.load(demand('invoice', { extendFiles: true }));
    const [call] = objectCalls(simulator.instance('demo'));
    expect(new URLSearchParams(call!.query).get('_extend')).toBe('@self.files');
    for (const row of outcome.rows) {
      expect(row['@self'].fileDetails).toHaveLength(1);
      expect(row['@self'].fileDetails![0]).toMatchObject({ type: 'application/pdf', title: expect.stringMatching(/^factuur-/) });
    }
  });

  it('merges the two owner queries of requests into one page with correct totals', async () => {
    const all = await createListLoader(connector).load(demand('request', { window: 'all' }));
    const page = await createListLoader(connector).load(demand('request', { window: { offset: 2, limit: 3 } }));
    expect(idsOf(page)).toEqual(idsOf(all).slice(2, 5));
    expect(page.total).toBe(all.total);
  });

  it('a search always goes upstream, even in a batch', async () => {
    const loader = createListLoader(connector);
    simulator.instance('demo').clearCalls();
    await Promise.all([
      loader.load(demand('invoice', { search: 'F-2026' })),
      loader.load(demand('order')),
      loader.load(demand('invoice')),
    ]);
    // The search's two owner queries, and one scan per owner condition for the other two lists.
    const calls = objectCalls(simulator.instance('demo'));
    expect(calls).toHaveLength(4);
    expect(calls.filter((c) => new URLSearchParams(c.query).get('_search') === 'F-2026')).toHaveLength(2);
  });
});
