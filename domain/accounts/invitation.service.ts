import { randomUUID } from 'node:crypto';
import { BadUserInputError, inputProblem, type InputProblem } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import { audited, type AuditWriter } from '../audit/index.js';
import type { RequestMeta } from '../request-meta.js';
import { isAccountModeEnabled } from '../policy.js';
import type { CustomerPrincipal, StaffPrincipal } from '../principal.js';
import type { NextcloudConnectors } from '../tenants/nextcloud-connectors.js';
import type { Tenant } from '../tenants/tenant-directory.js';
import type { AccountMail } from './account-mail.js';
import { EmailTakenError, type AccountRepository } from './account.repository.js';
import { InvalidLinkError, type AccountTokens } from './account-tokens.js';
import {
  ACCOUNT_LOCALES,
  emptyMfa,
  isPlausibleEmail,
  normaliseEmail,
  type Account,
  type AccountLocale,
  type AccountType,
} from './account.types.js';
import { personNameOf, verifyLinkedRecords } from './linked-records.js';
import type { PasswordHasher } from './password-hasher.js';
import { assertStrongPassword, contextWords } from './password-policy.js';

export const ACTIVATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export interface InviteInput {
  email: string;
  type: AccountType;
  clientId: string;
  contactId?: string | null;
  locale?: AccountLocale | null;
}

export interface InvitationServiceDeps {
  accounts: AccountRepository;
  tokens: AccountTokens;
  hasher: PasswordHasher;
  nextcloud: Pick<NextcloudConnectors, 'for'>;
  audit: AuditWriter;
  mail: AccountMail;
  logger?: Logger;
  now?: () => Date;
  /**
   * Runs after an account became ACTIVE (grants waiting for its address bind now, see
   * domain/delegation). Best effort: a failure is logged, the activation stands.
   */
  onActivated?: (account: Account, meta: RequestMeta) => Promise<unknown>;
}

/**
 * How accounts come to exist: a tenant admin invites an existing Pipelinq client (and, for B2B,
 * the contact who will sign in); the person sets a password through the mailed link. Inviting an
 * address whose invitation is still open sends a fresh link instead (the old one stops working).
 */
export class InvitationService {
  private readonly now: () => Date;

