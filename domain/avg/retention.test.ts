import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../core/logger.js';
import { createMetrics } from '../../core/metrics.js';
import { loadSecretKey } from '../../gateway/secret-key.js';
import { retentionJob, RETENTION_ACTOR } from '../../jobs/retention.job.js';
import { DEMO } from '../../nextcloud/simulator/demo-data.js';
import type { SimObject } from '../../nextcloud/simulator/index.js';
import { createTestClock } from '../../test/clock.js';
import { signInCustomer } from '../../test/customers.js';
import { startTestGateway, type GraphQLBody, type TestGateway } from '../../test/gateway.js';
import { signInStaff } from '../../test/staff.js';
import { anonymous } from '../principal.js';
import { NextcloudConnectors } from '../tenants/nextcloud-connectors.js';
import { closedEmail } from '../accounts/account-minimisation.js';
import { pseudonymisedEmail } from './account-state.js';
import { PSEUDONYMISED_MESSAGE } from './portal-text.js';
import { createRetentionService } from './avg-services.js';
import { retentionEnd, type RetentionBasis } from './retention-policy.js';

/**
 * The retention cleanup against a whole gateway (database, simulator) with its clock in the test's
 * hand: a closed account is kept while obligations remain and for 7 years after the last fiscal
 * record, then pseudonymised in Nextcloud and the portal store, once.
 */
let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startTestGateway({}, { jobs: { start: false } });
});
afterAll(async () => {
  await gateway?.close();
});

const clock = createTestClock(new Date());
const retention = () =>
  createRetentionService({
    connection: gateway.connection,
    secretKey: loadSecretKey(gateway.config),
    tenants: gateway.services.tenants,
    nextcloud: gateway.services.nextcloud,
    audit: gateway.services.audit,
    now: clock.now,
  });
const RUN = `mutation ($tenantId: ID!, $dryRun: Boolean) { runRetentionCleanup(tenantId: $tenantId, dryRun: $dryRun) {
  tenantId dryRun checked pseudonymisedCount heldCount failedCount alreadyPseudonymisedCount nextcloudReachable
  accounts { accountId outcome heldUntil reasons } } }`;
const codeOf = (body: GraphQLBody) => body.errors?.[0]?.extensions?.code;
const JAN = DEMO.demo.janJansen;
const sim = () => gateway.simulator.instance('demo').data;
const object = (uuid: string) => sim().objects.find((o) => o.uuid === uuid)!;
/** The client's records, and those naming no client but Jan's contact (a transaction's customer, a request's contact). */
const ofClient = (clientId: string) =>
  sim().objects.filter(
    (o) =>
      !o.deleted &&
      (o.data.client === clientId ||
        o.data.clientRef === clientId ||
        (!o.data.client && (o.data.customer === JAN.contactId || o.data.contact === JAN.contactId))),
  );
const schema = DEMO.demo.schemaIds;

/**
 * What the cleanup must find: the newest confirmedAt/settledAt/parkedAt/created of the client's
 * transactions. A draft is no fiscal record (nothing was issued yet).
 */
function latestFiscal(clientId: string): Date {
  let latest = 0;
  for (const o of ofClient(clientId).filter((o) => o.schema === schema.posTransaction && o.data.status !== 'draft')) {
    for (const value of [o.data.confirmedAt, o.data.settledAt, o.data.parkedAt, o.created]) {
      if (typeof value === 'string') latest = Math.max(latest, new Date(value).getTime());
    }
  }
  return new Date(latest);
}

/** When the demo tenant's retention of a record dated `latest` ends, under its retention basis. */
function heldUntilOf(latest: Date): Date {
  const tenant = gateway.services.tenants.get('demo')!;
  return retentionEnd(latest, { basis: tenant.portal.retentionBasis, timeZone: tenant.timeZone });
}

/** The tenant setting, saved as an admin saves it (validation and audit included). */
async function saveRetentionBasis(basis: string): Promise<GraphQLBody> {
  const admin = await signInStaff(gateway, 'admin');
  const { body } = await gateway.graphql(
    'mutation ($input: TenantConfigInput!) { saveTenantConfig(tenantId: "demo", input: $input) { retentionBasis } }',
    { input: { retentionBasis: basis } },
    admin.headers,
  );
  return body;
}

