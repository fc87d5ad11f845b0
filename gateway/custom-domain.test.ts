import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_IMAGES, dataUrl } from '../domain/tenants/config/test-images.js';
import { startTestGateway, type TestGateway } from '../test/gateway.js';
import { linkIn, startSmtpCatcher, type SmtpCatcher } from '../test/smtp.js';
import { signInStaff } from '../test/staff.js';

const SAVE = `mutation ($tenantId: ID!, $input: TenantConfigInput!) {
  saveTenantConfig(tenantId: $tenantId, input: $input) { tenantId mailSenderName mailSenderAddress }
}`;
const RESET = `mutation ($email: String!) { requestPasswordReset(email: $email) }`;

/** fetch() may not set Host, and a custom domain is exactly a Host header. */
function viaHost(gateway: TestGateway, host: string, path: string, body?: unknown): Promise<{ status: number; text: string }> {
  const url = new URL(path, gateway.url);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method: payload ? 'POST' : 'GET',
        headers: { host, 'content-type': 'application/json' },
      },
      (res) => {
        let text = '';
        res.setEncoding('latin1');
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/**
 * A tenant on its own domain: asset URLs must be on the host the page came from (the page's CSP
 * allows images from 'self' only), mail links lead to the tenant's domain, and mails leave under
 * the tenant's sender with a Message-ID on the sender's domain.
 */
describe('a tenant on its own domain', () => {
  let catcher: SmtpCatcher;
  let gw: TestGateway;
  let port: string;
  beforeAll(async () => {
    catcher = await startSmtpCatcher();
    gw = await startTestGateway({ SMTP_URL: catcher.url, MAIL_FROM: 'portaal@gateway.example' });
    port = new URL(gw.config.publicUrl).port;
    const admin = await signInStaff(gw, 'admin', 'demo');
    const { body } = await gw.graphql(
      SAVE,
      {
        tenantId: 'demo',
        input: {
          customDomain: 'klant.bakker.example',
          logo: dataUrl('image/png', TEST_IMAGES.png),
          mailSenderName: 'Bakkerij Bakker',
          mailSenderAddress: 'Portaal@Bakker.example',
        },
      },
      admin.headers,
    );
    expect(body.errors).toBeUndefined();
    expect(body.data?.saveTenantConfig).toMatchObject({
      mailSenderName: 'Bakkerij Bakker',
      mailSenderAddress: 'portaal@bakker.example',
    });
  });
  afterAll(async () => {
    await gw?.close();
    await catcher?.close();
  });

  const logoUrlVia = async (host: string) =>
    (
      JSON.parse((await viaHost(gw, host, '/graphql', { query: '{ portal { logoUrl } }' })).text) as {
        data: { portal: { logoUrl: string } };
      }
    ).data.portal.logoUrl;

  it('serves the logo from the host the page is on, and the logo loads there', async () => {
    const onOwnDomain = await logoUrlVia(`klant.bakker.example:${port}`);
    expect(onOwnDomain).toMatch(new RegExp(`^http://klant\\.bakker\\.example:${port}/portal/assets/demo/logo/[0-9a-f]{64}$`));
    const logo = await viaHost(gw, `klant.bakker.example:${port}`, new URL(onOwnDomain).pathname);
    expect(logo.status).toBe(200);
    expect(Buffer.from(logo.text, 'latin1')).toEqual(TEST_IMAGES.png);
    // On the gateway's own address (the admin panel, ?tenant=) it stays on PUBLIC_URL.
    expect(await logoUrlVia(new URL(gw.config.publicUrl).host)).toMatch(
      new RegExp(`^${gw.config.publicUrl}/portal/assets/demo/logo/`),
    );
  });

  it('never puts a host that is not the tenant’s into a URL', async () => {
    expect(await logoUrlVia(`evil.example:${port}`)).toMatch(new RegExp(`^${gw.config.publicUrl}/`));
  });

  it('mails links on the tenant’s domain, from the tenant’s sender, with a Message-ID on its domain', async () => {
    // Asked on PUBLIC_URL; the link still leads to the tenant's own domain.
    const { body } = await gw.graphql(RESET, { email: 'jan.jansen@example.nl' }, { 'x-forwarded-for': '10.9.8.7' });
    expect(body.data?.requestPasswordReset).toBe(true);
    const mail = await catcher.waitFor((m) => m.to === 'jan.jansen@example.nl');
    expect(mail.from).toBe('Bakkerij Bakker <portaal@bakker.example>');
    expect(mail.headers['message-id']).toMatch(/^<[0-9a-f-]{36}@bakker\.example>$/);
    expect(linkIn(mail, '/portal/reset-password')).toMatch(
      new RegExp(`^http://klant\\.bakker\\.example:${port}/portal/reset-password\\?token=`),
    );
  });

  it('falls back to the display name and MAIL_FROM for a tenant without a sender of its own', async () => {
    const { body } = await gw.graphql(
      RESET,
      { email: 'piet@example.org' },
      { 'x-portal-tenant': 'other', 'x-forwarded-for': '10.9.8.6' },
    );
    expect(body.data?.requestPasswordReset).toBe(true);
    const mail = await catcher.waitFor((m) => m.to === 'piet@example.org');
    expect(mail.from).toBe('Klantportaal <portaal@gateway.example>');
    expect(mail.headers['message-id']).toMatch(/@gateway\.example>$/);
    expect(linkIn(mail, '/portal/reset-password')).toMatch(new RegExp(`^${gw.config.publicUrl}/portal/reset-password\\?token=`));
  });

  it('refuses a sender address that is not an address', async () => {
    const admin = await signInStaff(gw, 'admin', 'other');
    const { body } = await gw.graphql(
      SAVE,
      { tenantId: 'other', input: { mailSenderAddress: 'Portaal <x@y.example>' } },
      admin.headers,
    );
    expect(body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      problems: [{ field: 'mailSenderAddress', message: expect.stringContaining('is not a valid email address') }],
    });
  });
});
