import { describe, expect, it } from 'vitest';
import { FEATURES } from '../../domain/tenants/portal-settings.js';
import { DEMO } from '../../nextcloud/simulator/demo-data.js';
import { useTestGateway } from '../../test/gateway.js';
import {
  PROFILE_QUERY,
  UPDATE_PROFILE,
  codeOf,
  createAccount,
  post,
  sessionOf,
  simulatorRecord,
} from './profile.test-support.js';

/**
 * The profile over real HTTP: a whole gateway in demo mode (own database and simulator), the demo
 * customers signed in through the signIn mutation. Reads come first: later tests change the
 * demo customers' Nextcloud records.
 */
const gw = useTestGateway();
const demo = DEMO.demo;
const objectsPath = (schemaId: number) => `/index.php/apps/openregister/api/objects/${demo.registerId}/${schemaId}`;

describe('reading the profile', () => {
  it('B2C (Jan Jansen): account fields, and the person (name, phone, address) from his person client', async () => {
    const jan = await sessionOf(gw(), demo.janJansen.email);
    const instance = gw().simulator.instance('demo');
    // The connector's one-time checks (credentials, ids, data access) happen on first use.
    await post(gw(), '{ profile { displayName } }', {}, jan);
    instance.clearCalls();
    const { body } = await post(gw(), PROFILE_QUERY, {}, jan);
    expect(body.errors).toBeUndefined();
    expect(body.data?.profile).toMatchObject({
      email: demo.janJansen.email,
      pendingEmail: null,
      type: 'B2C',
      locale: 'NL',
      mfaEnabled: false,
      displayName: 'Jan Jansen',
      phone: '+31 6 12345678',
      address: 'Lindenlaan 14, 3521 AB Utrecht',
      jobTitle: null,
      organisation: null,
    });
    expect((body.data?.profile as { lastSignInAt: string }).lastSignInAt).toBeTruthy();
    // Contact and client in one call each.
    const calls = instance.calls().filter((c) => c.path.includes('/api/objects/'));
    expect(calls.filter((c) => c.path.startsWith(objectsPath(demo.schemaIds.contact))).length).toBe(1);
    expect(calls.filter((c) => c.path.startsWith(objectsPath(demo.schemaIds.client))).length).toBe(1);
    expect(calls).toHaveLength(2);
  });

  it('B2B (Bakkerij Bakker): the contact with its job title, and the organisation', async () => {
    const bakkerij = await sessionOf(gw(), demo.bakkerij.email);
    const { body } = await post(gw(), PROFILE_QUERY, {}, bakkerij);
    expect(body.errors).toBeUndefined();
    expect(body.data?.profile).toMatchObject({
      email: demo.bakkerij.email,
      type: 'B2B',
      displayName: 'Sanne de Groot',
      phone: '+31 30 2345679',
      jobTitle: 'Inkoper',
      organisation: {
        id: demo.bakkerij.clientId,
        name: 'Bakkerij Bakker B.V.',
        email: 'info@bakkerij-bakker.example',
        phone: '+31 30 2345678',
        address: 'Voorstraat 88, 3512 AT Utrecht',
        website: 'https://bakkerij-bakker.example',
      },
    });
  });

  it('account fields only: no Nextcloud call at all', async () => {
    const jan = await sessionOf(gw(), demo.janJansen.email);
    const instance = gw().simulator.instance('demo');
    instance.clearCalls();
    const { body } = await post(gw(), '{ profile { email locale type } }', {}, jan);
    expect(body.data?.profile).toEqual({ email: demo.janJansen.email, locale: 'NL', type: 'B2C' });
    expect(instance.calls()).toEqual([]);
  });

  it('nobody signed in: UNAUTHENTICATED; a partner token has no profile', async () => {
    expect(codeOf((await post(gw(), PROFILE_QUERY)).body)).toBe('UNAUTHENTICATED');
    const bakkerij = await sessionOf(gw(), demo.bakkerij.email);
    const created = await post(
      gw(),
      'mutation { createApiToken(input: { name: "erp", scopes: [READ_INVOICES], password: "Portaal-Demo-2026!" }) { secret } }',
      {},
      bakkerij,
    );
    const secret = (created.body.data?.createApiToken as { secret: string }).secret;
    const asPartner = await post(gw(), PROFILE_QUERY, {}, { authorization: `Bearer ${secret}` });
    expect(asPartner.body.data?.profile ?? null).toBeNull();
    expect(['FORBIDDEN', 'UNAUTHENTICATED']).toContain(codeOf(asPartner.body));
    const update = await post(gw(), UPDATE_PROFILE, { input: { phone: '0301234567' } }, { authorization: `Bearer ${secret}` });
    expect(['FORBIDDEN', 'UNAUTHENTICATED']).toContain(codeOf(update.body));
  });
});

