import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEATURES } from '../../domain/tenants/portal-settings.js';
import { DEMO } from '../../nextcloud/simulator/demo-data.js';
import { signInCustomer } from '../../test/customers.js';
import { startTestGateway, type GraphQLBody, type TestGateway } from '../../test/gateway.js';
import { isAddressedTo, linkIn, startSmtpCatcher, type SmtpCatcher } from '../../test/smtp.js';

/**
 * Issue 14 item 1: the GDPR rights (export, closure) and the sign-in security (MFA, partner
 * tokens) are no feature. With PROFILE switched off the profile itself is gone, but every one of
 * them still answers, over real HTTP against the simulator.
 */
let catcher: SmtpCatcher;
let gateway: TestGateway;
beforeAll(async () => {
  catcher = await startSmtpCatcher();
  gateway = await startTestGateway({ SMTP_URL: catcher.url }, { jobs: { processEvery: 150 } });
  const tenant = gateway.services.tenants.get('demo')!;
  await gateway.services.tenants.savePortal(
    'demo',
    { ...tenant.portal, enabledFeatures: FEATURES.filter((feature) => feature !== 'PROFILE') },
    'staff:test',
    new Date(),
  );
});
afterAll(async () => {
  await gateway?.close();
  await catcher?.close();
});

const JAN = DEMO.demo.janJansen;
const codeOf = (body: GraphQLBody) => body.errors?.[0]?.extensions?.code;

describe('PROFILE switched off', () => {
  it('hides the profile itself', async () => {
    const jan = await signInCustomer(gateway, 'jan');
    const { body } = await gateway.graphql('{ profile { email } }', {}, jan.headers);
    expect(codeOf(body)).toBe('FEATURE_DISABLED');
  });

  it('still tells the Security page whether two-step verification is on, and lets it be switched on', async () => {
    const jan = await signInCustomer(gateway, 'jan');
    const viewer = await gateway.graphql('{ viewer { ... on CustomerViewer { account { mfaEnabled type } } } }', {}, jan.headers);
    expect(viewer.body).toEqual({ data: { viewer: { account: { mfaEnabled: false, type: 'B2C' } } } });
    const begun = await gateway.graphql('mutation { beginMfaEnrollment { otpauthUri } }', {}, jan.headers);
    expect(begun.body.errors).toBeUndefined();
    expect((begun.body.data!.beginMfaEnrollment as { otpauthUri: string }).otpauthUri).toMatch(/^otpauth:\/\/totp\//);
  });

  it('still lists a business account its partner API tokens', async () => {
    const bakkerij = await signInCustomer(gateway, 'bakkerij');
    const { body } = await gateway.graphql('{ apiTokens { id } }', {}, bakkerij.headers);
    expect(body).toEqual({ data: { apiTokens: [] } });
  });

  it('still takes a data export request and lists it', async () => {
    const jan = await signInCustomer(gateway, 'jan');
    const asked = await gateway.graphql('mutation { requestDataExport { id status } }', {}, jan.headers);
    expect(asked.body.errors).toBeUndefined();
    const { id } = asked.body.data!.requestDataExport as { id: string };
    const listed = await gateway.graphql('{ dataExports { id } }', {}, jan.headers);
    expect(listed.body.data!.dataExports).toEqual([{ id }]);
    await catcher.waitFor((m) => isAddressedTo(m, JAN.email) && /export/i.test(m.subject), 30_000);
  });

  it('still closes the account through the mailed confirmation', async () => {
    const jan = await signInCustomer(gateway, 'jan');
    const asked = await gateway.graphql('mutation { requestAccountClosure }', {}, jan.headers);
    expect(asked.body).toEqual({ data: { requestAccountClosure: true } });
    const mail = await catcher.waitFor((m) => isAddressedTo(m, JAN.email) && m.subject.includes('Bevestig'));
    const token = new URL(linkIn(mail, '/portal/confirm-closure')).searchParams.get('token')!;
    const confirmed = await gateway.graphql(
      'mutation ($token: String!) { confirmAccountClosure(token: $token) }',
      { token },
      { 'x-portal-tenant': 'demo' },
    );
    expect(confirmed.body).toEqual({ data: { confirmAccountClosure: true } });
    expect((await gateway.graphql('{ dataExports { id } }', {}, jan.headers)).body.errors?.[0]?.extensions?.code).toBe(
      'UNAUTHENTICATED',
    );
  });
});
