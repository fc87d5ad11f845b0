import type { Logger } from '../../core/logger.js';
import type { Mailer } from '../mail/mailer.js';
import { renderMail, type MailBranding, type MailTemplate, type TemplateVars } from '../mail/templates/index.js';
import type { Tenant } from '../tenants/tenant-directory.js';
import type { RecipientNameLookup } from './recipient-name.js';

/** What account mails need of the mailer (tests may pass a recorder). */
export type MailSender = Pick<Mailer, 'send'>;

/**
 * Renders an account mail in the account's language with the tenant's branding, and sends it.
 * The greeting names the recipient: the caller's `recipientName` when it has one, else what
 * `recipientNames` finds for the address; without either the mail greets neutrally.
 */
export class AccountMail {
  constructor(
    private readonly mailer: MailSender,
    private readonly logger?: Logger,
    private readonly recipientNames?: RecipientNameLookup,
  ) {}

  async send<T extends MailTemplate>(
    tenant: Tenant,
    to: string,
    locale: string,
    template: T,
    vars: TemplateVars[T],
  ): Promise<void> {
    const branding: MailBranding = {
      tenantName: tenant.portal.displayName,
      brandColor: tenant.portal.primaryColor,
      supportEmail: tenant.portal.supportEmail,
      features: tenant.portal.enabledFeatures,
    };
    const recipient = { recipientName: vars.recipientName ?? (await this.recipientNames?.(tenant, to)) ?? null };
    const mail = renderMail(template, locale, { ...vars, ...recipient, ...branding });
    await this.mailer.send({
      to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      template,
      locale: mail.locale,
      // The tenant's own sender (admin settings); the name defaults to the portal's display name.
      senderName: tenant.portal.mailSenderName ?? tenant.portal.displayName,
      senderAddress: tenant.portal.mailSenderAddress ?? undefined,
    });
  }

  /** A security notice whose loss must not undo the change it reports; failures are logged. */
  async notify<T extends MailTemplate>(
    tenant: Tenant,
    to: string,
    locale: string,
    template: T,
    vars: TemplateVars[T],
  ): Promise<void> {
    await this.send(tenant, to, locale, template, vars).catch((error: unknown) =>
      this.logger?.warn({ err: error, tenantId: tenant.id, template }, 'account notice mail not sent'),
    );
  }
}