describe('updating the profile', () => {
  it('B2B: writes the changed fields through to the contact, the locale to the account, audited by name only', async () => {
    const bakkerij = await sessionOf(gw(), demo.bakkerij.email);
    const instance = gw().simulator.instance('demo');
    instance.clearCalls();
    const { body } = await post(
      gw(),
      UPDATE_PROFILE,
      // The name is unchanged: it must not be written.
      { input: { displayName: 'Sanne de Groot', phone: '+31 30 999 8877', jobTitle: 'Hoofd inkoop', locale: 'en' } },
      bakkerij,
    );
    expect(body.errors).toBeUndefined();
    expect(body.data?.updateProfile).toMatchObject({
      displayName: 'Sanne de Groot',
      phone: '+31 30 999 8877',
      jobTitle: 'Hoofd inkoop',
      locale: 'EN',
      organisation: { name: 'Bakkerij Bakker B.V.' },
    });
    expect(simulatorRecord(gw(), demo.bakkerij.contactId)).toMatchObject({ phone: '+31 30 999 8877', role: 'Hoofd inkoop' });
    // One PATCH, to the contact only; the organisation is never written.
    const writes = instance.calls().filter((c) => c.method !== 'GET');
    expect(writes.map((c) => [c.method, c.path])).toEqual([
      ['PATCH', `${objectsPath(demo.schemaIds.contact)}/${demo.bakkerij.contactId}`],
    ]);
    expect(simulatorRecord(gw(), demo.bakkerij.clientId).phone).toBe('+31 30 2345678');
    // The next read sees the same.
    expect((await post(gw(), '{ profile { phone jobTitle locale } }', {}, bakkerij)).body.data?.profile).toEqual({
      phone: '+31 30 999 8877',
      jobTitle: 'Hoofd inkoop',
      locale: 'EN',
    });

    const events = (await gw().services.audit.list('demo', { eventType: 'profile.updated' }, { first: 10 })).events;
    expect(events[0]).toMatchObject({
      outcome: 'success',
      accountId: expect.any(String),
      details: { fields: ['phone', 'jobTitle', 'locale'] },
    });
    const trail = JSON.stringify(events);
    for (const personal of ['999 8877', 'Hoofd inkoop', 'Sanne']) expect(trail).not.toContain(personal);
  });

  it('B2C with a contact: name and phone on the person client and the contact alike, address on the client; clearing a phone', async () => {
    const who = demo.noAccount.sophieVisser;
    const email = await createAccount(gw(), { type: 'B2C', clientId: who.clientId, contactId: who.contactId });
    const session = await sessionOf(gw(), email);
    const { body } = await post(
      gw(),
      UPDATE_PROFILE,
      { input: { displayName: ' Sophie  Visser-de Wit ', phone: '', address: 'Kerkweg 5\n3451 CD Vleuten' } },
      session,
    );
    expect(body.errors).toBeUndefined();
    expect(body.data?.updateProfile).toMatchObject({
      displayName: 'Sophie  Visser-de Wit',
      phone: null,
      address: 'Kerkweg 5\n3451 CD Vleuten',
    });
    expect(simulatorRecord(gw(), who.clientId)).toMatchObject({
      name: 'Sophie  Visser-de Wit',
      phone: null,
      address: 'Kerkweg 5\n3451 CD Vleuten',
    });
    expect(simulatorRecord(gw(), who.contactId)).toMatchObject({ name: 'Sophie  Visser-de Wit', phone: null });
    expect(simulatorRecord(gw(), who.contactId)).not.toHaveProperty('address');
  });

  it('B2C without a contact: the person client is the record', async () => {
    const who = demo.noAccount.sophieVisser;
    const email = await createAccount(gw(), { type: 'B2C', clientId: who.clientId, contactId: null });
    const session = await sessionOf(gw(), email);
    const { body } = await post(gw(), UPDATE_PROFILE, { input: { phone: '06-11223344' } }, session);
    expect(body.data?.updateProfile).toMatchObject({ phone: '06-11223344' });
    expect(simulatorRecord(gw(), who.clientId).phone).toBe('06-11223344');
  });

  it('a job title is refused for B2C, and every problem is listed in one error', async () => {
    const jan = await sessionOf(gw(), demo.janJansen.email);
    const before = structuredClone(simulatorRecord(gw(), demo.janJansen.contactId));
    const { body } = await post(
      gw(),
      UPDATE_PROFILE,
      { input: { displayName: '', phone: 'bel me', locale: 'de', address: 'x'.repeat(501), jobTitle: 'CEO', email: 'nope' } },
      jan,
    );
    expect(body.errors).toHaveLength(1);
    expect(codeOf(body)).toBe('BAD_USER_INPUT');
    const problems = body.errors![0]!.extensions!.problems as Array<{ field: string; message: string }>;
    expect(problems.map((p) => p.field)).toEqual(['displayName', 'phone', 'address', 'jobTitle', 'locale', 'email']);
    // Nothing was written.
    expect(simulatorRecord(gw(), demo.janJansen.contactId)).toEqual(before);

    const jobOnly = await post(gw(), UPDATE_PROFILE, { input: { jobTitle: 'CEO' } }, jan);
    expect(jobOnly.body.errors?.[0]?.extensions?.problems).toEqual([
      { field: 'jobTitle', code: 'JOB_TITLE_ONLY_BUSINESS', message: expect.stringMatching(/business/), params: {} },
    ]);
  });

  it('nothing changed: nothing written, nothing audited', async () => {
    const jan = await sessionOf(gw(), demo.janJansen.email);
    const before = await gw().services.audit.count('demo', { eventType: 'profile.updated' });
    const instance = gw().simulator.instance('demo');
    instance.clearCalls();
    const { body } = await post(
      gw(),
      UPDATE_PROFILE,
      { input: { phone: '+31 6 12345678', locale: 'nl', email: demo.janJansen.email } },
      jan,
    );
    expect(body.errors).toBeUndefined();
    expect(instance.calls().filter((c) => c.method !== 'GET')).toEqual([]);
    expect(await gw().services.audit.count('demo', { eventType: 'profile.updated' })).toBe(before);
  });
});

