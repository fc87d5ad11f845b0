import { describe, expect, it } from 'vitest';
import { BadUserInputError } from '../../core/errors.js';
import { cursorOf, decodePublicId, publicIdOf, seqOfCursor } from './audit.ids.js';
import { documentIdOf, parseDocumentId } from './audit.model.js';

/**
 * Event ids and page cursors come back from clients: they decode to exactly the event they name,
 * and anything else (forged, truncated, another tenant's) is refused rather than misread.
 */
const idOf = (tenantId: string, seq: number) => publicIdOf(documentIdOf(tenantId, seq));
const encoded = (raw: string) => Buffer.from(raw, 'utf8').toString('base64url');

describe('audit event ids', () => {
  it('name the event they were made from, the first one included, also for tenant ids with colons', () => {
    expect(decodePublicId(idOf('gemeente-a', 1))).toEqual({ tenantId: 'gemeente-a', seq: 1 });
    expect(decodePublicId(idOf('org:unit:7', 999_999_999_999))).toEqual({ tenantId: 'org:unit:7', seq: 999_999_999_999 });
    expect(seqOfCursor('gemeente-a', idOf('gemeente-a', 42))).toBe(42);
  });

  it('refuse anything that is not exactly tenant, colon, twelve digits of a seq from 1 up', () => {
    for (const raw of [
      'gemeente-a:000000000000', // seq 0 does not exist
      'gemeente-a:000000000001x', // trailing text
      'gemeente-a:0000000000012', // thirteen digits
      'gemeente-a:00000000001', // eleven digits
      ':000000000001', // no tenant
      'gemeente-a000000000001',
    ]) {
      expect(parseDocumentId(raw), raw).toBeNull();
      expect(decodePublicId(encoded(raw)), raw).toBeNull();
    }
    expect(decodePublicId('not base64url!')).toBeNull();
    // Only base64url characters, from the first to the last, and not more than a real id needs.
    expect(decodePublicId(`${idOf('gemeente-a', 1)}!`)).toBeNull();
    expect(decodePublicId(`!${idOf('gemeente-a', 1)}`)).toBeNull();
    expect(decodePublicId(idOf('t'.repeat(300), 1))).toBeNull();
    expect(decodePublicId('')).toBeNull();
    expect(decodePublicId('A'.repeat(401))).toBeNull();
  });

  it('a cursor of another tenant, or a malformed one, is a client error', () => {
    expect(() => seqOfCursor('gemeente-b', idOf('gemeente-a', 3))).toThrow(BadUserInputError);
    expect(() => seqOfCursor('gemeente-a', 'garbage')).toThrow('The cursor is not valid for this list.');
    // The next page starts after the event whose id the cursor is.
    expect(cursorOf({ id: idOf('gemeente-a', 3) })).toBe(idOf('gemeente-a', 3));
  });
});
