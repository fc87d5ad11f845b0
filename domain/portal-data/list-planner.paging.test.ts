import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureLogs, makeConnector, objectCalls } from '../../nextcloud/connector.test-support.js';
import type { NextcloudConnector } from '../../nextcloud/connector.js';
import { demoSeeds, startSimulator, type Simulator } from '../../nextcloud/simulator/index.js';
import { uuidFor } from '../../nextcloud/simulator/ids.js';
import type { InstanceSeed } from '../../nextcloud/simulator/types.js';
import { createListLoader, MAX_SCAN_ROWS, SCAN_PAGE_SIZE } from './list-planner.js';
import { demandOf as demand, JAN } from './list-planner.test-support.js';

/**
 * A customer with more records than one upstream page holds: the planner must read every page of
 * a scan exactly once (and no more than its cap), and answer windowed lists precisely instead of
 * scanning. The demo customer gets `extra` more invoices on the demo instance.
 */
function seedsWithMoreInvoices(extra: number): InstanceSeed[] {
  const seeds = demoSeeds();
  const demo = seeds.find((seed) => seed.name === 'demo')!;
  const template = demo.objects.find(
    (o) => o.data.client === JAN.clientId && typeof o.data.invoiceNumber === 'string' && o.data.invoiceNumber,
  )!;
  const firstId = Math.max(...demo.objects.map((o) => o.id)) + 1;
  for (let i = 0; i < extra; i++) {
    demo.objects.push({
      ...template,
      id: firstId + i,
      uuid: uuidFor(`paging-test:invoice:${i}`),
      slug: null,
      data: { ...template.data, invoiceNumber: `F-2020-${String(90_000 + i)}` },
    });
  }
  return seeds;
}

const ids = (outcome: { rows: Array<{ id: string }> }) => outcome.rows.map((row) => row.id);
const pagesAsked = (simulator: Simulator) =>
  objectCalls(simulator.instance('demo')).map((call) => Number(new URLSearchParams(call.query).get('_page') ?? 0));

async function started(extra: number): Promise<{ simulator: Simulator; connector: NextcloudConnector }> {
  const simulator = await startSimulator({ seeds: seedsWithMoreInvoices(extra) });
  const { connector } = makeConnector(simulator.instance('demo'));
  // The connector's one-time checks are not part of any list.
  await connector.listObjects('client', { limit: 0 });
  return { simulator, connector };
}

describe('list planner, a customer with more records than one page', () => {
  let simulator: Simulator;
  let connector: NextcloudConnector;
  // Two pages of the client's invoices, the second one only partly filled.
  beforeAll(async () => ({ simulator, connector } = await started(SCAN_PAGE_SIZE + 50)));
  afterAll(() => simulator.close());

  it('reads every page of a full scan once, and finds every invoice', async () => {
    const alone = await createListLoader(connector).load(demand('invoice', { window: { offset: 0, limit: 1 } }));
    simulator.instance('demo').clearCalls();
    const logs = captureLogs();
    const all = await createListLoader(connector, logs.logger).load(demand('invoice', { window: 'all' }));
    expect(all.rows).toHaveLength(alone.total);
    expect(new Set(ids(all)).size).toBe(alone.total);
    // Both pages of the client's invoices, one page of the invoices that name only the person;
    // each asks for invoices only, and nothing was cut short.
    expect(pagesAsked(simulator).sort()).toEqual([1, 1, 2]);
    for (const call of objectCalls(simulator.instance('demo'))) expect(call.query).toContain('invoiceNumber');
    expect(logs.lines().filter((line) => String(line.msg).includes('scan truncated'))).toEqual([]);
  });

  it('serves a window and the full list together from one scan, with files when either wants them', async () => {
    const loader = createListLoader(connector);
    simulator.instance('demo').clearCalls();
    const [window, all] = await Promise.all([
      loader.load(demand('invoice')),
      loader.load(demand('invoice', { window: 'all', extendFiles: true })),
    ]);
    expect(ids(window)).toEqual(ids(all).slice(0, 5));
    expect(window.total).toBe(all.rows.length);
    // The scan's pages and nothing else: no precise query for the window.
    expect(pagesAsked(simulator).sort()).toEqual([1, 1, 2]);
    for (const call of objectCalls(simulator.instance('demo'))) {
      expect(new URLSearchParams(call.query).get('_extend')).toBe('@self.files');
    }
  });

  it('answers windowed lists precisely when a scan would need more than one page', async () => {
    const windows = [demand('invoice'), demand('order', { window: { offset: 0, limit: 3 } })];
    const alone = await Promise.all(windows.map((single) => createListLoader(connector).load(single)));
    const loader = createListLoader(connector);
    simulator.instance('demo').clearCalls();
    const batched = await Promise.all(windows.map((single) => loader.load(single)));
    windows.forEach((_, i) => {
      expect(ids(batched[i]!)).toEqual(ids(alone[i]!));
      expect(batched[i]!.total).toBe(alone[i]!.total);
    });
    // No page past the first: one scan page per owner condition, then each list on its own.
    expect(Math.max(...pagesAsked(simulator))).toBeLessThanOrEqual(1);
  });

  it('still sends a search upstream when it wants every row', async () => {
    const searched = await createListLoader(connector).load(demand('invoice', { window: 'all', search: 'F-2020-9001' }));
    const expected = Array.from({ length: 10 }, (_, i) => `F-2020-${90_010 + i}`);
    expect(searched.rows.map((row) => String(row.invoiceNumber)).sort()).toEqual(expected);
    expect(searched.total).toBe(searched.rows.length);
  });
});

describe('list planner, a customer beyond one scan', () => {
  let simulator: Simulator;
  let connector: NextcloudConnector;
  beforeAll(async () => ({ simulator, connector } = await started(MAX_SCAN_ROWS + 10)));
  afterAll(() => simulator.close());

  it('stops at the scan cap and says so in the log', async () => {
    const logs = captureLogs();
    simulator.instance('demo').clearCalls();
    const all = await createListLoader(connector, logs.logger).load(demand('invoice', { window: 'all' }));
    const clientPages = MAX_SCAN_ROWS / SCAN_PAGE_SIZE;
    // The client's invoices stop at the cap; the person's own ones (one page) come on top.
    expect(all.rows.length).toBeGreaterThanOrEqual(MAX_SCAN_ROWS);
    expect(all.rows.length).toBeLessThan(MAX_SCAN_ROWS + SCAN_PAGE_SIZE);
    const pages = pagesAsked(simulator);
    expect(Math.max(...pages)).toBe(clientPages);
    expect(pages.filter((page) => page > 1)).toHaveLength(clientPages - 1);
    expect(logs.lines().filter((line) => String(line.msg).includes('scan truncated'))).toHaveLength(1);
  });
});