/** Settles every invoice, ends every contract and closes every request of a client, as time would. */
function endObligations(clientId: string, at: Date): void {
  const stamp = at.toISOString();
  for (const o of ofClient(clientId) as SimObject[]) {
    if (o.schema === schema.posTransaction && !['settled', 'refunded'].includes(String(o.data.status))) {
      o.data.status = 'settled';
      o.data.settledAt = stamp;
    }
    if (o.schema === schema.contract) {
      o.data.status = 'churned';
      o.data.endDate = stamp.slice(0, 10);
    }
    if (o.schema === schema.request) o.data.status = 'completed';
  }
}

async function close(email: string): Promise<string> {
  const tenant = gateway.services.tenants.get('demo')!;
  const account = (await gateway.services.accounts.repository.findByEmail('demo', email))!;
  await gateway.services.accounts.setStatus(tenant, account.id, 'CLOSED', {
    principal: anonymous,
    meta: { ip: null, userAgent: null },
  });
  return account.id;
}

const pseudonymisedEvents = async (accountId: string) =>
  (await gateway.services.audit.list('demo', { accountId, eventType: 'account.pseudonymised' }, { first: 10 })).events;

describe('runRetentionCleanup authorization', () => {
  it("is the tenant's ADMIN's: not its DPO, not another tenant's admin, not a customer", async () => {
    const admin = await signInStaff(gateway, 'admin');
    const ok = await gateway.graphql(RUN, { tenantId: 'demo', dryRun: true }, admin.headers);
    expect(ok.body.errors).toBeUndefined();
    expect(ok.body.data!.runRetentionCleanup).toMatchObject({ tenantId: 'demo', dryRun: true, checked: 0 });

    const dpo = await signInStaff(gateway, 'dpo');
    expect(codeOf((await gateway.graphql(RUN, { tenantId: 'demo', dryRun: true }, dpo.headers)).body)).toBe('FORBIDDEN');
    const otherAdmin = await signInStaff(gateway, 'admin', 'other');
    const crossTenant = await gateway.graphql(
      RUN,
      { tenantId: 'demo', dryRun: true },
      { ...otherAdmin.headers, 'x-portal-tenant': 'other' },
    );
    expect(codeOf(crossTenant.body)).toBe('FORBIDDEN');
    const jan = await signInCustomer(gateway, 'jan');
    expect(codeOf((await gateway.graphql(RUN, { tenantId: 'demo' }, jan.headers)).body)).toBe('FORBIDDEN');
    expect(codeOf((await gateway.graphql(RUN, { tenantId: 'demo' }, { 'x-portal-tenant': 'demo' })).body)).toBe(
      'UNAUTHENTICATED',
    );
  });
});

