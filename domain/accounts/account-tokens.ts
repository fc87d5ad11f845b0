import type { Connection } from 'mongoose';
import { BadUserInputError, LinkExpiredError } from '../../core/errors.js';
import { newToken, tokenHash } from '../../core/tokens.js';
import {
  accountTokenModel,
  type AccountTokenDocument,
  type AccountTokenModel,
  type AccountTokenPurpose,
} from './account-token.model.js';
import { collectionOf } from '../../store/collection.js';

export type { AccountTokenPurpose } from './account-token.model.js';

/** How long an expired link is still recognised as "expired" rather than "unknown". */
const KEEP_EXPIRED_MS = 7 * 24 * 60 * 60 * 1000;

export class InvalidLinkError extends BadUserInputError {
  constructor() {
    super('This link is not valid or has already been used. Ask for a new one.');
  }
}

/** Single-use link tokens for account flows. */
export class AccountTokens {
  private readonly model: AccountTokenModel;

  constructor(
    connection: Connection,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.model = accountTokenModel(connection);
  }

  async issue(
    purpose: AccountTokenPurpose,
    account: { id: string; tenantId: string },
    ttlMs: number,
    data: Record<string, string> | null = null,
  ): Promise<{ token: string; expiresAt: Date }> {
    const token = newToken('');
    const now = this.now();
    const expiresAt = new Date(now.getTime() + ttlMs);
    await collectionOf<AccountTokenDocument>(this.model).insertOne({
      _id: tokenHash(token),
      purpose,
      tenantId: account.tenantId,
      accountId: account.id,
      createdAt: now,
      expiresAt,
      data,
    });
    return { token, expiresAt };
  }

  /**
   * The token's record if it is valid for `purpose` in `tenantId` right now. Does not use it up:
   * the caller validates the rest of the request first (so a weak password does not burn the
   * link) and then calls consume().
   */
  async peek(purpose: AccountTokenPurpose, tenantId: string, token: string): Promise<AccountTokenDocument> {
    if (typeof token !== 'string' || token.length < 20 || token.length > 200) throw new InvalidLinkError();
    const doc = await collectionOf<AccountTokenDocument>(this.model).findOne<AccountTokenDocument>({ _id: tokenHash(token) });
    if (!doc || doc.purpose !== purpose || doc.tenantId !== tenantId) throw new InvalidLinkError();
    if (doc.expiresAt.getTime() <= this.now().getTime()) throw new LinkExpiredError();
    return doc;
  }

  /** Uses the token up; exactly one concurrent caller gets true. */
  async consume(doc: AccountTokenDocument): Promise<void> {
    const result = await this.model.deleteOne({ _id: doc._id });
    if (result.deletedCount !== 1) throw new InvalidLinkError();
  }

  async revokeAll(accountId: string, purpose: AccountTokenPurpose): Promise<number> {
    return (await this.model.deleteMany({ accountId, purpose })).deletedCount;
  }

  /** Every open link of the account, whatever its purpose (closure: nothing may revive it). */
  async revokeEverything(accountId: string): Promise<number> {
    return (await this.model.deleteMany({ accountId })).deletedCount;
  }

  /** Deletes links that expired more than a week ago (no TTL indexes on FerretDB). */
  async purgeExpired(now: Date = this.now()): Promise<number> {
    return (await this.model.deleteMany({ expiresAt: { $lte: new Date(now.getTime() - KEEP_EXPIRED_MS) } })).deletedCount;
  }
}
