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

describe('buildListParams: what callers and users can get wrong', () => {
  it('sorts by every metadata key OpenRegister knows, which the field-name rule would refuse', () => {
    const meta = [
      '_created',
      '_updated',
      '_name',
      '_description',
      '_summary',
      '_uuid',
      '_register',
      '_schema',
      '_owner',
      '_organisation',
    ];
    for (const key of meta) expect(stableOrder([[key, 'desc']])[0]).toEqual([key, 'desc']);
    expect(() => stableOrder([['_colour', 'asc']])).toThrow(/field name/);
  });

  it('accepts nested properties and refuses nesting that is not a property name', () => {
    const params = buildListParams({ limit: 5, filters: { 'address.city': 'Utrecht' }, order: [['address.postalCode', 'asc']] });
    expect(params.get('address.city')).toBe('Utrecht');
    expect(params.get('_order[address.postalCode]')).toBe('asc');
    for (const field of ['address.1st', 'address._x', 'address.', 'address.ci-ty']) {
      expect(() => buildListParams({ limit: 5, filters: { [field]: 'x' } })).toThrow(/field name/);
    }
  });

  it('sends _extend for special values and relation properties, and refuses anything that could smuggle parameters', () => {
    expect(buildListParams({ limit: 5, extend: ['@self.files', '_names', 'contact'] }).get('_extend')).toBe(
      '@self.files,_names,contact',
    );
    expect(buildListParams({ limit: 5, extend: [] }).has('_extend')).toBe(false);
    expect(buildListParams({ limit: 5 }).has('_extend')).toBe(false);
    for (const value of ['files&_limit=1000', 'a,b', '../files', '@self.1', '_1', '@self.', '']) {
      expect(() => buildListParams({ limit: 5, extend: [value] })).toThrow(/_extend/);
    }
  });

  it('refuses every spelling of a null check as a value, and only those', () => {
    for (const value of ['IS NULL', 'is  null', 'IS NOT NULL', 'is not  null', '\tIS\tNOT NULL ', 'IS NULL ']) {
      const error = (() => {
        try {
          buildListParams({ limit: 5, filters: { invoiceNumber: value } });
        } catch (caught) {
          return caught as { code?: string; message?: string };
        }
        return null;
      })();
      expect(error, value).toMatchObject({ code: ErrorCode.BAD_USER_INPUT, message: 'A filter value is not supported.' });
    }
    for (const value of ['it is null', 'IS NULL and void', 'ISNULL', 'IS NOTNULL']) {
      expect(buildListParams({ limit: 5, filters: { invoiceNumber: value } }).get('invoiceNumber')).toBe(value);
    }
  });

  it('refuses a number filter that is not a number, as the user’s input', () => {
    for (const value of [Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => buildListParams({ limit: 5, filters: { total: { gte: value } } })).toThrow(
        expect.objectContaining({ code: ErrorCode.BAD_USER_INPUT, message: 'A filter value is not a valid number.' }),
      );
    }
    expect(buildListParams({ limit: 5, filters: { total: 0 } }).get('total')).toBe('0');
  });

  it('leaves out a filter whose value is undefined instead of filtering on the text "undefined"', () => {
    const params = buildListParams({ limit: 5, filters: { client: undefined as never, status: 'open' } });
    expect(params.has('client')).toBe(false);
    expect(params.get('status')).toBe('open');
  });

  it('refuses an operator object without any condition instead of dropping the filter', () => {
    expect(() => buildListParams({ limit: 5, filters: { total: {} } })).toThrow(/Empty filter operator object for total/);
  });

  it('refuses a sort direction other than asc or desc', () => {
    expect(() => stableOrder([['total', 'up' as never]])).toThrow(/sort direction for total/);
  });

  it('keeps the caller’s own unique key as the tie-breaker, wherever it is in the order', () => {
    expect(stableOrder([['@self.id', 'desc']])).toEqual([['@self.id', 'desc']]);
    expect(
      stableOrder([
        ['_uuid', 'asc'],
        ['total', 'desc'],
      ]),
    ).toEqual([
      ['_uuid', 'asc'],
      ['total', 'desc'],
    ]);
  });

  it('names the paging number it refuses', () => {
    expect(() => buildListParams({ limit: -1 })).toThrow('Invalid limit: -1');
    expect(() => buildListParams({ limit: 5, offset: -5 })).toThrow('Invalid offset: -5');
    expect(() => buildListParams({ limit: 5, page: 0 })).toThrow('Invalid page: 0');
  });
});