describe('retention of a closed B2C account', () => {
  let janId = '';
  let janContact: Record<string, unknown> = {};
  /** What the portal wrote for Jan: a request he filed, a reply on one the office opened. */
  let filedId = '';
  let repliedId = '';
  let officeRequest: { id: string; title: unknown; description: unknown } = { id: '', title: null, description: null };
  const PHONE = '06-98765432';

  it('(setup) Jan files a request and replies through the portal, signing with his name and phone', async () => {
    const jan = await signInCustomer(gateway, 'jan');
    const filed = await gateway.graphql(
      'mutation ($input: SubmitRequestInput!) { submitRequest(input: $input) { id } }',
      { input: { subject: 'Vraag van Jan Jansen', body: `Groet, Jan Jansen, ${PHONE}`, category: 'Storing' } },
      jan.headers,
    );
    expect(filed.body.errors).toBeUndefined();
    filedId = (filed.body.data!.submitRequest as { id: string }).id;
    const target = ofClient(JAN.clientId).find((o) => o.schema === schema.request && o.data.status === 'in_progress')!;
    repliedId = target.uuid;
    officeRequest = { id: target.uuid, title: target.data.title, description: target.data.description };
    const replied = await gateway.graphql(
      'mutation ($id: ID!, $message: String!) { replyToRequest(id: $id, message: $message) { id } }',
      { id: repliedId, message: `Bel me gerust op ${PHONE}. Jan Jansen` },
      jan.headers,
    );
    expect(replied.body.errors).toBeUndefined();
  });

  it('is held while invoices are open, contracts active and requests open (reported over GraphQL)', async () => {
    janContact = structuredClone(object(JAN.contactId).data);
    janId = await close(JAN.email);
    const admin = await signInStaff(gateway, 'admin');
    const { body } = await gateway.graphql(RUN, { tenantId: 'demo', dryRun: false }, admin.headers);
    const report = body.data!.runRetentionCleanup as {
      checked: number;
      heldCount: number;
      accounts: Array<{ accountId: string; outcome: string; heldUntil: string; reasons: string[] }>;
    };
    expect(report).toMatchObject({ checked: 1, heldCount: 1 });
    expect(report.accounts[0]).toMatchObject({ accountId: janId, outcome: 'HELD' });
    expect(report.accounts[0]!.reasons.sort()).toEqual([
      'active-contracts',
      'fiscal-retention',
      'open-invoices',
      'open-requests',
    ]);
    expect(new Date(report.accounts[0]!.heldUntil)).toEqual(heldUntilOf(latestFiscal(JAN.clientId)));
    expect(object(JAN.contactId).data).toEqual(janContact);
  });

  it('once obligations end, is still held for 7 years after the newest fiscal record', async () => {
    endObligations(JAN.clientId, clock.now());
    const heldUntil = heldUntilOf(latestFiscal(JAN.clientId));
    expect(heldUntil.getUTCFullYear()).toBe(clock.now().getUTCFullYear() + 7);
    const report = await retention().run('demo', { dryRun: false, actor: 'test' });
    expect(report.accounts[0]).toMatchObject({ outcome: 'HELD', reasons: ['fiscal-retention'], heldUntil });

    clock.set(new Date(heldUntil.getTime() - 86_400_000));
    expect((await retention().run('demo', { dryRun: false, actor: 'test' })).accounts[0]!.outcome).toBe('HELD');
    expect(await pseudonymisedEvents(janId)).toHaveLength(0);
  });

  it('a dry run as of another date says when Jan will be pseudonymised, under either retention basis', async () => {
    const latest = latestFiscal(JAN.clientId);
    const fiscalYearEnd = retentionEnd(latest, { basis: 'FISCAL_YEAR_END', timeZone: 'Europe/Amsterdam' });
    const recordDate = retentionEnd(latest, { basis: 'RECORD_DATE', timeZone: 'Europe/Amsterdam' });
    expect(recordDate.getTime()).toBeLessThan(fiscalYearEnd.getTime());
    const asOf = async (at: Date) => retention().run('demo', { dryRun: true, asOf: at, actor: 'test' });

    // The default: 7 years from the end of the fiscal year, i.e. 1 January 00:00 in Amsterdam.
    const held = await asOf(recordDate);
    expect(held).toMatchObject({ retentionBasis: 'FISCAL_YEAR_END', asOf: recordDate, ranAt: clock.now(), dryRun: true });
    expect(held.accounts[0]).toMatchObject({ outcome: 'HELD', heldUntil: fiscalYearEnd, reasons: ['fiscal-retention'] });
    const free = await asOf(fiscalYearEnd);
    expect(free.accounts[0]).toMatchObject({ outcome: 'WOULD_PSEUDONYMISE', heldUntil: fiscalYearEnd, reasons: [] });

    expect((await saveRetentionBasis('RECORD_DATE')).data).toEqual({ saveTenantConfig: { retentionBasis: 'RECORD_DATE' } });
    try {
      const early = await asOf(new Date(recordDate.getTime() - 1000));
      expect(early).toMatchObject({ retentionBasis: 'RECORD_DATE' });
      expect(early.accounts[0]).toMatchObject({ outcome: 'HELD', heldUntil: recordDate, reasons: ['fiscal-retention'] });
      const byDate = await asOf(recordDate);
      expect(byDate.accounts[0]).toMatchObject({ outcome: 'WOULD_PSEUDONYMISE', heldUntil: recordDate, reasons: [] });
    } finally {
      await saveRetentionBasis('FISCAL_YEAR_END' satisfies RetentionBasis);
    }
    // Only questions: nothing changed, and the real run today still holds Jan.
    expect(object(JAN.contactId).data).toEqual(janContact);
    expect(await pseudonymisedEvents(janId)).toHaveLength(0);
    expect((await retention().run('demo', { dryRun: false, actor: 'test' })).accounts[0]!.outcome).toBe('HELD');
  });

  it('refuses another date without a dry run, in the service and over GraphQL', async () => {
    const later = new Date('2040-01-01T00:00:00Z');
    await expect(retention().run('demo', { dryRun: false, asOf: later, actor: 'test' })).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const admin = await signInStaff(gateway, 'admin');
    const RUN_AS_OF = `mutation ($dryRun: Boolean, $asOf: DateTime) { runRetentionCleanup(tenantId: "demo", dryRun: $dryRun, asOf: $asOf) {
      dryRun asOf ranAt retentionBasis accounts { accountId outcome heldUntil } } }`;
    for (const dryRun of [false, null]) {
      const refused = await gateway.graphql(RUN_AS_OF, { dryRun, asOf: later.toISOString() }, admin.headers);
      expect(codeOf(refused.body)).toBe('BAD_USER_INPUT');
    }
    const { body } = await gateway.graphql(RUN_AS_OF, { dryRun: true, asOf: later.toISOString() }, admin.headers);
    expect(body.errors).toBeUndefined();
    expect(body.data!.runRetentionCleanup).toEqual({
      dryRun: true,
      asOf: later.toISOString(),
      ranAt: expect.any(String),
      retentionBasis: 'FISCAL_YEAR_END',
      accounts: [
        { accountId: janId, outcome: 'WOULD_PSEUDONYMISE', heldUntil: heldUntilOf(latestFiscal(JAN.clientId)).toISOString() },
      ],
    });
    expect(await pseudonymisedEvents(janId)).toHaveLength(0);
    const dpo = await signInStaff(gateway, 'dpo');
    expect(codeOf((await gateway.graphql(RUN_AS_OF, { dryRun: true, asOf: later.toISOString() }, dpo.headers)).body)).toBe(
      'FORBIDDEN',
    );
  });

  it('refuses an unknown retention basis in the tenant configuration', async () => {
    const body = await saveRetentionBasis('WHENEVER');
    expect(codeOf(body)).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(body.errors)).toContain('FISCAL_YEAR_END, RECORD_DATE');
    expect(gateway.services.tenants.get('demo')!.portal.retentionBasis).toBe('FISCAL_YEAR_END');
  });

  it('a dry run after the period reports what it would do and changes nothing', async () => {
    clock.set(new Date(heldUntilOf(latestFiscal(JAN.clientId)).getTime() + 86_400_000));
    const report = await retention().run('demo', { dryRun: true, actor: 'test' });
    expect(report.accounts[0]).toMatchObject({ accountId: janId, outcome: 'WOULD_PSEUDONYMISE', reasons: [] });
    expect(report.pseudonymised).toBe(0);
    expect(object(JAN.contactId).data).toEqual(janContact);
    expect((await gateway.services.accounts.repository.findById(janId))!.email).toBe(closedEmail(janId));
    expect(await pseudonymisedEvents(janId)).toHaveLength(0);
  });

  it('the nightly job then pseudonymises contact, person client and account, audited without personal data', async () => {
    const job = retentionJob(retention(), createLogger({ level: 'silent' }));
    await job.handler(undefined, { attempt: 1 });

    const contact = object(JAN.contactId).data;
    expect(contact.name).toMatch(/^Gepseudonimiseerd [0-9a-f]{10}$/);
    expect(contact.email ?? null).toBeNull();
    expect(contact.phone ?? null).toBeNull();
    expect(contact.client).toBe(JAN.clientId);
    const client = object(JAN.clientId).data;
    expect(client.name).toMatch(/^Gepseudonimiseerd [0-9a-f]{10}$/);
    expect(client.name).not.toBe(contact.name);
    for (const field of ['email', 'phone', 'address']) expect(client[field] ?? null).toBeNull();

    const account = (await gateway.services.accounts.repository.findById(janId))!;
    expect(account).toMatchObject({ email: pseudonymisedEmail(janId), locale: 'nl', passwordHash: null, status: 'CLOSED' });
    expect(await gateway.services.accounts.repository.findByEmail('demo', JAN.email)).toBeNull();
    const claims = await gateway.connection.db!.collection('accountEmails').countDocuments({ accountId: janId });
    expect(claims).toBe(0);

    const events = await pseudonymisedEvents(janId);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ outcome: 'success', actor: RETENTION_ACTOR, targetType: 'account', targetId: janId });
    expect(events[0]!.details).toMatchObject({
      reason: 'retention-ended',
      records: ['contact', 'client', 'account'],
      portalText: { requests: 1, notes: 1 },
    });
    expect(JSON.stringify(events[0]!.details)).not.toMatch(/jan|jansen|example\.nl|\+31/i);
  });

  it('the text the portal wrote for Jan is pseudonymised; what the office wrote is left alone', () => {
    const filed = object(filedId).data;
    expect(JSON.stringify([filed.title, filed.description])).not.toMatch(/jan|jansen|98765432/i);
    expect(filed.title).toBeTruthy(); // Pipelinq requires a title
    // A string stays a string: the description is replaced by a placeholder, not nulled.
    expect(filed.description).toBe(PSEUDONYMISED_MESSAGE);
    const replied = object(repliedId).data;
    expect(JSON.stringify(replied.notes)).not.toMatch(/98765432|Jan Jansen/);
    expect(replied).toMatchObject({ title: officeRequest.title });
    expect(replied.description ?? null).toEqual(officeRequest.description ?? null);
    const notes = replied.notes as Array<{ author: string; message: string; visibility: string }>;
    expect(notes.filter((n) => n.visibility === 'internal').length).toBeGreaterThan(0);
  });

  it('a second run finds nothing to do', async () => {
    const before = object(JAN.contactId).version;
    const report = await retention().run('demo', { dryRun: false, actor: 'test' });
    expect(report).toMatchObject({ checked: 0, pseudonymised: 0, alreadyPseudonymised: 1, accounts: [] });
    expect(object(JAN.contactId).version).toBe(before);
    expect(await pseudonymisedEvents(janId)).toHaveLength(1);
  });
});