describe('feature switch and outages', () => {
  it('PROFILE switched off: FEATURE_DISABLED (HTTP 404) for the query and both mutations', async () => {
    const jan = await sessionOf(gw(), demo.janJansen.email);
    const tenant = gw().services.tenants.get('demo')!;
    await gw().services.tenants.savePortal(
      'demo',
      { ...tenant.portal, enabledFeatures: FEATURES.filter((f) => f !== 'PROFILE') },
      'staff:test',
      new Date(),
    );
    try {
      for (const [query, variables] of [
        [PROFILE_QUERY, {}],
        [UPDATE_PROFILE, { input: { phone: '0301234567' } }],
        ['mutation { confirmEmailChange(token: "x") }', {}],
      ] as const) {
        const { status, body } = await post(gw(), query, variables, jan);
        expect(codeOf(body), query).toBe('FEATURE_DISABLED');
        expect(status).toBe(404);
      }
    } finally {
      await gw().services.tenants.savePortal('demo', tenant.portal, 'staff:test', new Date());
    }
    expect((await post(gw(), '{ profile { email } }', {}, jan)).body.data?.profile).toEqual({ email: demo.janJansen.email });
  });

  it('Nextcloud down: the account fields still answer, the Nextcloud fields fail with UPSTREAM_UNAVAILABLE', async () => {
    const jan = await sessionOf(gw(), demo.janJansen.email);
    const instance = gw().simulator.instance('demo');
    instance.setFaults({ down: true });
    try {
      const { body } = await post(gw(), '{ profile { email type displayName } }', {}, jan);
      expect(body.data?.profile).toEqual({ email: demo.janJansen.email, type: 'B2C', displayName: null });
      expect(body.errors?.map((e) => [e.path?.join('.'), e.extensions?.code])).toEqual([
        ['profile.displayName', 'UPSTREAM_UNAVAILABLE'],
      ]);
    } finally {
      instance.resetFaults();
    }
  });
});

/**
 * Pipelinq keeps one person's details in up to two records (issue "Real Pipelinq data", item 5):
 * these tests read the simulator's own objects to check that the portal leaves them consistent.
 * Last in the file: they change Jan Jansen's phone and address.
 */
