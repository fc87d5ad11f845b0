import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createMetrics } from '../../core/metrics.js';
import { captureLogs } from '../../nextcloud/connector.test-support.js';
import type { NextcloudConnector } from '../../nextcloud/connector.js';
import { DEMO } from '../../nextcloud/simulator/demo-data.js';
import { useTestDatabase } from '../../test/db.js';
import { AccountMail } from '../accounts/account-mail.js';
import { useAccountTestKit } from '../accounts/account.test-support.js';
import type { Account } from '../accounts/account.types.js';
import type { OutgoingMail } from '../mail/mailer.js';
import { NextcloudConnectors } from '../tenants/nextcloud-connectors.js';
import type { Tenant } from '../tenants/tenant-directory.js';
import { delegationNotifier } from './delegation-mail.js';
import type { DelegationDocument } from './delegation.model.js';

/**
 * The grantee's mail about a new grant, rendered for real and read from the simulator's client
 * record; only the mail transport is a recorder. The grant itself never depends on this mail.
 */
const db = useTestDatabase();
const kit = useAccountTestKit(db);
const COMPANY = DEMO.demo.bakkerij;

let connectors: NextcloudConnectors;
beforeAll(() => {
  connectors = new NextcloudConnectors(kit().tenants, { metrics: createMetrics({ defaultMetrics: false }) });
});

function grantTo(email: string, clientId: string = COMPANY.clientId, validUntil: Date | null = null): DelegationDocument {
  return {
    _id: randomUUID(),
    tenantId: 'demo',
    grantorAccountId: randomUUID(),
    grantorClientId: clientId,
    granteeEmail: email,
    granteeAccountId: null,
    scopes: ['VIEW_CONTRACTS', 'SUBMIT_REQUESTS'],
    validFrom: new Date('2026-03-01T09:00:00.000Z'),
    validUntil,
    createdAt: new Date('2026-03-01T09:00:00.000Z'),
    activatedAt: null,
    revokedAt: null,
    revokedBy: null,
  };
}

const grantee = (status: Account['status'], locale: Account['locale'] = 'en') => ({ status, locale }) as Account;

/** A notifier whose mails land in the returned list; `nextcloud` replaces the tenant's connector. */
function notifier(nextcloud?: Pick<NextcloudConnector, 'getObjectsByIds'>, withLogger = true) {
  const sent: OutgoingMail[] = [];
  const logs = captureLogs();
  const mail = new AccountMail({
    async send(outgoing) {
      sent.push(outgoing);
      return { messageId: randomUUID() };
    },
  });
  const notify = delegationNotifier({
    mail,
    nextcloud: nextcloud ? { for: () => nextcloud as NextcloudConnector } : connectors,
    logger: withLogger ? logs.logger : undefined,
  });
  return { notify, sent, logs };
}

describe('the delegation-granted mail', () => {
  it('names the company as Pipelinq holds it, in the grantee’s language, with the scopes, dates and a portal link', async () => {
    const { notify, sent, logs } = notifier();
    const tenant: Tenant = kit().tenant();
    await notify(
      tenant,
      grantTo('boekhouder@example.nl', COMPANY.clientId, new Date('2026-06-30T17:00:00.000Z')),
      grantee('ACTIVE'),
      {
        publicUrl: 'https://portal.example//',
      },
    );
    expect(sent).toHaveLength(1);
    const [mail] = sent;
    expect(mail).toMatchObject({ to: 'boekhouder@example.nl', template: 'delegation-granted' });
    expect(mail!.subject).toBe('Bakkerij Bakker B.V. gave you access on the customer portal');
    expect(mail!.text).toContain('view contracts, submit and reply to requests');
    expect(mail!.text).toMatch(/applies from .*2026.* until .*2026/);
    expect(mail!.text).toContain('choose at the top of the page on whose behalf you work');
    expect(mail!.text).toContain('https://portal.example/portal/');
    expect(mail!.text).not.toContain('example//portal');
    expect(logs.text()).toBe('');
  });

  it('tells someone without an ACTIVE account that the access starts once they have one, in the tenant’s language', async () => {
    const tenant: Tenant = kit().tenant({ language: 'nl' });
    for (const who of [null, grantee('INVITED', 'en')]) {
      const { notify, sent } = notifier();
      await notify(tenant, grantTo('nieuw@example.nl'), who, { publicUrl: 'https://portal.example' });
      const mail = sent[0]!;
      if (who) expect(mail.subject).toBe('Bakkerij Bakker B.V. gave you access on the customer portal');
      else expect(mail.subject).toBe('Bakkerij Bakker B.V. geeft u toegang in het klantportaal');
      expect(mail.text).toMatch(/do not have an account on this portal yet|U heeft nog geen account op dit portaal/);
      expect(mail.text).not.toContain('/portal/');
    }
  });

  it('falls back to the portal’s name when Nextcloud cannot be read or does not know the company, and says so in the log', async () => {
    const tenant: Tenant = kit().tenant({ displayName: 'Klantportaal Demo' });
    const down = notifier({
      getObjectsByIds: () => Promise.reject(new Error('Nextcloud unreachable')),
    });
    await down.notify(tenant, grantTo('a@example.nl'), grantee('ACTIVE'), { publicUrl: 'https://portal.example' });
    expect(down.sent[0]!.subject).toBe('Klantportaal Demo gave you access on the customer portal');
    expect(down.logs.lines()).toEqual([
      expect.objectContaining({ tenantId: 'demo', msg: 'delegation mail: company name not read' }),
    ]);

    // Without a logger the fallback still holds: the grant never fails over its mail.
    const unlogged = notifier({ getObjectsByIds: () => Promise.reject(new Error('Nextcloud unreachable')) }, false);
    await unlogged.notify(tenant, grantTo('c@example.nl'), null, { publicUrl: 'https://portal.example' });
    expect(unlogged.sent[0]!.subject).toContain('Klantportaal Demo');

    const unknown = notifier();
    await unknown.notify(tenant, grantTo('b@example.nl', 'no-such-client'), grantee('ACTIVE'), {
      publicUrl: 'https://portal.example',
    });
    expect(unknown.sent[0]!.subject).toBe('Klantportaal Demo gave you access on the customer portal');
  });
});
