import { describe, expect, it } from 'vitest';
import type { NcObject } from '../../nextcloud/types.js';
import { bool, date, firstValue, list, num, parseDate, reference, referenceOf, text } from './record-values.js';

/** OpenRegister data as it really varies: typed as the schema says, or older and looser. */
const one = (value: unknown) => ({ field: value });
const FIELD = ['field'] as const;

describe('reading loosely typed properties', () => {
  it('takes the first field that has a value, skipping absent, null and empty ones', () => {
    const row = { a: undefined, b: null, c: '', d: 0, e: 'later' };
    expect(firstValue(row, ['a', 'b', 'c', 'd', 'e'])).toBe(0);
    expect(firstValue(row, ['a', 'b', 'c'])).toBeNull();
    expect(firstValue({ x: false }, ['x'])).toBe(false);
    expect(firstValue({ x: [] }, ['x'])).toEqual([]);
    expect(text({ title: '', name: 'Fallback' }, ['title', 'name'])).toBe('Fallback');
    expect(text({ title: null, name: 'Fallback' }, ['title', 'name'])).toBe('Fallback');
  });

  it.each<[unknown, string | null]>([
    ['Factuur maart', 'Factuur maart'],
    [42, '42'],
    [0, '0'],
    [true, 'true'],
    [false, 'false'],
    [{ id: 'x' }, null],
    [['a'], null],
    ['', null],
    [null, null],
  ])('text of %j is %j', (value, expected) => {
    expect(text(one(value), FIELD)).toBe(expected);
  });

  it.each<[unknown, number | null]>([
    [12.5, 12.5],
    [0, 0],
    ['12.50', 12.5],
    [' 7 ', 7],
    ['   ', null],
    ['twelve', null],
    [Number.NaN, null],
    [Number.POSITIVE_INFINITY, null],
    ['Infinity', null],
    [true, null],
    [{ value: 3 }, null],
  ])('number of %j is %j', (value, expected) => {
    expect(num(one(value), FIELD)).toBe(expected);
  });

  it.each<[unknown, boolean | null]>([
    [true, true],
    [false, false],
    ['true', true],
    ['1', true],
    [1, true],
    ['false', false],
    ['0', false],
    [0, false],
    ['yes', null],
    [2, null],
    [{}, null],
  ])('yes/no of %j is %j', (value, expected) => {
    expect(bool(one(value), FIELD)).toBe(expected);
  });

  it('reads date-times with an offset, dates as midnight UTC, and nothing else', () => {
    expect(date(one('2026-03-01T10:15:00+01:00'), FIELD)?.toISOString()).toBe('2026-03-01T09:15:00.000Z');
    expect(date(one('2026-03-01'), FIELD)?.toISOString()).toBe('2026-03-01T00:00:00.000Z');
    expect(parseDate(Date.UTC(2026, 2, 1))?.toISOString()).toBe('2026-03-01T00:00:00.000Z');
    for (const value of ['not a date', '', true, {}, null, undefined]) expect(parseDate(value), String(value)).toBeNull();
  });

  it('lists only the objects of an array property', () => {
    const notes = [{ message: 'a' }, 'stray text', null, ['nested'], { message: 'b' }];
    expect(list(one(notes), FIELD)).toEqual([{ message: 'a' }, { message: 'b' }]);
    expect(list(one('not a list'), FIELD)).toEqual([]);
    expect(list({}, FIELD)).toEqual([]);
  });

  it('finds the uuid of a reference however it is stored', () => {
    expect(referenceOf('6f1c…-uuid')).toBe('6f1c…-uuid');
    expect(referenceOf({ id: 'by-id' })).toBe('by-id');
    expect(referenceOf({ uuid: 'by-uuid' })).toBe('by-uuid');
    expect(referenceOf({ value: 'by-value' })).toBe('by-value');
    expect(referenceOf({ id: '', uuid: 'second' })).toBe('second');
    expect(referenceOf({ id: 12, value: 'third' })).toBe('third');
    for (const value of ['', null, undefined, 12, ['a'], { id: '' }, {}])
      expect(referenceOf(value), JSON.stringify(value)).toBeNull();
    expect(reference({ client: { uuid: 'c-1' } } as unknown as NcObject, 'client')).toBe('c-1');
  });
});