describe('retention of a closed B2B account', () => {
  const B = DEMO.demo.bakkerij;
  /** The records that name the employee: transactions with them as `customer`, requests through their contact. */
  const namingContact = () =>
    sim().objects.filter(
      (o) =>
        !o.deleted &&
        ((o.schema === schema.posTransaction && o.data.customer === B.contactId) ||
          (o.schema === schema.request && o.data.contact === B.contactId)),
    );
  const latestNamingContact = () => {
    let latest = 0;
    for (const o of namingContact().filter((o) => o.schema === schema.posTransaction && o.data.status !== 'draft'))
      for (const value of [o.data.confirmedAt, o.data.settledAt, o.data.parkedAt, o.created])
        if (typeof value === 'string') latest = Math.max(latest, new Date(value).getTime());
    return new Date(latest);
  };

  it("follows the records that name the employee, not the organisation's obligations", async () => {
    const organisation = structuredClone(object(B.clientId).data);
    // The employee replies through the portal on a colleague's request of the organisation: that
    // request names another contact, yet the reply is the employee's text.
    const colleagues = sim().objects.filter(
      (o) => !o.deleted && o.schema === schema.request && o.data.client === B.clientId && o.data.contact !== B.contactId,
    );
    expect(colleagues.length, 'the demo data has a request of a Bakkerij colleague').toBeGreaterThan(0);
    const colleagueRequest = colleagues[0]!;
    // Open, so it can be replied on; the organisation's open request must not hold the employee.
    colleagueRequest.data.status = 'in_progress';
    const employee = await signInCustomer(gateway, 'bakkerij');
    const replied = await gateway.graphql(
      'mutation ($id: ID!, $message: String!) { replyToRequest(id: $id, message: $message) { id } }',
      { id: colleagueRequest.uuid, message: 'Ik neem het over, bel me op 06-11223344.' },
      employee.headers,
    );
    expect(replied.body.errors).toBeUndefined();
    const id = await close(B.email);
    const stamp = clock.now().toISOString();
    for (const o of namingContact()) {
      if (o.schema === schema.posTransaction && !['settled', 'refunded'].includes(String(o.data.status)))
        Object.assign(o.data, { status: 'settled', settledAt: stamp });
      if (o.schema === schema.request) o.data.status = 'completed';
    }
    // The company still trades: an open invoice that names a colleague, and an active contract.
    const companyInvoice = sim().objects.find(
      (o) =>
        o.schema === schema.posTransaction &&
        o.data.client === B.clientId &&
        o.data.customer !== B.contactId &&
        o.data.invoiceNumber,
    )!;
    Object.assign(companyInvoice.data, { status: 'confirmed', confirmedAt: clock.now().toISOString() });
    const contract = sim().objects.find((o) => o.schema === schema.contract && o.data.clientRef === B.clientId)!;
    Object.assign(contract.data, { status: 'active', endDate: '2099-12-31' });

    const heldUntil = heldUntilOf(latestNamingContact());
    clock.set(new Date(heldUntil.getTime() - 1000));
    const early = await retention().run('demo', { dryRun: true, actor: 'test' });
    expect(early.accounts).toEqual([{ accountId: id, outcome: 'HELD', heldUntil, reasons: ['fiscal-retention'] }]);

    clock.set(new Date(heldUntil.getTime() + 1000));
    const report = await retention().run('demo', { dryRun: false, actor: 'test' });
    expect(report.accounts).toEqual([
      {
        accountId: id,
        outcome: 'PSEUDONYMISED',
        heldUntil,
        reasons: [],
        portalText: { requests: 0, notes: 1 },
        keptByAdministration: expect.any(Array),
      },
    ]);
    expect(JSON.stringify(colleagueRequest.data.notes)).not.toMatch(/11223344/);
    // Files on the records that name the employee are the administration's: listed, not touched.
    const filesOf = (uuid: string) => sim().files.filter((f) => f.objectUuid === uuid).length;
    const withFiles = namingContact().filter((o) => o.schema === schema.posTransaction && filesOf(o.uuid) > 0);
    expect(withFiles.length).toBeGreaterThan(0);
    const kept = report.accounts[0]!.keptByAdministration!;
    // Only records that carry documents: the DPO's list names no record without one.
    for (const k of kept) expect(k.files).toBeGreaterThan(0);
    for (const o of withFiles) expect(kept).toContainEqual({ kind: 'transaction', id: o.uuid, files: filesOf(o.uuid) });
    // Only the employee's records: none of the company's other transactions.
    const ids = new Set(namingContact().map((o) => o.uuid));
    expect(kept.every((k) => ids.has(k.id))).toBe(true);
    expect(object(B.contactId).data.name).toMatch(/^Gepseudonimiseerd /);
    expect(object(B.clientId).data).toEqual(organisation);
    // Colleagues' contacts are not the account's person.
    for (const colleague of DEMO.demo.bakkerij.otherContactIds)
      expect(object(colleague).data.name).not.toMatch(/Gepseudonimiseerd/);
    // The audit event names only what was changed: the organisation (client) was left alone.
    const events = await pseudonymisedEvents(id);
    expect(events[0]!.details).toMatchObject({ records: ['contact', 'account'] });
  });

  it('reports an unreachable Nextcloud and changes nothing', async () => {
    gateway.simulator.instance('other').setFaults({ down: true });
    try {
      const other = gateway.services.tenants.get('other')!;
      const piet = (await gateway.services.accounts.repository.findByEmail('other', DEMO.other.pietDeVries.email))!;
      await gateway.services.accounts.setStatus(other, piet.id, 'CLOSED', {
        principal: anonymous,
        meta: { ip: null, userAgent: null },
      });
      const report = await retention().run('other', { dryRun: false, actor: 'test' });
      expect(report).toMatchObject({ nextcloudReachable: false, checked: 1, failed: 1, pseudonymised: 0 });
      expect(report.accounts[0]).toMatchObject({ accountId: piet.id, outcome: 'FAILED', reasons: ['NEXTCLOUD_UNREACHABLE'] });
    } finally {
      gateway.simulator.instance('other').resetFaults();
    }
  });
});

