import type { Connection } from 'mongoose';
import { collectionOf } from '../../store/collection.js';
import { isDuplicateKeyError } from '../../store/duplicate-key.js';
import { authChangesOf, type AuthChanges } from '../sessions/auth-changes.js';
import {
  accountEmailModel,
  accountModel,
  emailClaimId,
  type AccountDocument,
  type AccountEmailDocument,
  type AccountEmailModel,
  type AccountModel,
} from './account.model.js';
import { emptyMfa, type Account } from './account.types.js';

export class EmailTakenError extends Error {
  constructor() {
    super('an account with this email already exists in the tenant');
    this.name = 'EmailTakenError';
  }
}

/** The only code that reads and writes portal accounts in the database. */
export class AccountRepository {
  readonly accounts: AccountModel;
  readonly emails: AccountEmailModel;
  /** Told of every change to a stored account, so no process goes on using its older copy. */
  private readonly changes: AuthChanges;

  constructor(connection: Connection, changes: AuthChanges = authChangesOf(connection)) {
    this.accounts = accountModel(connection);
    this.emails = accountEmailModel(connection);
    this.changes = changes;
  }

  /** The stored documents, typed with their string `_id`s (see store/collection.ts). */
  private get accountDocs() {
    return collectionOf<AccountDocument>(this.accounts);
  }

  private get emailClaims() {
    return collectionOf<AccountEmailDocument>(this.emails);
  }

  /**
   * Claims the address first (an `_id` insert: exactly one concurrent writer wins), then stores
   * the account. If the second step fails the claim is released again.
   */
  async create(account: Account): Promise<void> {
    try {
      await this.emailClaims.insertOne({
        _id: emailClaimId(account.tenantId, account.email),
        tenantId: account.tenantId,
        accountId: account.id,
        createdAt: account.createdAt,
      });
    } catch (error) {
      if (isDuplicateKeyError(error)) throw new EmailTakenError();
      throw error;
    }
    try {
      await this.accountDocs.insertOne(toDocument(account));
    } catch (error) {
      await this.emails.deleteOne({ _id: emailClaimId(account.tenantId, account.email), accountId: account.id }).catch(() => {});
      if (isDuplicateKeyError(error)) throw new EmailTakenError();
      throw error;
    }
  }

  /** Undoes create() for an account nobody has used yet (e.g. its invitation mail failed). */
  async deleteUnused(account: Account): Promise<void> {
    await this.accounts.deleteOne({ _id: account.id, status: 'INVITED', passwordHash: null });
    await this.emails.deleteOne({ _id: emailClaimId(account.tenantId, account.email), accountId: account.id });
  }

  async findById(id: string): Promise<Account | null> {
    const doc = await this.accountDocs.findOne({ _id: id });
    return doc ? toAccount(doc) : null;
  }

  /** Several accounts of one tenant at once (the audit trail names its actors with one query per page). */
  async findManyByIds(tenantId: string, ids: readonly string[]): Promise<Account[]> {
    if (ids.length === 0) return [];
    const docs = await this.accountDocs
      .find({ _id: { $in: [...new Set(ids)] }, tenantId })
      .limit(1000)
      .toArray();
    return docs.map(toAccount);
  }

  /** `email` must already be normalised. */
  async findByEmail(tenantId: string, email: string): Promise<Account | null> {
    const claim = await this.emailClaims.findOne({ _id: emailClaimId(tenantId, email) });
    // Look the account up even without a claim, so both answers cost the same two round trips.
    const account = await this.findById(claim?.accountId ?? '\u0000none');
    return account && account.tenantId === tenantId && account.email === email ? account : null;
  }

  /**
   * Accounts that no longer hold their address (closed, pseudonymised) but its keyed fingerprint
   * (account-minimisation.ts): how a DPO still finds a person's old accounts by address.
   */
  async findByEmailHash(tenantId: string, emailHash: string): Promise<Account[]> {
    const docs = await this.accounts.collection
      .find<AccountDocument>({ tenantId, emailHash: String(emailHash) }, { sort: { createdAt: 1 } })
      .limit(100)
      .toArray();
    return docs.map(toAccount);
  }

  /** The accounts linked to one Pipelinq client of the tenant (a company's colleagues). */
  async listByClient(tenantId: string, clientId: string): Promise<Account[]> {
    const docs = await this.accounts.collection.find<AccountDocument>({ tenantId, clientId }).limit(1000).toArray();
    return docs.map(toAccount);
  }

  /**
   * Resolves once every process has stopped using its older copy of the account; `settle: false`
   * for changes nobody relies on seeing at once (the sign-in's own bookkeeping), which reach the
   * others within one poll instead (auth-changes.ts).
   */
  async update(id: string, set: Record<string, unknown>, { settle = true }: { settle?: boolean } = {}): Promise<void> {
    await this.accounts.updateOne({ _id: id }, { $set: set });
    await this.changes.changed({ settle });
  }

  /** Fields changed only where the account is still in `status` (a guard against racing edits). */
  async updateIfStatus(id: string, status: Account['status'], set: Record<string, unknown>): Promise<boolean> {
    return this.updateIf(id, { status }, set);
  }

  /** Fields changed only where the account still matches `expected` (a compare-and-set); whether it did. */
  async updateIf(id: string, expected: Record<string, unknown>, set: Record<string, unknown>): Promise<boolean> {
    const result = await this.accounts.updateOne({ ...expected, _id: id }, { $set: set });
    // Announced even when nothing matched: a retry after a failed announcement no longer matches.
    await this.changes.changed();
    return result.matchedCount === 1;
  }

  /** Frees the address for a new account (closure); only the claim this account holds. */
  async releaseEmail(account: Pick<Account, 'id' | 'tenantId' | 'email'>): Promise<void> {
    await this.emails.deleteOne({ _id: emailClaimId(account.tenantId, account.email), accountId: account.id });
  }

  /** Part of a sign-in: the codes are checked against the stored account, never a kept copy. */
  async pullRecoveryCode(id: string, hash: string): Promise<void> {
    await this.accounts.updateOne({ _id: id }, { $pull: { 'mfa.recoveryCodeHashes': hash } });
    await this.changes.changed({ settle: false });
  }
}

function toDocument(account: Account): AccountDocument {
  const { id, ...rest } = account;
  return { _id: id, ...rest };
}

export function toAccount(doc: AccountDocument): Account {
  return {
    id: doc._id,
    tenantId: doc.tenantId,
    email: doc.email,
    type: doc.type,
    status: doc.status,
    clientId: doc.clientId,
    contactId: doc.contactId ?? null,
    locale: doc.locale,
    passwordHash: doc.passwordHash ?? null,
    passwordChangedAt: doc.passwordChangedAt ?? null,
    mfa: { ...emptyMfa(), ...(doc.mfa ?? {}) },
    failuresResetAt: doc.failuresResetAt ?? null,
    invitedBy: doc.invitedBy ?? null,
    createdAt: doc.createdAt,
    activatedAt: doc.activatedAt ?? null,
    lastSignInAt: doc.lastSignInAt ?? null,
    emailHash: doc.emailHash ?? null,
  };
}
