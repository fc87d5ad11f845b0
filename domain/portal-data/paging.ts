import { BadUserInputError, inputProblem } from '../../core/errors.js';

/**
 * Relay-style paging over offset windows. A cursor names a position in the list as it was sorted
 * when it was handed out; it is opaque to clients so the scheme can change without breaking them.
 */

export const DEFAULT_PAGE_SIZE = 20;
/** Larger requests are served in pages of this size; `hasNextPage` tells the client to go on. */
export const MAX_PAGE_SIZE = 100;

const PREFIX = 'o:';

export function cursorOf(index: number): string {
  return Buffer.from(`${PREFIX}${index}`, 'utf8').toString('base64url');
}

function indexOfCursor(cursor: string): number {
  const decoded = /^[A-Za-z0-9_-]{1,40}$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  const match = /^o:(\d{1,9})$/.exec(decoded);
  if (!match)
    throw new BadUserInputError('The cursor is not valid.', [
      inputProblem('after', 'CURSOR_INVALID', 'Use a cursor from a previous page.'),
    ]);
  return Number(match[1]);
}

export interface PageWindow {
  offset: number;
  limit: number;
}

export function windowOf(first: number | null | undefined, after: string | null | undefined): PageWindow {
  if (first !== null && first !== undefined && (!Number.isInteger(first) || first < 0)) {
    throw new BadUserInputError('`first` must be zero or more.', [
      inputProblem('first', 'NOT_NEGATIVE', 'Must be zero or more.'),
    ]);
  }
  const limit = Math.min(first ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  const offset = after ? indexOfCursor(after) + 1 : 0;
  return { offset, limit };
}

/** One page of a list: the items, where they start, and how many the whole list holds. */
export interface Page<T> {
  items: T[];
  offset: number;
  total: number;
}
