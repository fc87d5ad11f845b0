import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createMetrics } from '../../core/metrics.js';
import { DEMO } from '../../nextcloud/simulator/demo-data.js';
import { useTestDatabase } from '../../test/db.js';
import { closedEmail, emailFingerprint, emailFingerprintKey } from '../accounts/account-minimisation.js';
import { TEST_SECRET_KEY, useAccountTestKit } from '../accounts/account.test-support.js';
import { emptyMfa } from '../accounts/account.types.js';
import { fieldMappingFor } from '../portal-data/field-mapping.js';
import { NextcloudConnectors } from '../tenants/nextcloud-connectors.js';
import { pseudonymisedEmail } from './account-state.js';
import { Pseudonymiser } from './pseudonymiser.js';

/**
 * The pseudonymiser against the simulator and the test database: what it changes about a person,
 * and what it must leave alone (an organisation, records that are gone, the other tenant's names).
 */
const kit = useAccountTestKit(useTestDatabase());
const pseudonymiser = () => new Pseudonymiser(TEST_SECRET_KEY, kit().services.accounts.repository);
const connector = () => new NextcloudConnectors(kit().tenants, { metrics: createMetrics({ defaultMetrics: false }) }).for('demo');
const mapping = () => fieldMappingFor(kit().tenant());
const record = (uuid: string) =>
  kit()
    .simulator.instance('demo')
    .data.objects.find((o) => o.uuid === uuid);

describe('Pseudonymiser in Nextcloud', () => {
  it('replaces the contact’s name and clears its address data, but leaves an organisation client as it is', async () => {
    const B = DEMO.demo.bakkerij;
    const organisation = structuredClone(record(B.clientId)!.data);
    // A B2C account on an organisation client: the organisation is no personal data.
    const account = await kit().createAccount({ type: 'B2C', clientId: B.clientId, contactId: B.contactId });
    await pseudonymiser().pseudonymiseNextcloud(connector(), mapping(), account);
    const contact = record(B.contactId)!.data;
    expect(contact.name).toBe(pseudonymiser().pseudonymFor('demo', B.contactId));
    expect(contact.name).toMatch(/^Gepseudonimiseerd [0-9a-f]{10}$/);
    expect(contact.email ?? null).toBeNull();
    expect(contact.phone ?? null).toBeNull();
    expect(record(B.clientId)!.data).toEqual(organisation);
  });

  it('pseudonymises a person client without a contact, the same way on every run', async () => {
    const J = DEMO.demo.janJansen;
    const contactBefore = structuredClone(record(J.contactId)!.data);
    const account = await kit().createAccount({ type: 'B2C', clientId: J.clientId, contactId: null });
    await pseudonymiser().pseudonymiseNextcloud(connector(), mapping(), account);
    const first = structuredClone(record(J.clientId)!.data);
    expect(first.name).toMatch(/^Gepseudonimiseerd [0-9a-f]{10}$/);
    for (const field of ['email', 'phone', 'address']) expect(first[field] ?? null).toBeNull();
    // A re-run after a crash writes the same pseudonym again.
    await pseudonymiser().pseudonymiseNextcloud(connector(), mapping(), account);
    expect(record(J.clientId)!.data.name).toBe(first.name);
    expect(record(J.contactId)!.data).toEqual(contactBefore);
  });

  it('skips records that are gone instead of failing', async () => {
    const before = kit()
      .simulator.instance('demo')
      .data.objects.map((o) => o.version);
    const account = await kit().createAccount({ type: 'B2C', clientId: randomUUID(), contactId: randomUUID() });
    await pseudonymiser().pseudonymiseNextcloud(connector(), mapping(), account);
    expect(
      kit()
        .simulator.instance('demo')
        .data.objects.map((o) => o.version),
    ).toEqual(before);
  });

  it('gives each record its own pseudonym, and another tenant’s record of the same id another one', () => {
    const p = pseudonymiser();
    expect(p.pseudonymFor('demo', 'a')).not.toBe(p.pseudonymFor('demo', 'b'));
    expect(p.pseudonymFor('demo', 'a')).not.toBe(p.pseudonymFor('other', 'a'));
  });
});

describe('Pseudonymiser in the portal store', () => {
  const key = emailFingerprintKey(TEST_SECRET_KEY);

  it('keeps the fingerprint closure made, and drops every credential', async () => {
    const plain = 'minimised.person@example.test';
    const account = await kit().createAccount({ status: 'CLOSED' });
    const fingerprint = emailFingerprint(key, 'demo', plain);
    await kit().services.accounts.repository.update(account.id, {
      email: closedEmail(account.id),
      emailHash: fingerprint,
      locale: 'en',
      mfa: { ...emptyMfa(), enabled: true, secretSealed: 'sealed', enabledAt: new Date(), recoveryCodeHashes: ['h'] },
    });
    const closed = (await kit().services.accounts.repository.findById(account.id))!;
    await pseudonymiser().pseudonymiseAccount(closed);
    const done = (await kit().services.accounts.repository.findById(account.id))!;
    expect(done).toMatchObject({
      email: pseudonymisedEmail(account.id),
      emailHash: fingerprint,
      passwordHash: null,
      locale: 'nl',
    });
    expect(done.mfa).toEqual(emptyMfa());
  });

  it('fingerprints the plain address of an account closed before closure minimised it, and frees the address', async () => {
    const account = await kit().createAccount({ status: 'CLOSED' });
    await pseudonymiser().pseudonymiseAccount(account);
    const done = (await kit().services.accounts.repository.findById(account.id))!;
    expect(done.email).toBe(pseudonymisedEmail(account.id));
    expect(done.emailHash).toBe(emailFingerprint(key, 'demo', account.email));
    expect(await kit().services.accounts.repository.findByEmail('demo', account.email)).toBeNull();
    // The address is free again: a new account may claim it.
    await expect(kit().createAccount({ email: account.email })).resolves.toMatchObject({ email: account.email });
  });
});
