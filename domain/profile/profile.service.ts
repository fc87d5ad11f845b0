import { BadUserInputError, NotFoundError, UnauthenticatedError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import type { AccountRepository } from '../accounts/account.repository.js';
import type { Account } from '../accounts/account.types.js';
import { audited, type AuditWriter } from '../audit/index.js';
import type { RequestMeta } from '../mfa/mfa.service.js';
import { fieldMappingFor } from '../portal-data/index.js';
import type { CustomerPrincipal } from '../principal.js';
import type { Tenant } from '../tenants/tenant-directory.js';
import type { EmailChangeService } from './email-change.service.js';
import { loadPersonRecords, type PersonRecordLoaders, type PersonWriter } from './person-records.js';
import { NEXTCLOUD_FIELDS, patchesFor, personDetailsOf, type PersonRecords, type RecordRole } from './profile-fields.js';
import { parseProfileInput } from './profile-validation.js';
import type { PendingEmail, ProfileInput, ProfileView } from './profile.types.js';

export interface ProfileServiceDeps {
  accounts: AccountRepository;
  person: PersonWriter;
  emailChange: EmailChangeService;
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
   * one `profile.updated` (field names only). A new email is only staged (see EmailChangeService).
   */
  async update(
    tenant: Tenant,
    principal: CustomerPrincipal,
    input: ProfileInput,
    meta: RequestMeta & { publicUrl: string },
    loaders?: PersonRecordLoaders,
  ): Promise<ProfileView> {
    const account = await this.account(tenant, principal);
    const { changes, problems } = parseProfileInput(input ?? {}, account.type);
    const newEmail = changes.email !== undefined && changes.email !== account.email ? changes.email : null;
    if (newEmail && !(await this.deps.emailChange.claims.isFree(tenant.id, newEmail))) {
      problems.push({ field: 'email', message: 'This address is already in use.' });
    }
    if (problems.length) {
      throw new BadUserInputError(`Check these fields: ${[...new Set(problems.map((p) => p.field))].join(', ')}.`, problems);
    }

    const mapping = fieldMappingFor(tenant);
    const touchesNextcloud = NEXTCLOUD_FIELDS.some((field) => changes[field] !== undefined);
    const source = loaders ?? this.deps.person.loaders(tenant);
    let records: PersonRecords | null = touchesNextcloud ? await loadPersonRecords(source, account, this.deps.logger) : null;
    const { patches, fields } = records ? patchesFor(changes, account, records, mapping) : { patches: {}, fields: [] };
    for (const role of Object.keys(patches) as RecordRole[]) {
      if (!records?.[role]) throw new NotFoundError('Your record in the customer administration');
    }
    const localeChanged = changes.locale !== undefined && changes.locale !== account.locale;
    const changed: string[] = [...fields, ...(localeChanged ? ['locale'] : [])];
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
          details: { fields: changed, records: Object.keys(patches) },
          client: meta,
        },
        async () => {
          const result = await this.deps.person.patch(tenant, account, patches);
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
