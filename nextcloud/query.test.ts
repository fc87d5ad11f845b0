import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../core/errors.js';
import { buildListParams, matchesNothing, stableOrder } from './query.js';

/** The query as decoded pairs, in order, the way the server reads it. */
const pairs = (params: URLSearchParams) => [...params.entries()];

describe('buildListParams', () => {
  it('always sends an explicit _limit, a page and the default stable order', () => {
    expect(pairs(buildListParams({ limit: 20 }))).toEqual([
      ['_limit', '20'],
      ['_page', '1'],
      ['_order[_created]', 'asc'],
      ['_order[_uuid]', 'asc'],
    ]);
  });

  it('sends _limit=0 (count only) explicitly', () => {
    expect(buildListParams({ limit: 0 }).get('_limit')).toBe('0');
  });

  it("adds a _uuid tie-breaker to the caller's order, once", () => {
    const params = buildListParams({
      limit: 10,
      order: [
        ['invoiceDate', 'desc'],
        ['total', 'asc'],
      ],
    });
    expect(params.getAll('_order[invoiceDate]')).toEqual(['desc']);
    expect(params.getAll('_order[total]')).toEqual(['asc']);
    expect(params.getAll('_order[_uuid]')).toEqual(['asc']);
    expect(params.has('_order[_created]')).toBe(false);
    const own = buildListParams({ limit: 10, order: [['_uuid', 'desc']] });
    expect(own.getAll('_order[_uuid]')).toEqual(['desc']);
  });

  it('uses _offset instead of _page when an offset is given', () => {
    const params = buildListParams({ limit: 10, page: 3, offset: 25 });
    expect(params.get('_offset')).toBe('25');
    expect(params.has('_page')).toBe(false);
  });

  it('writes filters in the operator syntax: equality, IN, ranges, IS NULL', () => {
    const params = buildListParams({
      limit: 5,
      filters: {
        client: 'c-1',
        documentType: ['invoice', 'order'],
        total: { gte: 100, lt: 500 },
        paidAt: null,
        sentAt: { notNull: true },
        archived: false,
      },
    });
    expect(params.get('client')).toBe('c-1');
    expect(params.getAll('documentType[]')).toEqual(['invoice', 'order']);
    expect(params.get('total[gte]')).toBe('100');
    expect(params.get('total[lt]')).toBe('500');
    expect(params.get('paidAt')).toBe('IS NULL');
    expect(params.get('sentAt')).toBe('IS NOT NULL');
    expect(params.get('archived')).toBe('false');
  });

  it('never sends a control parameter without its underscore', () => {
    const params = buildListParams({ limit: 5, search: ' bakker ', page: 2 }, { ids: ['a', 'b'] });
    for (const bare of ['limit', 'page', 'search', 'ids', 'order', 'offset']) expect(params.has(bare)).toBe(false);
    expect(params.get('_search')).toBe('bakker');
    expect(params.get('_ids')).toBe('a,b');
  });

  it('leaves out an empty search', () => {
    expect(buildListParams({ limit: 5, search: '   ' }).has('_search')).toBe(false);
  });

  it('refuses field names that OpenRegister would misread', () => {
    expect(() => buildListParams({ limit: 5, filters: { _limit: 1 } })).toThrow(/field name/);
    expect(() => buildListParams({ limit: 5, filters: { first_name: 'x' } })).toThrow(/field name/);
    expect(() => buildListParams({ limit: 5, order: [['x]&_multi=false&y', 'asc']] })).toThrow(/field name/);
    expect(buildListParams({ limit: 5, filters: { '@self.owner': 'alice' } }).get('@self.owner')).toBe('alice');
  });

  it('refuses null-check literals as values, so input cannot turn equality into IS NULL', () => {
    let caught: unknown;
    try {
      buildListParams({ limit: 5, filters: { invoiceNumber: ' is not null' } });
    } catch (error) {
      caught = error;
    }
    expect((caught as { code?: string }).code).toBe(ErrorCode.BAD_USER_INPUT);
  });

  it('rejects invalid paging numbers', () => {
    expect(() => buildListParams({ limit: -1 })).toThrow();
    expect(() => buildListParams({ limit: 1.5 })).toThrow();
    expect(() => buildListParams({ limit: 5, page: 0 })).toThrow();
  });
});

describe('stableOrder / matchesNothing', () => {
  it('defaults to _created asc, _uuid asc', () => {
    expect(stableOrder(undefined)).toEqual([
      ['_created', 'asc'],
      ['_uuid', 'asc'],
    ]);
  });

  it('reports an empty IN list as matching nothing', () => {
    expect(matchesNothing({ filters: { client: [] } })).toBe(true);
    expect(matchesNothing({ filters: { client: ['x'] } })).toBe(false);
    expect(matchesNothing({})).toBe(false);
  });
});
