import { describe, expect, it } from 'vitest';
import type { Logger } from '../../core/logger.js';
import type { OutgoingMail } from '../mail/mailer.js';
import type { NextcloudConnectors } from '../tenants/nextcloud-connectors.js';
import { defaultPortalSettings, type PortalSettings } from '../tenants/portal-settings.js';
import type { Tenant } from '../tenants/tenant-directory.js';
import { AccountMail } from './account-mail.js';
import { accountRecord } from './account.test-support.js';
import type { Account } from './account.types.js';
import { recipientNameLookup } from './recipient-name.js';

/**
 * Account mails without the gateway around them (account-mails.test.ts in domain/mail sends them
 * end to end): who they come from, whom they greet, and that a lost notice never undoes anything.
 */
const tenantWith = (portal: Partial<PortalSettings> = {}) =>
  ({ id: 'demo', portal: { ...defaultPortalSettings(), displayName: 'Gemeente Demo', ...portal } }) as unknown as Tenant;

function recordingMailer(failing = false) {
  const sent: OutgoingMail[] = [];
  const send = async (mail: OutgoingMail) => {
    if (failing) throw new Error('smtp down');
    sent.push(mail);
    return { messageId: `m-${sent.length}` };
  };
  return { sent, send };
}

function recordingLogger() {
  const warnings: string[] = [];
  return { warnings, logger: { warn: (_fields: unknown, message: string) => warnings.push(message) } as unknown as Logger };
}

/** Nextcloud and the account store as the name lookup sees them: records by resource and id. */
function lookupWith(account: Account | null, records: Record<string, unknown>, failing = false) {
  const { logger, warnings } = recordingLogger();
  const lookup = recipientNameLookup({
    accounts: { findByEmail: async (_tenantId: string, email: string) => (account && account.email === email ? account : null) },
    nextcloud: {
      for: () => ({
        getObject: async (resource: string, id: string) => {
          if (failing) throw new Error('nextcloud unreachable');
          return records[`${resource}/${id}`] ?? null;
        },
      }),
    } as unknown as Pick<NextcloudConnectors, 'for'>,
    logger,
  });
  return { lookup, warnings };
}

const person = accountRecord({ tenantId: 'demo', type: 'B2C', status: 'ACTIVE', clientId: 'p1', email: 'jan@example.nl' });

describe('AccountMail', () => {
  it('comes from the tenant’s own sender when it has one, else from its portal name over the configured address', async () => {
    const mailer = recordingMailer();
    const mail = new AccountMail(mailer);
    await mail.send(
      tenantWith({ mailSenderName: 'Team Portaal', mailSenderAddress: 'portaal@gemeente.example' }),
      'jan@example.nl',
      'nl',
      'account-closed',
      {},
    );
    await mail.send(tenantWith(), 'jan@example.nl', 'en', 'account-closed', {});
    expect(
      mailer.sent.map(({ senderName, senderAddress, template, locale }) => ({ senderName, senderAddress, template, locale })),
    ).toEqual([
      { senderName: 'Team Portaal', senderAddress: 'portaal@gemeente.example', template: 'account-closed', locale: 'nl' },
      { senderName: 'Gemeente Demo', senderAddress: undefined, template: 'account-closed', locale: 'en' },
    ]);
  });

  it('greets by the caller’s name, else by what the lookup finds, else neutrally (also without a lookup)', async () => {
    const mailer = recordingMailer();
    const { lookup } = lookupWith(person, { 'client/p1': { id: 'p1', type: 'person', name: 'Jan Jansen' } });
    await new AccountMail(mailer, undefined, lookup).send(tenantWith(), 'jan@example.nl', 'nl', 'account-closed', {
      recipientName: 'Fatima',
    });
    await new AccountMail(mailer, undefined, lookup).send(tenantWith(), 'jan@example.nl', 'nl', 'account-closed', {});
    await new AccountMail(mailer).send(tenantWith(), 'jan@example.nl', 'nl', 'account-closed', {});
    expect(mailer.sent[0]!.text).toContain('Fatima');
    expect(mailer.sent[1]!.text).toContain('Jan Jansen');
    expect(mailer.sent[2]!.text).not.toContain('Jan Jansen');
    expect(mailer.sent[2]!.text).toContain('Beste klant');
  });

  it('a security notice that cannot be sent is logged, and the change it reports stands', async () => {
    const { logger, warnings } = recordingLogger();
    const mail = new AccountMail(recordingMailer(true), logger);
    await expect(mail.notify(tenantWith(), 'jan@example.nl', 'nl', 'account-closed', {})).resolves.toBeUndefined();
    expect(warnings).toEqual(['account notice mail not sent']);
    await expect(mail.send(tenantWith(), 'jan@example.nl', 'nl', 'account-closed', {})).rejects.toThrow('smtp down');
  });
});

describe('recipientNameLookup', () => {
  it('finds the name Nextcloud has for the account with the address, however the address is written', async () => {
    const { lookup } = lookupWith(person, { 'client/p1': { id: 'p1', type: 'person', name: 'Jan Jansen' } });
    expect(await lookup(tenantWith(), '  JAN@example.nl ')).toBe('Jan Jansen');
    expect(await lookup(tenantWith(), 'someone-else@example.nl')).toBeNull();
  });

  it('never greets by a pseudonym', async () => {
    const { lookup } = lookupWith(person, { 'client/p1': { id: 'p1', type: 'person', name: 'Gepseudonimiseerd 0123456789' } });
    expect(await lookup(tenantWith(), 'jan@example.nl')).toBeNull();
  });

  it('greets neutrally, with a warning in the log, when Nextcloud does not answer', async () => {
    const { lookup, warnings } = lookupWith(person, {}, true);
    expect(await lookup(tenantWith(), 'jan@example.nl')).toBeNull();
    expect(warnings).toEqual(['mail greeting: name lookup failed, greeting neutrally']);
  });
});
