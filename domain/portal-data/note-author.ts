/**
 * The `author` the portal writes on a reply note. Never the person's name: a name written into
 * Nextcloud outlives the account and the retention cleanup could not tell it from a staff
 * member's. Instead a neutral word plus the account's id — readable for staff in Pipelinq, no
 * personal data on its own, and the marker by which the cleanup finds the notes the portal wrote
 * for that account (Pipelinq's note has no other field the portal could use for it).
 */
const LABEL = 'Klant';
const REFERENCE = /^Klant \(portaalaccount ([0-9A-Za-z_-]{1,64})\)$/;

export function portalNoteAuthor(accountId: string): string {
  return `${LABEL} (portaalaccount ${accountId})`;
}

/** The account id in an author the portal wrote, else null. */
export function accountOfNoteAuthor(author: unknown): string | null {
  return typeof author === 'string' ? (REFERENCE.exec(author)?.[1] ?? null) : null;
}

/** What customers see: the neutral word for the portal's own notes, anything else as written. */
export function displayNoteAuthor(author: unknown): string | null {
  if (typeof author !== 'string') return null;
  return accountOfNoteAuthor(author) ? LABEL : author;
}
