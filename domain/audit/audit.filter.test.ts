import { describe, expect, it } from 'vitest';
import { BadUserInputError } from '../../core/errors.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, pageSizeOf, parseAuditFilter } from './audit.filter.js';

/**
 * The audit filter as the admin panel and the REST export send it: every problem comes back at
 * once, with a code the panel words itself and the parameters it needs to do so.
 */
const problemsOf = (input: Parameters<typeof parseAuditFilter>[0]) => {
  try {
    parseAuditFilter(input);
  } catch (error) {
    expect(error).toBeInstanceOf(BadUserInputError);
    expect((error as Error).message).toBe('The audit filter is not valid.');
    return (error as BadUserInputError & { extensions: { problems: unknown[] } }).extensions.problems;
  }
  throw new Error('expected the filter to be refused');
};

describe('parseAuditFilter', () => {
  it('names an unknown event type, shortened to 60 characters', () => {
    const long = `x${'y'.repeat(99)}`;
    expect(problemsOf({ eventType: long })).toEqual([
      {
        field: 'eventType',
        code: 'EVENT_TYPE_UNKNOWN',
        message: `Unknown event type "${long.slice(0, 60)}".`,
        params: { value: long.slice(0, 60) },
      },
    ]);
  });

  it('lists the outcomes there are when given another', () => {
    expect(problemsOf({ outcome: 'maybe' })).toEqual([
      {
        field: 'outcome',
        code: 'NOT_ONE_OF',
        message: 'Outcome must be one of success, denied, error.',
        params: { allowed: 'success, denied, error' },
      },
    ]);
  });

  it('refuses dates it cannot read and a range that ends before (or when) it starts', () => {
    expect(problemsOf({ from: 'yesterday' })).toEqual([
      { field: 'from', code: 'DATE_INVALID', message: 'Not a valid date and time.', params: {} },
    ]);
    const at = '2026-03-01T12:00:00.000Z';
    expect(problemsOf({ from: at, to: at })).toEqual([
      { field: 'to', code: 'RANGE_END_BEFORE_START', message: '"to" must be later than "from".', params: {} },
    ]);
    expect(parseAuditFilter({ from: at, to: '2026-03-01T12:00:00.001Z' })).toEqual({
      from: new Date(at),
      to: new Date('2026-03-01T12:00:00.001Z'),
    });
  });
});

describe('pageSizeOf', () => {
  it('takes 50 when not asked, at most 200, and refuses what is not a positive whole number', () => {
    expect(pageSizeOf(undefined)).toBe(DEFAULT_PAGE_SIZE);
    expect(pageSizeOf(null)).toBe(DEFAULT_PAGE_SIZE);
    expect(pageSizeOf(7)).toBe(7);
    expect(pageSizeOf(5_000)).toBe(MAX_PAGE_SIZE);
    for (const bad of [0, -1, 2.5, Number.NaN]) {
      expect(() => pageSizeOf(bad), String(bad)).toThrow('"first" must be a positive whole number.');
    }
  });
});
