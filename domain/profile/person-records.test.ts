import { randomUUID } from 'node:crypto';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { UpstreamUnavailableError } from '../../core/errors.js';
import { createMetrics } from '../../core/metrics.js';
import { DEMO } from '../../nextcloud/simulator/demo-data.js';
import { overridingConnectors } from '../../test/connectors.js';
import { useTestDatabase } from '../../test/db.js';
import { useAccountTestKit } from '../accounts/account.test-support.js';
import { NextcloudConnectors } from '../tenants/nextcloud-connectors.js';
import { loadPersonRecords, MirrorWriteError, PersonWriter } from './person-records.js';

/**
 * The person writer on its own, the way a caller without a logger uses it: the real database and
 * simulator, with only the writes to one resource failing on demand.
 */
const kit = useAccountTestKit(useTestDatabase());
let writer: PersonWriter;
/** When set, writes to this resource fail as if Nextcloud had gone away between two calls. */
let failingResource: string | null = null;
const jan = DEMO.demo.janJansen;

beforeAll(() => {
  const connectors = new NextcloudConnectors(kit().tenants, { metrics: createMetrics({ defaultMetrics: false }) });
  writer = new PersonWriter(
    overridingConnectors(connectors, (real) => ({
      updateObject: (resource, ...rest) =>
        resource === failingResource ? Promise.reject(new UpstreamUnavailableError()) : real.updateObject(resource, ...rest),
    })),
  );
});
beforeEach(() => {
  failingResource = null;
});

const record = (uuid: string) =>
  kit()
    .simulator.instance('demo')
    .data.objects.find((o) => o.uuid === uuid)!.data;

const phonePlan = (phone: string) => ({
  writes: [
    { role: 'client' as const, patch: { phone } },
    { role: 'contact' as const, patch: { phone } },
  ],
  fields: ['phone' as const],
});

describe('PersonWriter without a logger', () => {
  it('names the records an account is written to, home first', () => {
    expect(writer.recordsOf({ type: 'B2C', contactId: jan.contactId })).toEqual(['client', 'contact']);
    expect(writer.recordsOf({ type: 'B2C', contactId: null })).toEqual(['client']);
    expect(writer.recordsOf({ type: 'B2B', contactId: jan.contactId })).toEqual(['contact']);
  });

  it('tells the customer their record is missing when the home record is gone', async () => {
    const account = await kit().createAccount({ type: 'B2C' });
    const { contact } = await loadPersonRecords(writer.loaders(kit().tenant()), account);
    await expect(writer.write(kit().tenant(), account, { client: null, contact }, phonePlan('+31 6 10101010'))).rejects.toThrow(
      'Your record in the customer administration was not found.',
    );
  });

  it('reports a failed copy as MirrorWriteError, and skips a copy that is gone', async () => {
    const account = await kit().createAccount({ type: 'B2C' });
    const records = await loadPersonRecords(writer.loaders(kit().tenant()), account);
    failingResource = 'contact';
    await expect(writer.write(kit().tenant(), account, records, phonePlan('+31 6 20202020'))).rejects.toBeInstanceOf(
      MirrorWriteError,
    );
    expect(record(jan.clientId).phone).toBe('+31 6 20202020');

    failingResource = null;
    const written = await writer.write(kit().tenant(), account, { ...records, contact: null }, phonePlan('+31 6 30303030'));
    expect(Object.keys(written)).toEqual(['client']);
    expect(record(jan.clientId).phone).toBe('+31 6 30303030');
  });

  it('ignores a linked contact of another client', async () => {
    const account = await kit().createAccount({ type: 'B2C', contactId: DEMO.demo.bakkerij.contactId });
    expect((await loadPersonRecords(writer.loaders(kit().tenant()), account)).contact).toBeNull();
  });
});

describe('PersonWriter.setEmail', () => {
  it('has nothing to undo when none of the person records exists', async () => {
    const account = await kit().createAccount({ type: 'B2C', clientId: randomUUID(), contactId: null });
    expect(await writer.setEmail(kit().tenant(), account, 'nobody-home@example.nl')).toBeNull();
  });

  it('undoes a written address back to none when the record had none and the copy fails', async () => {
    const account = await kit().createAccount({ type: 'B2C' });
    const before = record(jan.clientId).email;
    record(jan.clientId).email = null;
    try {
      failingResource = 'contact';
      await expect(writer.setEmail(kit().tenant(), account, 'undo-me@example.nl')).rejects.toBeInstanceOf(
        UpstreamUnavailableError,
      );
      expect(record(jan.clientId).email ?? null).toBeNull();
    } finally {
      record(jan.clientId).email = before;
    }
  });

  it('returns how to undo what it wrote', async () => {
    const account = await kit().createAccount({ type: 'B2C' });
    const [clientBefore, contactBefore] = [record(jan.clientId).email, record(jan.contactId).email];
    const undo = await writer.setEmail(kit().tenant(), account, 'undo-later@example.nl');
    expect([record(jan.clientId).email, record(jan.contactId).email]).toEqual(['undo-later@example.nl', 'undo-later@example.nl']);
    await undo!();
    expect([record(jan.clientId).email, record(jan.contactId).email]).toEqual([clientBefore, contactBefore]);
  });
});
