import type { NextcloudConnector } from '../../nextcloud/connector.js';
import type { NcObject } from '../../nextcloud/types.js';
import type { Account } from '../accounts/account.types.js';
import type { PortalFieldMapping } from '../portal-data/field-mapping.js';
import { accountOfNoteAuthor } from '../portal-data/note-author.js';

/**
 * The text the portal itself wrote into Nextcloud for a person: the title and description of the
 * requests it filed (Pipelinq's portal properties `submittedVia: "portal"` and `reporterAccountId`
 * say which) and the reply notes it wrote (their author is the account's reference, see
 * note-author.ts). At retention end the cleanup replaces that text: a customer signs a request
 * "Groet, Jan Jansen, 06-…" and no field-level pseudonymisation of the contact would reach it.
 * What the office wrote (its own requests, its notes, internal or not) is the administration's and
 * is left alone. Notes from before the portal wrote references carry the person's name as author;
 * those customer-visible notes count as the portal's too.
 */

export const PSEUDONYMISED_TITLE = 'Gepseudonimiseerd verzoek';
export const PSEUDONYMISED_MESSAGE = '[Gepseudonimiseerd bericht]';
const NEUTRAL_AUTHOR = 'Klant';

export interface PortalTextResult {
  /** Requests whose title and description were (or, in a dry run, would be) replaced. */
  requests: number;
  /** Reply notes whose message was (or would be) replaced. */
  notes: number;
}

export type PortalTextConnector = Pick<NextcloudConnector, 'updateObject'>;

export async function pseudonymisePortalText(
  connector: PortalTextConnector,
  mapping: PortalFieldMapping,
  account: Pick<Account, 'id'>,
  requests: NcObject[],
  options: { apply: boolean; personName: string | null },
): Promise<PortalTextResult> {
  const result: PortalTextResult = { requests: 0, notes: 0 };
  const f = mapping.request.fields;
  const n = mapping.note;
  const portal = mapping.portalRequest;
  const notesField = f.notes[0];
  for (const row of requests) {
    const patch: Record<string, unknown> = {};
    const filedHere = portal !== null && row[portal.submittedVia] === 'portal' && row[portal.reporterAccountId] === account.id;
    if (filedHere) {
      const title = f.subject[0];
      const body = f.body[0];
      // The description becomes a placeholder rather than null: Pipelinq types it as a string, and
      // the reference does not say OpenRegister accepts null for a property that is not nullable.
      const hasBody = body !== undefined && typeof row[body] === 'string' && row[body] !== '';
      const changed = (title && row[title] !== PSEUDONYMISED_TITLE) || (hasBody && row[body] !== PSEUDONYMISED_MESSAGE);
      if (changed) {
        if (title) patch[title] = PSEUDONYMISED_TITLE;
        if (hasBody) patch[body] = PSEUDONYMISED_MESSAGE;
        result.requests++;
      }
    }
    if (notesField && Array.isArray(row[notesField])) {
      let touched = 0;
      const notes = (row[notesField] as unknown[]).map((note) => {
        if (!note || typeof note !== 'object') return note;
        const entry = note as Record<string, unknown>;
        const byPortal = accountOfNoteAuthor(entry[n.author]) === account.id;
        const legacy =
          options.personName !== null && entry[n.visibility] === n.customerValue && entry[n.author] === options.personName;
        if (!byPortal && !legacy) return note;
        touched++;
        return { ...entry, [n.author]: NEUTRAL_AUTHOR, [n.message]: PSEUDONYMISED_MESSAGE };
      });
      if (touched > 0) {
        // Nextcloud has no append or per-item update: the whole list goes back, other notes unchanged.
        patch[notesField] = notes;
        result.notes += touched;
      }
    }
    if (options.apply && Object.keys(patch).length > 0) await connector.updateObject(mapping.request.resource, row.id, patch);
  }
  return result;
}
