import type { Connection, Model } from 'mongoose';
import { deriveKey } from '../../core/crypto.js';
import type { Logger } from '../../core/logger.js';
import { createSecretBox } from '../../core/secret-box.js';
import { ApiTokenService } from '../api-tokens/api-token.service.js';
import type { AuditWriter } from '../audit/index.js';
import { MfaService } from '../mfa/mfa.service.js';
import { RateLimiter, type RateLimitRule } from '../rate-limit/rate-limiter.js';
import { SessionService } from '../sessions/session.service.js';
import { SignInService } from '../sign-in/sign-in.service.js';
import { IdentityCheck } from '../sign-in/identity-check.js';
import { PasswordChangeService } from '../sign-in/password-change.service.js';
import type { NextcloudConnectors } from '../tenants/nextcloud-connectors.js';
import { AccountMail, type MailSender } from '../accounts/account-mail.js';
import { AccountRepository } from '../accounts/account.repository.js';
import { AccountService } from '../accounts/account.service.js';
import { emailFingerprintKey } from '../accounts/account-minimisation.js';
import { AccountTokens } from '../accounts/account-tokens.js';
import { InvitationService } from '../accounts/invitation.service.js';
import { PasswordHasher, type HashOptions } from '../accounts/password-hasher.js';
import { PasswordResetService } from '../accounts/password-reset.service.js';
import { recipientNameLookup } from '../accounts/recipient-name.js';
import { delegationNotifier } from '../delegation/delegation-mail.js';
import { DelegationService } from '../delegation/delegation.service.js';

export interface AccountServicesDeps {
  connection: Connection;
  /** PORTAL_SECRET_KEY: MFA secrets and recovery-code hashes use keys derived from it. */
  secretKey: string;
  nextcloud: Pick<NextcloudConnectors, 'for'>;
  audit: AuditWriter;
  mailer: MailSender;
  logger?: Logger;
  now?: () => Date;
  /** Tests may loosen the per-IP sign-in limit; production keeps the default. */
  signInIpLimit?: RateLimitRule;
  /** Tests may use cheaper argon2 settings; production keeps PASSWORD_HASH_OPTIONS. */
  hashOptions?: HashOptions;
}

/** Everything about customer accounts and their credentials, as it goes into `Services`. */
export interface AccountServices {
  accounts: AccountService;
  invitations: InvitationService;
  passwordReset: PasswordResetService;
  signIn: SignInService;
  /** Re-authentication before MFA changes, email changes and new API tokens. */
  identity: IdentityCheck;
  /** A signed-in customer's new password (current one required). */
  passwordChange: PasswordChangeService;
  sessions: SessionService;
  mfa: MfaService;
  apiTokens: ApiTokenService;
  rateLimiter: RateLimiter;
  accountTokens: AccountTokens;
  passwordHasher: PasswordHasher;
  /** Delegated access of B2B accounts (domain/delegation); sessions ask it for their company context. */
  delegations: DelegationService;
}

/**
 * Builds the account services on one connection and creates their collections and indexes (the
 * unique address index among them) before anything is served.
 */
export async function createAccountServices(deps: AccountServicesDeps): Promise<AccountServices> {
  const { connection, audit, logger, now } = deps;
  const repository = new AccountRepository(connection);
  const accountTokens = new AccountTokens(connection, now);
  const passwordHasher = new PasswordHasher(deps.hashOptions);
  const rateLimiter = new RateLimiter(connection, now);
  const mail = new AccountMail(
    deps.mailer,
    logger,
    recipientNameLookup({ accounts: repository, nextcloud: deps.nextcloud, logger }),
  );
  const delegations = new DelegationService({
    connection,
    accounts: repository,
    audit,
    notify: delegationNotifier({ mail, nextcloud: deps.nextcloud, logger }),
    logger,
    now,
  });
  const sessions = new SessionService(connection, repository, now, delegations);
  const apiTokens = new ApiTokenService(connection, repository, audit, now);
  const mfa = new MfaService({
    connection,
    accounts: repository,
    sessions,
    audit,
    secrets: createSecretBox(deps.secretKey, 'mfa'),
    recoveryCodeKey: deriveKey(deps.secretKey, 'mfa-recovery-codes'),
    mail,
    now,
  });
  const invitations = new InvitationService({
    accounts: repository,
    tokens: accountTokens,
    hasher: passwordHasher,
    nextcloud: deps.nextcloud,
    audit,
    mail,
    logger,
    now,
    onActivated: (account, meta) => delegations.bindPending(account, meta),
  });
  const passwordReset = new PasswordResetService({
    accounts: repository,
    tokens: accountTokens,
    hasher: passwordHasher,
    sessions,
    apiTokens,
    invitations,
    rateLimiter,
    audit,
    mail,
    logger,
    now,
  });
  const signIn = new SignInService({
    connection,
    accounts: repository,
    sessions,
    mfa,
    hasher: passwordHasher,
    rateLimiter,
    audit,
    logger,
    now,
    ipLimit: deps.signInIpLimit,
  });
  const identity = new IdentityCheck({ connection, accounts: repository, mfa, hasher: passwordHasher, audit, now });
  const passwordChange = new PasswordChangeService({
    accounts: repository,
    identity,
    hasher: passwordHasher,
    sessions,
    invitations,
    audit,
    mail,
    logger,
    now,
  });
  const accounts = new AccountService({
    accounts: repository,
    sessions,
    apiTokens,
    linkTokens: accountTokens,
    emailKey: emailFingerprintKey(deps.secretKey),
    nextcloud: deps.nextcloud,
    audit,
    logger,
  });

  await ensureIndexes(connection, [
    'Account',
    'AccountEmail',
    'AccountToken',
    'RateLimitHit',
    'Session',
    'ApiToken',
    'MfaClaim',
    'SignInAttempt',
    'Delegation',
  ]);
  await passwordHasher.warmUp();
  return {
    accounts,
    invitations,
    passwordReset,
    signIn,
    identity,
    passwordChange,
    sessions,
    mfa,
    apiTokens,
    rateLimiter,
    accountTokens,
    passwordHasher,
    delegations,
  };
}

async function ensureIndexes(connection: Connection, names: string[]): Promise<void> {
  for (const name of names) {
    const model = connection.models[name] as Model<unknown> | undefined;
    if (!model) continue;
    await model.init();
    await model.createIndexes();
  }
}

/**
 * Deletes every expired credential record (attempts, rate-limit hits, sessions, used links, MFA
 * claims, long-revoked tokens): FerretDB has no TTL indexes, so the nightly job calls this.
 */
export async function purgeExpired(
  services: Pick<AccountServices, 'signIn' | 'rateLimiter' | 'sessions' | 'accountTokens' | 'mfa' | 'apiTokens'>,
  now: Date = new Date(),
): Promise<Record<string, number>> {
  return {
    signInAttempts: await services.signIn.purgeExpired(now),
    rateLimitHits: await services.rateLimiter.purgeExpired(now),
    sessions: await services.sessions.purgeExpired(now),
    accountTokens: await services.accountTokens.purgeExpired(now),
    mfaClaims: await services.mfa.purgeExpired(now),
    apiTokens: await services.apiTokens.purgeExpired(now),
  };
}
