import { randomInt } from 'node:crypto';
import { mongo } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../nextcloud/simulator/demo-data.js';
import { DEMO_CUSTOMER_PASSWORD, signInCustomer } from '../../test/customers.js';
import { archiveCollections, archivesInStore } from '../../test/export-archives.js';
import { startTestGateway, type GraphQLBody, type TestGateway } from '../../test/gateway.js';
import { isAddressedTo, linkIn, startSmtpCatcher, type SmtpCatcher } from '../../test/smtp.js';

/**
 * What closure leaves behind (issue 14 items 6 and 8): the mailed export link stops working the
 * moment the account is closed and the closure mail says so; the account keeps no credential and
 * no readable address, so the closed address signs in as any unknown address would.
 */
let catcher: SmtpCatcher;
let gateway: TestGateway;
beforeAll(async () => {
  catcher = await startSmtpCatcher();
  gateway = await startTestGateway({ SMTP_URL: catcher.url }, { jobs: { processEvery: 150 } });
});
afterAll(async () => {
  await gateway?.close();
  await catcher?.close();
});

const JAN = DEMO.demo.janJansen;
const SIGN_IN = 'mutation ($input: SignInInput!) { signIn(input: $input) { status } }';
const codeOf = (body: GraphQLBody) => body.errors?.[0]?.extensions?.code;
const onGateway = (link: string) => `${gateway.url}${new URL(link).pathname}`;

describe('closing an account with a mailed export link', () => {
  let downloadUrl = '';
  let accountId = '';
  let archiveId: mongo.ObjectId | null = null;

  it('the link works while the account is open', async () => {
    const jan = await signInCustomer(gateway, 'jan');
    accountId = (await gateway.services.accounts.repository.findByEmail('demo', JAN.email))!.id;
    const asked = await gateway.graphql('mutation { requestDataExport { id } }', {}, jan.headers);
    expect(asked.body.errors).toBeUndefined();
    const mail = await catcher.waitFor((m) => isAddressedTo(m, JAN.email) && /export/i.test(m.subject), 30_000);
    downloadUrl = onGateway(linkIn(mail, '/portal/downloads/'));
    const response = await fetch(downloadUrl);
    expect(response.status).toBe(200);
    await response.arrayBuffer();
    const exportId = (asked.body.data!.requestDataExport as { id: string }).id;
    const stored = await gateway.connection.db!.collection('dataExports').findOne({ _id: exportId as never });
    archiveId = new mongo.ObjectId(stored!.file.archiveId as string);
    const { chunks } = await archiveCollections(gateway.connection, archiveId);
    expect(await chunks.countDocuments({ files_id: archiveId })).toBeGreaterThan(0);
  });

  it('closure revokes it (410, file gone) and the closure mail says so', async () => {
    const jan = await signInCustomer(gateway, 'jan');
    await gateway.graphql('mutation { requestAccountClosure }', {}, jan.headers);
    const ask = await catcher.waitFor((m) => isAddressedTo(m, JAN.email) && m.subject.includes('Bevestig'));
    const token = new URL(linkIn(ask, '/portal/confirm-closure')).searchParams.get('token')!;
    // An email change still waiting: its new address is personal data the closed account no longer needs.
    await gateway.connection.db!.collection('pendingEmailChanges').insertOne({
      _id: accountId as never,
      tenantId: 'demo',
      email: 'jan.nieuw@example.nl',
      requestedAt: new Date(),
      expiresAt: new Date(Date.now() + 30 * 60_000),
    });
    const confirmed = await gateway.graphql(
      'mutation ($token: String!) { confirmAccountClosure(token: $token) }',
      { token },
      { 'x-portal-tenant': 'demo' },
    );
    expect(confirmed.body).toEqual({ data: { confirmAccountClosure: true } });

    const response = await fetch(downloadUrl);
    expect(response.status).toBe(410);
    const body = (await response.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
    expect(body.errors[0]!.extensions.code).toBe('LINK_EXPIRED');
    expect(body.errors[0]!.message).toMatch(/closed/i);

    const stored = await gateway.connection.db!.collection('dataExports').find({ accountId }).toArray();
    expect(stored.length).toBeGreaterThan(0);
    for (const doc of stored) {
      expect(doc).toMatchObject({ status: 'EXPIRED', file: null, lastError: 'REVOKED_AT_CLOSURE' });
    }
    // Its archive is gone with its chunks, and no other archive of this gateway's database is left.
    expect(await archivesInStore(gateway.connection)).toEqual({ archives: 0, leftovers: 0 });
    const { chunks } = await archiveCollections(gateway.connection, archiveId!);
    expect(await chunks.countDocuments({ files_id: archiveId })).toBe(0);
    const closed = await catcher.waitFor((m) => isAddressedTo(m, JAN.email) && m.subject.includes('gesloten'));
    expect(closed.text).toMatch(/export/i);
  });

  it('the closed account holds no credential and no readable address', async () => {
    const stored = await gateway.connection.db!.collection('accounts').findOne({ _id: accountId as never });
    expect(stored).toMatchObject({ status: 'CLOSED', passwordHash: null, clientId: JAN.clientId });
    expect(stored!.emailHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(JAN.email);
    expect(await gateway.connection.db!.collection('pendingEmailChanges').countDocuments({ _id: accountId as never })).toBe(0);
  });

  it('the closed address signs in like an unknown one (no hash is left to check a password against)', async () => {
    const headers = { 'x-portal-tenant': 'demo', 'x-forwarded-for': `10.8.${randomInt(256)}.${randomInt(1, 255)}` };
    const right = await gateway.graphql(SIGN_IN, { input: { email: JAN.email, password: DEMO_CUSTOMER_PASSWORD } }, headers);
    expect(codeOf(right.body)).toBe('INVALID_CREDENTIALS');
  });
});
