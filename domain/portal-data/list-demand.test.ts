import { describe, expect, it } from 'vitest';
import type { NcObject } from '../../nextcloud/types.js';
import { DEFAULT_FIELD_MAPPING, upstreamFixedFilters } from './field-mapping.js';
import {
  demandKey,
  evaluate,
  FILES_EXTEND,
  meetsDemand,
  mergeRows,
  sortNewestFirst,
  upstreamFilters,
  upstreamQuery,
  type ListDemand,
} from './list-demand.js';
import { ownerFilterSets, type Viewer } from './viewer.js';

/**
 * A list answered in memory from rows fetched for another list must give what the upstream query
 * would: the same owner scoping (never another customer's row), the same status, date and order
 * rules, the same page. The planner's simulator test compares both paths on the demo data; here
 * each rule is pinned on rows built to sit exactly on its edge.
 */
const anna: Viewer = {
  tenantId: 't1',
  accountId: 'acc-anna',
  accountType: 'B2C',
  clientId: 'client-anna',
  contactId: 'contact-anna',
  scopes: null,
};

const orders = DEFAULT_FIELD_MAPPING.order;

function demand(overrides: Partial<ListDemand> = {}): ListDemand {
  return {
    resource: orders.resource,
    ownerSets: ownerFilterSets(orders, anna),
    fixedFilters: upstreamFixedFilters(orders.fixedFilters),
    statusField: orders.statusField,
    statuses: null,
    dateField: orders.dateField,
    from: null,
    to: null,
    search: null,
    window: 'all',
    extendFiles: false,
    ...overrides,
  };
}

let next = 0;
const order = (data: Record<string, unknown>, id = `o-${++next}`): NcObject =>
  ({ id, '@self': { id, schema: '24' }, client: 'client-anna', status: 'parked', ...data }) as unknown as NcObject;
const dated = (iso: string | null, id: string, data: Record<string, unknown> = {}) =>
  order({ [orders.dateField]: iso, ...data }, id);

describe('meetsDemand', () => {
  it('keeps only the viewer’s rows: own client, or own contact where no client is named', () => {
    expect(meetsDemand(order({}), demand())).toBe(true);
    expect(meetsDemand(order({ client: null, customer: 'contact-anna' }), demand())).toBe(true);
    expect(meetsDemand(order({ client: 'client-bert' }), demand())).toBe(false);
    expect(meetsDemand(order({ client: 'client-bert', customer: 'contact-anna' }), demand())).toBe(false);
    expect(meetsDemand(order({ client: null, customer: 'contact-bert' }), demand())).toBe(false);
  });

  it('applies the fixed conditions of the kind (an order is no draft)', () => {
    expect(meetsDemand(order({ status: 'draft' }), demand())).toBe(false);
  });

  it('filters on the requested statuses', () => {
    expect(meetsDemand(order({ status: 'parked' }), demand({ statuses: ['parked'] }))).toBe(true);
    expect(meetsDemand(order({ status: 'settled' }), demand({ statuses: ['parked'] }))).toBe(false);
  });

  it('date bounds are inclusive, and a row without a date is outside any bounded range', () => {
    const from = new Date('2026-03-01T00:00:00Z');
    const to = new Date('2026-03-31T00:00:00Z');
    expect(meetsDemand(dated('2026-03-01T00:00:00Z', 'a'), demand({ from }))).toBe(true);
    expect(meetsDemand(dated('2026-02-28T23:59:59Z', 'b'), demand({ from }))).toBe(false);
    expect(meetsDemand(dated('2026-03-31T00:00:00Z', 'c'), demand({ to }))).toBe(true);
    expect(meetsDemand(dated('2026-03-31T00:00:01Z', 'd'), demand({ to }))).toBe(false);
    expect(meetsDemand(dated(null, 'e'), demand({ from }))).toBe(false);
    expect(meetsDemand(dated(null, 'f'), demand({ to }))).toBe(false);
    expect(meetsDemand(dated(null, 'g'), demand())).toBe(true);
  });
});

describe('upstreamFilters', () => {
  it('sends the fixed conditions with one owner set', () => {
    const [own, contact] = ownerFilterSets(orders, anna);
    expect(upstreamFilters(demand(), own!)).toEqual({ ...upstreamFixedFilters(orders.fixedFilters), client: 'client-anna' });
    expect(upstreamFilters(demand(), contact!)).toMatchObject({ customer: 'contact-anna', client: null });
  });

  it('a status filter narrows the fixed status condition, never widens it', () => {
    const [own] = ownerFilterSets(orders, anna);
    expect(upstreamFilters(demand({ statuses: ['parked'] }), own!).status).toBe('parked');
    expect(upstreamFilters(demand({ statuses: ['parked', 'settled'] }), own!).status).toEqual(['parked', 'settled']);
    // Asking for drafts must not turn the "no drafts" condition into "drafts".
    expect(upstreamFilters(demand({ statuses: ['draft', 'parked'] }), own!).status).toBe('parked');
    expect(upstreamFilters(demand({ statuses: ['draft'] }), own!).status).toEqual([]);
    // Without a fixed status condition the statuses go as they are.
    expect(upstreamFilters(demand({ fixedFilters: {}, statuses: ['draft'] }), own!).status).toBe('draft');
  });

  it('sends a date range as inclusive bounds, only those given', () => {
    const [own] = ownerFilterSets(orders, anna);
    const from = new Date('2026-03-01T00:00:00Z');
    const to = new Date('2026-03-31T00:00:00Z');
    expect(upstreamFilters(demand({ from, to }), own!)[orders.dateField]).toEqual({
      gte: '2026-03-01T00:00:00.000Z',
      lte: '2026-03-31T00:00:00.000Z',
    });
    expect(upstreamFilters(demand({ from }), own!)[orders.dateField]).toEqual({ gte: '2026-03-01T00:00:00.000Z' });
    expect(upstreamFilters(demand({ to }), own!)[orders.dateField]).toEqual({ lte: '2026-03-31T00:00:00.000Z' });
    expect(upstreamFilters(demand(), own!)).not.toHaveProperty(orders.dateField);
  });
});

