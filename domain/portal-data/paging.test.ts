import { describe, expect, it } from 'vitest';
import { BadUserInputError } from '../../core/errors.js';
import { cursorOf, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, windowOf } from './paging.js';

/** The `first`/`after` arguments of every list, as a client sends them. */
describe('paging', () => {
  it('starts at the top with the default page size, and never serves more than the maximum at once', () => {
    expect(windowOf(undefined, undefined)).toEqual({ offset: 0, limit: DEFAULT_PAGE_SIZE });
    expect(windowOf(null, null)).toEqual({ offset: 0, limit: 20 });
    expect(windowOf(0, '')).toEqual({ offset: 0, limit: 0 });
    expect(windowOf(MAX_PAGE_SIZE, null)).toEqual({ offset: 0, limit: 100 });
    expect(windowOf(1_000, null)).toEqual({ offset: 0, limit: 100 });
  });

  it('goes on right after the item a cursor names', () => {
    expect(windowOf(10, cursorOf(0))).toEqual({ offset: 1, limit: 10 });
    expect(windowOf(10, cursorOf(119))).toEqual({ offset: 120, limit: 10 });
    expect(windowOf(10, cursorOf(999_999_999))).toEqual({ offset: 1_000_000_000, limit: 10 });
  });

  it('refuses a negative or fractional `first`', () => {
    for (const first of [-1, 1.5, Number.NaN]) {
      expect(() => windowOf(first, null), String(first)).toThrow('`first` must be zero or more.');
      try {
        windowOf(first, null);
      } catch (error) {
        expect((error as BadUserInputError).extensions.problems).toEqual([
          { field: 'first', code: 'NOT_NEGATIVE', message: 'Must be zero or more.', params: {} },
        ]);
      }
    }
  });

  it('refuses cursors it did not hand out', () => {
    const encode = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
    for (const cursor of [
      'not a cursor!',
      encode('x:5'),
      encode('o:-1'),
      encode('o:5 '),
      encode(' o:5'),
      encode('o:'),
      encode('o:1234567890'),
      `${cursorOf(1)}${'A'.repeat(40)}`,
      `!${cursorOf(5)}`,
      `${cursorOf(5)}!`,
    ]) {
      expect(() => windowOf(10, cursor), cursor).toThrow('The cursor is not valid.');
      try {
        windowOf(10, cursor);
      } catch (error) {
        expect((error as BadUserInputError).extensions.problems).toEqual([
          { field: 'after', code: 'CURSOR_INVALID', message: 'Use a cursor from a previous page.', params: {} },
        ]);
      }
    }
  });
});
