/**
 * The audit trail stores who acted as a stable reference (`account:<id>`, `token:<publicId>`,
 * `staff:<login>`, see principal.ts actorOf), never as a name: names change and are personal data
 * the hash chain must not freeze. For staff reading the trail those references are put into words
 * at read time: the account's email, the staff login, the API token's name.
 */
export type ActorKind = 'account' | 'token' | 'staff' | 'other';

export interface ActorLabel {
  kind: ActorKind;
  /** The email, login or token name; null when the account or token no longer exists. */
  label: string | null;
}

export interface ActorDirectory {
  accountEmails(tenantId: string, accountIds: readonly string[]): Promise<Map<string, string>>;
  tokenNames(tenantId: string, tokenIds: readonly string[]): Promise<Map<string, string>>;
}

const PREFIXES: Record<string, ActorKind> = { account: 'account', token: 'token', staff: 'staff' };

export function parseActor(actor: string): { kind: ActorKind; id: string } {
  const colon = actor.indexOf(':');
  const kind = colon > 0 ? PREFIXES[actor.slice(0, colon)] : undefined;
  return kind ? { kind, id: actor.slice(colon + 1) } : { kind: 'other', id: actor };
}

/** Labels for many actors of one tenant: one lookup per kind, in the order asked (a DataLoader batch). */
export async function labelActors(directory: ActorDirectory, tenantId: string, actors: readonly string[]): Promise<ActorLabel[]> {
  const parsed = actors.map(parseActor);
  const idsOf = (kind: ActorKind) => parsed.filter((p) => p.kind === kind).map((p) => p.id);
  const [emails, names] = await Promise.all([
    directory.accountEmails(tenantId, idsOf('account')),
    directory.tokenNames(tenantId, idsOf('token')),
  ]);
  return parsed.map(({ kind, id }) => {
    switch (kind) {
      case 'account':
        return { kind, label: emails.get(id) ?? null };
      case 'token':
        return { kind, label: names.get(id) ?? null };
      case 'staff':
        return { kind, label: id || null };
      default:
        return { kind, label: null };
    }
  });
}
