import { isDuplicateKeyError } from '../../store/duplicate-key.js';
import { emailClaimId, type AccountEmailDocument } from '../accounts/account.model.js';
import type { AccountRepository } from '../accounts/account.repository.js';
import { collectionOf } from '../../store/collection.js';

export type ClaimResult = 'claimed' | 'taken' | 'already-ours';

/**
 * Moving an account to another address under the claim protocol of AccountRepository.create: the
 * `accountEmails` document keyed `tenantId:email` is the one thing that decides who owns an
 * address, because an `_id` insert has exactly one winner on every engine. A move therefore
 *
 *   1. claims the new address (insert; a clash means someone has it),
 *   2. points the account at it (only if the account still has the old address),
 *   3. releases the old claim.
 *
 * Between 2 and 3 the old claim points at an account with another address, which sign-in
 * already treats as "no account" (AccountRepository.findByEmail checks both). At no moment can two
 * accounts hold one address, whatever runs concurrently.
 */
export class EmailClaims {
  constructor(private readonly repository: AccountRepository) {}

  /** Whether nobody holds the address (a stale claim counts as held: it cannot be inserted). */
  async isFree(tenantId: string, email: string): Promise<boolean> {
    const claim = await collectionOf<AccountEmailDocument>(this.repository.emails).findOne(
      { _id: emailClaimId(tenantId, email) },
      { projection: { _id: 1 } },
    );
    return claim === null;
  }

  async claim(tenantId: string, email: string, accountId: string, at: Date): Promise<ClaimResult> {
    try {
      await collectionOf<AccountEmailDocument>(this.repository.emails).insertOne({
        _id: emailClaimId(tenantId, email),
        tenantId,
        accountId,
        createdAt: at,
      });
      return 'claimed';
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      const holder = await collectionOf<AccountEmailDocument>(this.repository.emails).findOne<{ accountId: string }>({
        _id: emailClaimId(tenantId, email),
      });
      return holder?.accountId === accountId ? 'already-ours' : 'taken';
    }
  }

  /** Gives up a claim, but only the account's own. */
  async release(tenantId: string, email: string, accountId: string): Promise<void> {
    await this.repository.emails.deleteOne({ _id: emailClaimId(tenantId, email), accountId });
  }

  /** Step 2: a compare-and-set on the old address, so a concurrent change cannot be overwritten. */
  async pointAccount(accountId: string, tenantId: string, from: string, to: string): Promise<boolean> {
    return this.repository.updateIf(accountId, { tenantId, email: from, status: 'ACTIVE' }, { email: to });
  }
}