describe('retention cleanup refusals, failures and who ran it', () => {
  const P = DEMO.other.pietDeVries;
  const otherSim = () => gateway.simulator.instance('other');

  it('refuses an unknown tenant and a date that is not one', async () => {
    await expect(retention().run('no-such-tenant', { dryRun: true, actor: 'test' })).rejects.toMatchObject({
      message: 'The tenant was not found.',
      extensions: { code: 'NOT_FOUND' },
    });
    await expect(retention().run('demo', { dryRun: true, asOf: new Date('not a date'), actor: 'test' })).rejects.toMatchObject({
      message: 'asOf is not a valid date.',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('reports an account whose records cannot be read as FAILED, and changes nothing', async () => {
    // Nextcloud answers the ping, then fails every read: the account is kept and reported, not guessed about.
    const connectors = new NextcloudConnectors(gateway.services.tenants, { metrics: createMetrics({ defaultMetrics: false }) });
    const failingAfterPing = {
      for(tenantId: string) {
        const real = connectors.for(tenantId);
        return new Proxy(real, {
          get(target, prop) {
            if (prop === 'ping')
              return async () => {
                await target.ping();
                otherSim().setFaults({ errorRate: 1 });
              };
            const value = Reflect.get(target, prop, target) as unknown;
            return typeof value === 'function' ? value.bind(target) : value;
          },
        });
      },
    };
    const before = structuredClone(otherSim().data.objects.find((o) => o.uuid === P.contactId)!.data);
    try {
      const report = await createRetentionService({
        connection: gateway.connection,
        secretKey: loadSecretKey(gateway.config),
        tenants: gateway.services.tenants,
        nextcloud: failingAfterPing,
        audit: gateway.services.audit,
        now: clock.now,
      }).run('other', { dryRun: false, actor: 'test' });
      expect(report).toMatchObject({ nextcloudReachable: true, checked: 1, failed: 1, held: 0, pseudonymised: 0 });
      expect(report.accounts).toEqual([
        { accountId: expect.any(String), outcome: 'FAILED', heldUntil: null, reasons: [expect.stringMatching(/^UPSTREAM_/)] },
      ]);
    } finally {
      otherSim().resetFaults();
    }
    expect(otherSim().data.objects.find((o) => o.uuid === P.contactId)!.data).toEqual(before);
  });

  it('names the admin who ran it in the audit trail', async () => {
    // Closure minimised the address: the account is found as the tenant's one closed account.
    const closed = await gateway.connection.db!.collection('accounts').find({ tenantId: 'other', status: 'CLOSED' }).toArray();
    expect(closed).toHaveLength(1);
    const piet = { id: String(closed[0]!._id) };
    const stamp = clock.now().toISOString();
    const namesPiet = (o: SimObject) =>
      [o.data.client, o.data.clientRef, o.data.contact, o.data.customer].some((v) => v === P.clientId || v === P.contactId);
    const ids = DEMO.other.schemaIds;
    // As endObligations does for the demo tenant: everything settled, ended or completed now.
    for (const o of otherSim().data.objects.filter((o) => !o.deleted && namesPiet(o))) {
      if (o.schema === ids.posTransaction && !['settled', 'refunded'].includes(String(o.data.status)))
        Object.assign(o.data, { status: 'settled', settledAt: stamp });
      if (o.schema === ids.contract) Object.assign(o.data, { status: 'churned', endDate: stamp.slice(0, 10) });
      if (o.schema === ids.request) o.data.status = 'completed';
    }
    clock.set(new Date(clock.now().getTime() + 8 * 366 * 24 * 60 * 60 * 1000));
    const admin = { kind: 'staff', tenantId: 'other', loginName: 'admin', roles: ['ADMIN'], sessionId: 'test' } as const;
    const report = await retention().run('other', { dryRun: false, principal: admin });
    expect(report.accounts).toMatchObject([{ accountId: piet.id, outcome: 'PSEUDONYMISED' }]);
    const events = (
      await gateway.services.audit.list('other', { accountId: piet.id, eventType: 'account.pseudonymised' }, { first: 10 })
    ).events;
    expect(events).toMatchObject([{ actor: 'staff:admin', outcome: 'success' }]);
  });
});
