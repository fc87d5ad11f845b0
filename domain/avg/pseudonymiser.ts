import { deriveKey, keyedHash } from '../../core/crypto.js';
import type { NextcloudConnector } from '../../nextcloud/connector.js';
import type { NcObject } from '../../nextcloud/types.js';
import { closedEmail, emailFingerprint, emailFingerprintKey } from '../accounts/account-minimisation.js';
import type { AccountRepository } from '../accounts/account.repository.js';
import { pseudonymName } from '../accounts/pseudonyms.js';
import { emptyMfa, type Account } from '../accounts/account.types.js';
import type { PortalFieldMapping } from '../portal-data/field-mapping.js';
import { pseudonymisedEmail } from './account-state.js';

/**
 * Replaces a closed account's personal data by pseudonyms, in Nextcloud and in the portal store.
 * The pseudonym is a keyed hash of the record's id (never of the name, which a dictionary could
 * reverse), short enough to read out on the phone and the same on every run, so a re-run after a
 * crash writes the same values again. Every step is safe to repeat.
 */

/** Fields cleared on a person record; the name is replaced instead (Pipelinq requires one). */
const CLEARED_FIELDS = ['email', 'phone', 'address'] as const;

export type PseudonymiserConnector = Pick<NextcloudConnector, 'getObject' | 'updateObject'>;

export class Pseudonymiser {
  private readonly key: Buffer;
  private readonly emailKey: Buffer;

  constructor(
    secretKey: string | Buffer,
    private readonly accounts: AccountRepository,
  ) {
    this.key = deriveKey(secretKey, 'pseudonyms');
    this.emailKey = emailFingerprintKey(secretKey);
  }

  pseudonymFor(tenantId: string, recordId: string): string {
    return pseudonymName(keyedHash(this.key, `${tenantId}:${recordId}`));
  }

  /** The person in Nextcloud: the contact, and for B2C the person client (organisations are not personal data). */
  async pseudonymiseNextcloud(connector: PseudonymiserConnector, mapping: PortalFieldMapping, account: Account): Promise<void> {
    if (account.contactId)
      await this.patchPerson(connector, mapping.contact.resource, mapping.contact.name[0] ?? 'name', account, account.contactId);
    if (account.type !== 'B2C') return;
    const client = await connector.getObject(mapping.client.resource, account.clientId);
    // A record that is gone has nothing left to replace; a repeat run finds it the same way.
    if (!client || client[mapping.client.type[0] ?? 'type'] === 'organization') return;
    await this.patchPerson(
      connector,
      mapping.client.resource,
      mapping.client.name[0] ?? 'name',
      account,
      account.clientId,
      client,
    );
  }

  /**
   * The account itself: the address becomes `pseudonymised-<id>@invalid` (which also marks the
   * account as done), its address claim is released, credentials and language are reset. The
   * keyed hash of the address stays, so a DPO can still answer "was this address ours?". An
   * account closed before closure minimised it still has its plain address: it gets the hash now.
   */
  async pseudonymiseAccount(account: Account): Promise<void> {
    // Claim first: the new address is the "done" mark, so after it nothing would retry this.
    await this.accounts.releaseEmail(account);
    const minimised = account.email === closedEmail(account.id);
    await this.accounts.update(
      account.id,
      {
        email: pseudonymisedEmail(account.id),
        emailHash: minimised ? (account.emailHash ?? null) : emailFingerprint(this.emailKey, account.tenantId, account.email),
        locale: 'nl',
        passwordHash: null,
        mfa: emptyMfa(),
      },
      // A closed account has no session left to refuse: the nightly run need not wait for others.
      { settle: false },
    );
  }

  private async patchPerson(
    connector: PseudonymiserConnector,
    resource: string,
    nameField: string,
    account: Account,
    id: string,
    known?: NcObject,
  ): Promise<void> {
    const existing = known ?? (await connector.getObject(resource, id));
    if (!existing) return;
    const patch: Record<string, unknown> = { [nameField]: this.pseudonymFor(account.tenantId, id) };
    for (const field of CLEARED_FIELDS) {
      const value = existing[field];
      if (value !== undefined && value !== null && value !== '') patch[field] = null;
    }
    await connector.updateObject(resource, id, patch);
  }
}
