import type { Connection } from 'mongoose';
import type { Logger } from '../../core/logger.js';
import { AccountMail, type MailSender } from '../accounts/account-mail.js';
import { recipientNameLookup } from '../accounts/recipient-name.js';
import type { AccountRepository } from '../accounts/account.repository.js';
import type { AccountTokens } from '../accounts/account-tokens.js';
import type { AuditWriter } from '../audit/index.js';
import type { RateLimiter } from '../rate-limit/rate-limiter.js';
import type { IdentityCheck } from '../sign-in/identity-check.js';
import type { NextcloudConnectors } from '../tenants/nextcloud-connectors.js';
import { EmailChangeService } from './email-change.service.js';
import { pendingEmailModel } from './pending-email.model.js';
import { PersonWriter } from './person-records.js';
import { ProfileService } from './profile.service.js';

export interface ProfileServiceOptions {
  connection: Connection;
  /** The account store and link tokens of domain/accounts (createAccountServices builds them). */
  accounts: AccountRepository;
  tokens: AccountTokens;
  rateLimiter: Pick<RateLimiter, 'enforce'>;
  /** Re-authentication before an email change (createAccountServices builds it). */
  identity: Pick<IdentityCheck, 'verify'>;
  nextcloud: Pick<NextcloudConnectors, 'for'>;
  audit: AuditWriter;
  mailer: MailSender;
  logger?: Logger;
  now?: () => Date;
}

/** Builds the profile service (with its email-change flow) and creates its collection. */
export async function createProfileService(options: ProfileServiceOptions): Promise<ProfileService> {
  const { connection, accounts, audit, logger } = options;
  const pending = pendingEmailModel(connection);
  await pending.init();
  await pending.createIndexes();
  const person = new PersonWriter(options.nextcloud, logger);
  const emailChange = new EmailChangeService({
    accounts,
    tokens: options.tokens,
    pending,
    rateLimiter: options.rateLimiter,
    person,
    audit,
    mail: new AccountMail(options.mailer, logger, recipientNameLookup({ accounts, nextcloud: options.nextcloud, logger })),
    logger,
    now: options.now ?? (() => new Date()),
  });
  return new ProfileService({ accounts, person, emailChange, identity: options.identity, audit, logger });
}