describe('one person, one set of details in Nextcloud', () => {
  const clientPath = (id: string) => `${objectsPath(demo.schemaIds.client)}/${id}`;
  const contactPath = (id: string) => `${objectsPath(demo.schemaIds.contact)}/${id}`;

  it('B2C (Jan Jansen): the phone on his person client and his contact alike, the address on the client, read back from the client', async () => {
    const jan = await sessionOf(gw(), demo.janJansen.email);
    const instance = gw().simulator.instance('demo');
    instance.clearCalls();
    const phone = '+31 6 55501234';
    const address = 'Eikenlaan 7\n3521 AB Utrecht';
    const { body } = await post(gw(), UPDATE_PROFILE, { input: { phone, address } }, jan);
    expect(body.errors).toBeUndefined();
    expect(body.data?.updateProfile).toMatchObject({ phone, address, displayName: 'Jan Jansen' });

    const client = simulatorRecord(gw(), demo.janJansen.clientId);
    const contact = simulatorRecord(gw(), demo.janJansen.contactId);
    expect(client).toMatchObject({ phone, address, name: 'Jan Jansen', type: 'person' });
    expect(contact).toMatchObject({ phone, name: 'Jan Jansen' });
    // Pipelinq's contact has no address property; the portal does not invent one.
    expect(contact).not.toHaveProperty('address');
    // The record the profile reads from is written first.
    expect(
      instance
        .calls()
        .filter((c) => c.method !== 'GET')
        .map((c) => [c.method, c.path]),
    ).toEqual([
      ['PATCH', clientPath(demo.janJansen.clientId)],
      ['PATCH', contactPath(demo.janJansen.contactId)],
    ]);
    const [event] = (await gw().services.audit.list('demo', { eventType: 'profile.updated' }, { first: 1 })).events;
    expect(event?.details).toMatchObject({ fields: ['phone', 'address'], records: ['client', 'contact'] });

    // Read back from the client: a different phone on the contact (edited in Nextcloud) does not show.
    contact.phone = '+31 6 00000000';
    expect((await post(gw(), '{ profile { phone address } }', {}, jan)).body.data?.profile).toEqual({ phone, address });
    // Saving the same phone again brings the contact back in line, and only the contact is written.
    instance.clearCalls();
    const again = await post(gw(), UPDATE_PROFILE, { input: { phone } }, jan);
    expect(again.body.errors).toBeUndefined();
    expect(simulatorRecord(gw(), demo.janJansen.contactId).phone).toBe(phone);
    expect(
      instance
        .calls()
        .filter((c) => c.method !== 'GET')
        .map((c) => c.path),
    ).toEqual([contactPath(demo.janJansen.contactId)]);
  });

  it('B2B (Bakkerij): the phone lands on her contact only; the company is untouched and its address is not hers to edit', async () => {
    const sanne = await sessionOf(gw(), demo.bakkerij.email);
    const company = structuredClone(simulatorRecord(gw(), demo.bakkerij.clientId));
    const instance = gw().simulator.instance('demo');
    instance.clearCalls();
    const { body } = await post(gw(), UPDATE_PROFILE, { input: { phone: '+31 30 111 2233', displayName: 'Sanne Groot' } }, sanne);
    expect(body.errors).toBeUndefined();
    expect(body.data?.updateProfile).toMatchObject({ phone: '+31 30 111 2233', displayName: 'Sanne Groot', address: null });
    expect(simulatorRecord(gw(), demo.bakkerij.contactId)).toMatchObject({ phone: '+31 30 111 2233', name: 'Sanne Groot' });
    expect(
      instance
        .calls()
        .filter((c) => c.method !== 'GET')
        .map((c) => c.path),
    ).toEqual([contactPath(demo.bakkerij.contactId)]);
    expect(simulatorRecord(gw(), demo.bakkerij.clientId)).toEqual(company);

    const refused = await post(gw(), UPDATE_PROFILE, { input: { address: 'Kade 2, 3511 AA Utrecht' } }, sanne);
    expect(codeOf(refused.body)).toBe('BAD_USER_INPUT');
    expect(refused.body.errors?.[0]?.extensions?.problems).toEqual([
      { field: 'address', code: 'ADDRESS_NOT_FOR_BUSINESS', message: expect.stringMatching(/request/), params: {} },
    ]);
    expect(simulatorRecord(gw(), demo.bakkerij.contactId)).not.toHaveProperty('address');
    expect(simulatorRecord(gw(), demo.bakkerij.clientId)).toEqual(company);
    const read = await post(gw(), '{ profile { phone address organisation { phone address } } }', {}, sanne);
    expect(read.body.data?.profile).toEqual({
      phone: '+31 30 111 2233',
      address: null,
      organisation: { phone: company.phone, address: company.address },
    });
  });
});
