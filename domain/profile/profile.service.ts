import { BadUserInputError, NotFoundError, UnauthenticatedError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import type { AccountRepository } from '../accounts/account.repository.js';
import type { Account } from '../accounts/account.types.js';
import { audited, type AuditWriter } from '../audit/index.js';
import type { RequestMeta } from '../request-meta.js';
import { fieldMappingFor } from '../portal-data/index.js';
import type { CustomerPrincipal } from '../principal.js';
import type { IdentityCheck, IdentityProof } from '../sign-in/identity-check.js';
import type { Tenant } from '../tenants/tenant-directory.js';
import type { EmailChangeService } from './email-change.service.js';
import { loadPersonRecords, type PersonRecordLoaders, type PersonWriter } from './person-records.js';
import { homeRecordOf, nextcloudChangesOf, personDetailsOf, writePlanFor, type PersonRecords } from './profile-fields.js';
import { parseProfileInput } from './profile-validation.js';
import type { PendingEmail, ProfileInput, ProfileView } from './profile.types.js';

export interface ProfileServiceDeps {
  accounts: AccountRepository;
  person: PersonWriter;
  emailChange: EmailChangeService;
  /** Re-authentication before an email change (domain/sign-in/identity-check.ts). */
  identity: Pick<IdentityCheck, 'verify'>;
  audit: AuditWriter;
  logger?: Logger;
}

/** The signed-in customer's profile: account fields from the portal store, the person from Nextcloud. */
export class ProfileService {
  constructor(private readonly deps: ProfileServiceDeps) {}

  get emailChange(): EmailChangeService {
    return this.deps.emailChange;
  }

  /** `loaders`: the request's contact/client loaders, so one operation reads each record once. */
  async read(tenant: Tenant, principal: CustomerPrincipal, loaders?: PersonRecordLoaders): Promise<ProfileView> {
    const [account, pendingEmail] = await Promise.all([
      this.account(tenant, principal),
      this.deps.emailChange.pendingOf(principal.accountId),
    ]);
    return this.view(tenant, account, pendingEmail, null, loaders);
  }

  /**
   * Validates everything first (one BAD_USER_INPUT listing every problem), then writes the changed
   * Nextcloud fields through to the person's records and the locale to the account, audited as
   * one `profile.updated` (field names only). A new email is only staged (see EmailChangeService),
   * and only with `currentCode` or `password`: a session alone must not move the sign-in address
   * (and with it password resets) to an attacker's inbox.
   *
   * Whether the new address is taken is deliberately not checked here: a taken address gets the
   * same answer and the same mail as a free one, and its link fails at confirmation, so nobody
   * can use this form to test which addresses have accounts.
   */
  async update(
    tenant: Tenant,
    principal: CustomerPrincipal,
    input: ProfileInput & IdentityProof,
    meta: RequestMeta & { publicUrl: string },
    loaders?: PersonRecordLoaders,
  ): Promise<ProfileView> {
    const account = await this.account(tenant, principal);
    const { changes, problems } = parseProfileInput(input ?? {}, account.type);
    const newEmail = changes.email !== undefined && changes.email !== account.email ? changes.email : null;
    if (problems.length) {
      throw new BadUserInputError(`Check these fields: ${[...new Set(problems.map((p) => p.field))].join(', ')}.`, problems);
    }
    // Before anything is read or written, so a refused proof leaves every field as it was.
    if (newEmail) {
      await this.deps.identity.verify(
        tenant,
        principal,
        { currentCode: input.currentCode, password: input.password },
        meta,
        'email-change',
      );
    }

    // Where each field goes, and why, is decided in profile-fields.ts.
    const nextcloudChanges = nextcloudChangesOf(changes);
    const source = loaders ?? this.deps.person.loaders(tenant);
    let records: PersonRecords | null = Object.keys(nextcloudChanges).length
      ? await loadPersonRecords(source, account, this.deps.logger)
      : null;
    const plan = records ? writePlanFor(nextcloudChanges, account, records, fieldMappingFor(tenant)) : { writes: [], fields: [] };
    // Refused before anything is written or audited; a missing copy is only logged (PersonWriter).
    const home = homeRecordOf(account);
    if (records && !records[home] && plan.writes.some((w) => w.role === home)) {
      throw new NotFoundError('Your record in the customer administration');
    }
    const localeChanged = changes.locale !== undefined && changes.locale !== account.locale;
    const changed: string[] = [...plan.fields, ...(localeChanged ? ['locale'] : [])];
    // Before anything is written, so a refused email change leaves the rest untouched too.
    if (newEmail) await this.deps.emailChange.enforceLimit(account);

    let updated: Account = account;
    if (changed.length) {
      const written = await audited(
        this.deps.audit,
        {
          tenantId: tenant.id,
          type: 'profile.updated',
          principal,
          target: { type: 'account', id: account.id },
          // Which fields, never their old or new values: the trail outlives the data it mentions.
          details: { fields: changed, records: plan.writes.map((w) => w.role) },
          client: meta,
        },
        async () => {
          const result = records ? await this.deps.person.write(tenant, account, records, plan) : {};
          if (localeChanged) await this.deps.accounts.update(account.id, { locale: changes.locale });
          return result;
        },
        { logger: this.deps.logger },
      );
      records = records && { ...records, ...written };
      if (localeChanged) updated = { ...account, locale: changes.locale! };
    }

    const pending = newEmail
      ? await this.deps.emailChange.request(tenant, principal, updated, newEmail, meta)
      : await this.deps.emailChange.pendingOf(account.id);
    return this.view(tenant, updated, pending, records, source);
  }

  /** Public: the token from the confirmation mail is the credential. */
  async confirmEmailChange(tenant: Tenant, token: string, meta: RequestMeta): Promise<true> {
    await this.deps.emailChange.confirm(tenant, token, meta);
    return true;
  }

  private async account(tenant: Tenant, principal: CustomerPrincipal): Promise<Account> {
    const account = await this.deps.accounts.findById(principal.accountId);
    // The session outlived its account (closed, moved): as if nobody were signed in.
    if (!account || account.tenantId !== tenant.id || principal.tenantId !== tenant.id) throw new UnauthenticatedError();
    return account;
  }

  private view(
    tenant: Tenant,
    account: Account,
    pendingEmail: PendingEmail | null,
    known: PersonRecords | null,
    loaders: PersonRecordLoaders | undefined,
  ): ProfileView {
    const mapping = fieldMappingFor(tenant);
    let person: ReturnType<ProfileView['person']> | undefined;
    return {
      account,
      pendingEmail,
      person: () =>
        (person ??= (
          known
            ? Promise.resolve(known)
            : loadPersonRecords(loaders ?? this.deps.person.loaders(tenant), account, this.deps.logger)
        ).then((records) => personDetailsOf(account, records, mapping))),
    };
  }
}
