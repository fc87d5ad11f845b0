/**
 * What a pseudonymised person record looks like in Nextcloud. The retention cleanup writes it
 * (domain/avg/pseudonymiser.ts) and the invitation check refuses to link such a record to a new
 * account: doing so would tie a fresh address to a person the tenant was required to forget.
 * The name is the one marker every pseudonymised record keeps (Pipelinq requires a name, so the
 * cleanup replaces it instead of clearing it); no real name has this form.
 */
export const PSEUDONYM_PREFIX = 'Gepseudonimiseerd ';

/** `hash`: hex from a keyed hash of the record's id (see Pseudonymiser.pseudonymFor). */
export function pseudonymName(hash: string): string {
  return `${PSEUDONYM_PREFIX}${hash.slice(0, 10)}`;
}

export function isPseudonymName(value: unknown): boolean {
  return typeof value === 'string' && /^Gepseudonimiseerd [0-9a-f]{10}$/.test(value.trim());
}