describe('upstreamQuery', () => {
  it('asks for one page, newest first, with search and files only when wanted', () => {
    const [own] = ownerFilterSets(orders, anna);
    const page = { offset: 10, limit: 5 };
    expect(upstreamQuery(demand(), own!, page)).toEqual({
      filters: upstreamFilters(demand(), own!),
      order: [[orders.dateField, 'desc']],
      offset: 10,
      limit: 5,
    });
    expect(upstreamQuery(demand({ search: 'F-1', extendFiles: true }), own!, page)).toMatchObject({
      search: 'F-1',
      extend: FILES_EXTEND,
    });
    expect(FILES_EXTEND).toEqual(['@self.files']);
  });
});

describe('ordering and paging in memory', () => {
  it('newest first, rows without a date first, equal dates by uuid', () => {
    const rows = [
      dated('2026-01-01T00:00:00Z', 'b'),
      dated('2026-03-01T00:00:00Z', 'c'),
      dated(null, 'z'),
      dated('2026-01-01T00:00:00Z', 'a'),
      dated(null, 'y'),
      dated('2026-02-01T00:00:00Z', 'd'),
    ];
    expect(sortNewestFirst(rows, orders.dateField).map((r) => r.id)).toEqual(['y', 'z', 'c', 'd', 'a', 'b']);
    expect(
      sortNewestFirst([dated('2026-01-01T00:00:00Z', 'a'), dated('2026-01-01T00:00:00Z', 'a')], orders.dateField),
    ).toHaveLength(2);
  });

  it('rows with the same date keep one order by uuid, whatever order they arrived in, so pages never overlap', () => {
    const ids = ['c', 'a', 'e', 'b', 'd'];
    for (let shift = 0; shift < ids.length; shift++) {
      const arrived = [...ids.slice(shift), ...ids.slice(0, shift)];
      for (const order of [arrived, [...arrived].reverse()]) {
        const rows = order.map((id) => dated('2026-01-01T00:00:00Z', id));
        expect(sortNewestFirst(rows, orders.dateField).map((r) => r.id)).toEqual(['a', 'b', 'c', 'd', 'e']);
      }
    }
  });

  it('evaluate pages the matching rows and counts them all', () => {
    const rows = [
      dated('2026-01-01T00:00:00Z', 'a'),
      dated('2026-02-01T00:00:00Z', 'b'),
      dated('2026-03-01T00:00:00Z', 'c'),
      dated('2026-04-01T00:00:00Z', 'other', { client: 'client-bert' }),
    ];
    expect(evaluate(demand(), rows)).toEqual({ rows: [rows[2], rows[1], rows[0]], total: 3 });
    const page = evaluate(demand({ window: { offset: 1, limit: 1 } }), rows);
    expect(page.rows.map((r) => r.id)).toEqual(['b']);
    expect(page.total).toBe(3);
  });

  it('merges disjoint query results without duplicates, newest first', () => {
    const a = dated('2026-01-01T00:00:00Z', 'a');
    const b = dated('2026-02-01T00:00:00Z', 'b');
    const laterCopyOfA = dated('2026-05-01T00:00:00Z', 'a');
    expect(mergeRows([[a], [b, laterCopyOfA]], orders.dateField)).toEqual([b, a]);
  });
});

describe('demandKey', () => {
  it('equal demands share a key; any difference in what they ask separates them', () => {
    expect(demandKey(demand())).toBe(demandKey(demand()));
    const variants: Array<Partial<ListDemand>> = [
      { resource: 'other' },
      { ownerSets: [{ client: 'client-bert' }] },
      { fixedFilters: {} },
      { statusField: 'state' },
      { statuses: ['parked'] },
      { dateField: 'created' },
      { from: new Date('2026-01-01T00:00:00Z') },
      { to: new Date('2026-01-01T00:00:00Z') },
      { search: 'x' },
      { window: { offset: 0, limit: 5 } },
      { extendFiles: true },
    ];
    for (const variant of variants) expect(demandKey(demand(variant)), JSON.stringify(variant)).not.toBe(demandKey(demand()));
  });
});