  constructor(private readonly deps: InvitationServiceDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  async invite(
    tenant: Tenant,
    /** The tenant admin, or a B2B account inviting a colleague (issue 16; its facade checks that). */
    principal: StaffPrincipal | CustomerPrincipal,
    input: InviteInput,
    meta: RequestMeta & { publicUrl: string },
  ): Promise<{ account: Account; contactName: string | null }> {
    const email = normaliseEmail(input.email ?? '');
    const clientId = (input.clientId ?? '').trim();
    const contactId = input.contactId?.trim() || null;
    const locale = input.locale ?? 'nl';
    const problems: InputProblem[] = [];
    if (!isPlausibleEmail(email)) problems.push(inputProblem('email', 'EMAIL_INVALID', 'Enter a valid email address.'));
    if (!clientId) problems.push(inputProblem('clientId', 'REQUIRED', 'Choose the client this account belongs to.'));
    if (input.type === 'B2B' && !contactId)
      problems.push(inputProblem('contactId', 'CONTACT_REQUIRED_FOR_B2B', 'A B2B account needs the contact who will sign in.'));
    if ((input.type === 'B2B' || input.type === 'B2C') && !isAccountModeEnabled(tenant, input.type))
      problems.push(
        inputProblem('type', 'ACCOUNT_TYPE_DISABLED', `${input.type} accounts are switched off for this portal.`, {
          type: input.type,
        }),
      );
    if (!ACCOUNT_LOCALES.includes(locale))
      problems.push(inputProblem('locale', 'NOT_ONE_OF', 'Choose nl or en.', { allowed: ACCOUNT_LOCALES.join(', ') }));
    if (problems.length) throw new BadUserInputError(problems.map((p) => p.message).join(' '), problems);

    const linked = await verifyLinkedRecords(this.deps.nextcloud.for(tenant.id), input.type, clientId, contactId);
    const existing = await this.deps.accounts.findByEmail(tenant.id, email);
    if (
      existing &&
      !(
        existing.status === 'INVITED' &&
        existing.clientId === clientId &&
        existing.contactId === contactId &&
        existing.type === input.type
      )
    ) {
      throw new BadUserInputError('This email address already has an account in this portal.', [
        inputProblem('email', 'EMAIL_IN_USE', 'This address already has an account.'),
      ]);
    }
    const account: Account = existing ?? {
      id: randomUUID(),
      tenantId: tenant.id,
      email,
      type: input.type,
      status: 'INVITED',
      clientId,
      contactId,
      locale,
      passwordHash: null,
      passwordChangedAt: null,
      mfa: emptyMfa(),
      failuresResetAt: null,
      invitedBy: principal.kind === 'staff' ? principal.loginName : `account:${principal.accountId}`,
      createdAt: this.now(),
      activatedAt: null,
      lastSignInAt: null,
    };

    await audited(
      this.deps.audit,
      {
        tenantId: tenant.id,
        type: 'account.invited',
        principal,
        accountId: account.id,
        target: { type: 'account', id: account.id },
        details: { accountType: account.type, clientId, contactId, resent: Boolean(existing) },
        client: meta,
      },
      async () => {
        if (!existing) {
          try {
            await this.deps.accounts.create(account);
          } catch (error) {
            if (error instanceof EmailTakenError)
              throw new BadUserInputError('This email address already has an account in this portal.', [
                inputProblem('email', 'EMAIL_IN_USE', 'This address already has an account.'),
              ]);
            throw error;
          }
        } else {
          await this.deps.tokens.revokeAll(account.id, 'activation');
        }
        try {
          const { token } = await this.deps.tokens.issue('activation', account, ACTIVATION_TTL_MS);
          await this.deps.mail.send(tenant, account.email, account.locale, 'account-invitation', {
            recipientName: linked.contactName ?? linked.clientName,
            activationUrl: `${meta.publicUrl}/portal/activate?token=${encodeURIComponent(token)}`,
            validForMinutes: ACTIVATION_TTL_MS / 60_000,
          });
        } catch (error) {
          // Without the mail nobody can use the account: undo it, so the admin can simply retry.
          await this.deps.tokens.revokeAll(account.id, 'activation').catch(() => {});
          if (!existing) await this.deps.accounts.deleteUnused(account).catch(() => {});
          throw error;
        }
      },
      { logger: this.deps.logger },
    );
    return { account, contactName: linked.contactName ?? (account.type === 'B2C' ? linked.clientName : null) };
  }

  /** Sets the first password through the invitation link and makes the account ACTIVE. */
  async activate(tenant: Tenant, token: string, password: string, meta: RequestMeta): Promise<Account> {
    const link = await this.deps.tokens.peek('activation', tenant.id, token);
    const account = await this.deps.accounts.findById(link.accountId);
    if (!account || account.tenantId !== tenant.id || account.status !== 'INVITED') throw new InvalidLinkError();
    assertStrongPassword(password, await this.passwordContext(tenant, account));
    const passwordHash = await this.deps.hasher.hash(password);
    await this.deps.tokens.consume(link);
    const now = this.now();
    await audited(
      this.deps.audit,
      {
        tenantId: tenant.id,
        type: 'account.activated',
        accountId: account.id,
        actor: `account:${account.id}`,
        target: { type: 'account', id: account.id },
        client: meta,
      },
      async () => {
        const done = await this.deps.accounts.updateIfStatus(account.id, 'INVITED', {
          status: 'ACTIVE',
          passwordHash,
          passwordChangedAt: now,
          activatedAt: now,
        });
        if (!done) throw new InvalidLinkError();
      },
      { logger: this.deps.logger },
    );
    const activated: Account = { ...account, status: 'ACTIVE', passwordHash, passwordChangedAt: now, activatedAt: now };
    await this.deps
      .onActivated?.(activated, meta)
      .catch((error: unknown) =>
        this.deps.logger?.error({ err: error, tenantId: tenant.id, accountId: account.id }, 'after-activation step failed'),
      );
    return activated;
  }

  /** Words the password must not be built from; Nextcloud being down only loses the names. */
  async passwordContext(tenant: Tenant, account: Account): Promise<string[]> {
    const name = await personNameOf(this.deps.nextcloud.for(tenant.id), account).catch(() => null);
    return contextWords({ email: account.email, names: [name], tenantName: tenant.portal.displayName });
  }
}
