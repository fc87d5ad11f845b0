/**
 * What account flows need from the session and API-token stores: ending every credential of an
 * account (blocked, closed, password reset). Those stores depend on accounts, so accounts names
 * only this shape and the composition root passes the real services in — no folder cycle.
 */
export interface SessionRevocation {
  revokeAllForAccount(accountId: string, reason: 'password-reset' | 'blocked' | 'closed'): Promise<number>;
}

export interface ApiTokenRevocation {
  revokeAllForAccount(accountId: string): Promise<number>;
}
