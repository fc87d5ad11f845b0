import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../nextcloud/simulator/index.js';
import { DEMO_CUSTOMER_PASSWORD, signInCustomer } from '../../test/customers.js';
import { startTestGateway, type TestGateway } from '../../test/gateway.js';
import { isAddressedTo, linkIn, startSmtpCatcher, type CaughtMail, type SmtpCatcher } from '../../test/smtp.js';
import { signInStaff } from '../../test/staff.js';

const SAVE = `mutation ($tenantId: ID!, $input: TenantConfigInput!) {
  saveTenantConfig(tenantId: $tenantId, input: $input) { tenantId displayName enabledFeatures }
}`;
const INVITE = `mutation ($tenantId: ID!, $input: InvitePortalAccountInput!) {
  invitePortalAccount(tenantId: $tenantId, input: $input) { id }
}`;
const RESET = `mutation ($email: String!) { requestPasswordReset(email: $email) }`;
const DISPLAY_NAME = 'Gemeente Súdwest-Fryslân';
const SENDER = 'portaal@gateway.example';

/**
 * The mails a customer receives, end to end: the real gateway, the simulator's demo data and a
 * real SMTP peer. They come from the tenant's display name, greet the person by the name
 * Nextcloud has for them, promise only the portal parts the tenant enabled, and call closing the
 * account what the portal calls it.
 */
describe('account mails as they arrive', () => {
  let catcher: SmtpCatcher;
  let gw: TestGateway;
  const mailTo = (address: string, subject: RegExp) =>
    catcher.waitFor((m: CaughtMail) => isAddressedTo(m, address) && subject.test(m.subject));

  beforeAll(async () => {
    catcher = await startSmtpCatcher();
    gw = await startTestGateway({ SMTP_URL: catcher.url, MAIL_FROM: SENDER });
    const admin = await signInStaff(gw, 'admin', 'demo');
    const { body } = await gw.graphql(
      SAVE,
      // Contracts and orders switched off: the invitation must not mention them.
      {
        tenantId: 'demo',
        input: { displayName: DISPLAY_NAME, enabledFeatures: ['INVOICES', 'REQUESTS', 'DOCUMENTS', 'PROFILE'] },
      },
      admin.headers,
    );
    expect(body.errors).toBeUndefined();
  });
  afterAll(async () => {
    await gw?.close();
    await catcher?.close();
  });

  it('invites from the tenant’s display name, greets by name and lists only the enabled features', async () => {
    const admin = await signInStaff(gw, 'admin', 'demo');
    const sophie = DEMO.demo.noAccount.sophieVisser;
    const { body } = await gw.graphql(
      INVITE,
      {
        tenantId: 'demo',
        input: { email: 'sophie@example.nl', type: 'B2C', clientId: sophie.clientId, contactId: sophie.contactId },
      },
      admin.headers,
    );
    expect(body.errors).toBeUndefined();
    const mail = await mailTo('sophie@example.nl', /^Activeer uw account/);
    expect(mail.from).toBe(`${DISPLAY_NAME} <${SENDER}>`);
    expect(mail.text).toContain('\nBeste Sophie Visser,\n');
    expect(mail.text).toContain('Daar ziet u uw facturen, verzoeken, documenten en gegevens.');
    expect(`${mail.text}\n${mail.html}`).not.toMatch(/contracten|bestellingen/);
    expect(linkIn(mail, '/portal/activate')).toMatch(/token=/);
  });

  it('greets an existing customer by the name Nextcloud holds, also in mails the caller did not name', async () => {
    const { body } = await gw.graphql(
      RESET,
      { email: 'jan.jansen@example.nl' },
      { 'x-portal-tenant': 'demo', 'x-forwarded-for': '10.77.0.1' },
    );
    expect(body.data?.requestPasswordReset).toBe(true);
    const mail = await mailTo('jan.jansen@example.nl', /^Wachtwoord herstellen/);
    expect(mail.from).toBe(`${DISPLAY_NAME} <${SENDER}>`);
    expect(mail.text).toContain('\nBeste Jan Jansen,\n');
  });

  it('greets neutrally when no account holds the address', async () => {
    // Asking for a reset of an unknown address sends nothing; the mail to a new address (email
    // change) is the case the portal knows no name for.
    const jan = await signInCustomer(gw, 'jan');
    const { body } = await gw.graphql(
      'mutation ($input: ProfileInput!) { updateProfile(input: $input) { pendingEmail } }',
      { input: { email: 'jan.nieuw@example.nl', password: DEMO_CUSTOMER_PASSWORD } },
      jan.headers,
    );
    expect(body.errors).toBeUndefined();
    const mail = await mailTo('jan.nieuw@example.nl', /^Bevestig uw nieuwe e-mailadres/);
    expect(mail.text).toContain('\nBeste klant,\n');
  });

  it('calls closing the account "sluiten", as the portal does, in the request and the confirmation', async () => {
    const jan = await signInCustomer(gw, 'jan');
    const { body } = await gw.graphql('mutation { requestAccountClosure }', {}, jan.headers);
    expect(body.errors).toBeUndefined();
    const request = await mailTo('jan.jansen@example.nl', /sluiten/);
    expect(request.subject).toBe('Bevestig het sluiten van uw account');
    expect(request.text).toContain('\nAccount sluiten\n');
    expect(request.text).toContain('\nBeste Jan Jansen,\n');
    const token = new URL(linkIn(request, '/portal/confirm-closure')).searchParams.get('token');
    const confirmed = await gw.graphql(
      'mutation ($t: String!) { confirmAccountClosure(token: $t) }',
      { t: token },
      { 'x-portal-tenant': 'demo' },
    );
    expect(confirmed.body.errors).toBeUndefined();
    const closed = await mailTo('jan.jansen@example.nl', /gesloten/);
    expect(closed.subject).toBe('Uw account is gesloten');
    expect(closed.text).toContain(`Uw account op het klantportaal van ${DISPLAY_NAME} is gesloten.`);
    for (const mail of [request, closed]) expect(`${mail.subject}\n${mail.text}`).not.toMatch(/opheff|opgeheven/i);
  });
});
