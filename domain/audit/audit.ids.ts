import { BadUserInputError } from '../../core/errors.js';
import { parseDocumentId } from './audit.model.js';

/**
 * Public ids and page cursors are base64url of the stored `_id` (tenant + seq). Clients must treat
 * them as opaque; the server turns them back into a seq, so paging is a seq range and cheap.
 */
export function publicIdOf(documentId: string): string {
  return Buffer.from(documentId, 'utf8').toString('base64url');
}

export function decodePublicId(id: string): { tenantId: string; seq: number } | null {
  if (!/^[A-Za-z0-9_-]{1,400}$/.test(id)) return null;
  return parseDocumentId(Buffer.from(id, 'base64url').toString('utf8'));
}

/** The cursor after `event` (the same opaque string as its id). */
export function cursorOf(event: { id: string }): string {
  return event.id;
}

/** The seq a cursor points at; refuses cursors that are malformed or belong to another tenant. */
export function seqOfCursor(tenantId: string, cursor: string): number {
  const decoded = decodePublicId(cursor);
  if (!decoded || decoded.tenantId !== tenantId) throw new BadUserInputError('The cursor is not valid for this list.');
  return decoded.seq;
}
