import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { BadUserInputError, ForbiddenError, NotFoundError } from '../../core/errors.js';
import { useTestDatabase } from '../../test/db.js';
import { AccountRepository } from '../accounts/account.repository.js';
import { accountRecord } from '../accounts/account.test-support.js';
import type { Account, AccountStatus, AccountType } from '../accounts/account.types.js';
import type { AuditService } from '../audit/audit.service.js';
import { createTestAuditService, newTenantId } from '../audit/audit.test-support.js';
import type { CustomerPrincipal } from '../principal.js';
import type { Tenant } from '../tenants/tenant-directory.js';
import type { DelegationDocument } from './delegation.model.js';
import { DelegationService, MAX_OPEN_GRANTS, type DelegationNotifier } from './delegation.service.js';

/**
 * The delegation service against a real database, accounts and audit trail, with a clock the test
 * moves: the rules a grantor, a grantee and an attacker with someone else's grant id rely on. The
 * whole flow over HTTP is in resolvers/delegation/delegation.e2e.test.ts.
 */
const db = useTestDatabase();
const META = { ip: '192.0.2.7', userAgent: 'vitest', publicUrl: 'https://portal.example' };
const DAY = 24 * 60 * 60 * 1000;
const T0 = new Date('2026-03-01T09:00:00.000Z');

/** A grant as stored, by `grantor`, made at T0 and neither bound nor revoked unless `over` says so. */
function storedGrant(tenant: Tenant, grantor: Account, over: Partial<DelegationDocument> = {}): DelegationDocument {
  return {
    _id: randomUUID(),
    tenantId: tenant.id,
    grantorAccountId: grantor.id,
    grantorClientId: grantor.clientId,
    granteeEmail: 'someone@example.nl',
    granteeAccountId: null,
    scopes: ['VIEW_CONTRACTS'],
    validFrom: T0,
    validUntil: null,
    createdAt: T0,
    activatedAt: null,
    revokedAt: null,
    revokedBy: null,
    ...over,
  };
}

let accounts: AccountRepository;
let audit: AuditService;
beforeAll(async () => {
  accounts = new AccountRepository(db());
  audit = await createTestAuditService(db());
});

interface World {
  tenant: Tenant;
  service: DelegationService;
  clock: { now: Date };
  notified: Array<{ delegation: DelegationDocument; grantee: Account | null; publicUrl: string }>;
  account(type?: AccountType, status?: AccountStatus, tenantId?: string): Promise<Account>;
  principalOf(account: Account, extra?: Partial<CustomerPrincipal>): CustomerPrincipal;
  events(type: string): Promise<Array<Record<string, unknown>>>;
}

/** A tenant of its own per test, so counts and lists never see another test's grants. */
function world(notify?: DelegationNotifier): World {
  const tenant = { id: newTenantId('deleg') } as unknown as Tenant;
  const clock = { now: T0 };
  const notified: World['notified'] = [];
  const service = new DelegationService({
    connection: db(),
    accounts,
    audit,
    now: () => clock.now,
    notify:
      notify ??
      (async (_tenant, delegation, grantee, meta) => {
        notified.push({ delegation, grantee, publicUrl: meta.publicUrl });
      }),
  });
  return {
    tenant,
    service,
    clock,
    notified,
    async account(type = 'B2B', status = 'ACTIVE', tenantId = tenant.id) {
      const account = accountRecord({
        tenantId,
        email: `${type.toLowerCase()}.${randomUUID().slice(0, 8)}@example.nl`,
        type,
        status,
        clientId: `client-${randomUUID().slice(0, 8)}`,
        createdAt: T0,
        activatedAt: status === 'ACTIVE' ? T0 : null,
      });
      await accounts.create(account);
      return account;
    },
    principalOf(account, extra = {}) {
      return {
        kind: 'customer',
        tenantId: account.tenantId,
        accountId: account.id,
        accountType: account.type,
        sessionId: 's-1',
        enrolmentOnly: false,
        clientId: account.clientId,
        contactId: account.contactId,
        ...extra,
      };
    },
    async events(type) {
      const page = await audit.list(tenant.id, { eventType: type }, { first: 200 });
      return page.events as unknown as Array<Record<string, unknown>>;
    },
  };
}

/** The problems of a refused grant, or a failure when it was not refused as bad input. */
async function problemsOf(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BadUserInputError);
  return {
    message: (error as BadUserInputError).message,
    problems: ((error as BadUserInputError).extensions.problems as Array<{ field: string; code: string }>).map((p) => ({
      field: p.field,
      code: p.code,
    })),
  };
}

describe('granting', () => {
  it('binds at once to an ACTIVE account of the tenant, audits the grant and the activation, and mails the grantee', async () => {
    const w = world();
    const grantor = await w.account('B2B');
    const grantee = await w.account('B2C');
    const until = new Date(T0.getTime() + 30 * DAY);
    const view = await w.service.grant(
      w.tenant,
      w.principalOf(grantor),
      { granteeEmail: ` ${grantee.email.toUpperCase()} `, scopes: ['VIEW_CONTRACTS', 'VIEW_INVOICES_ORDERS'], validUntil: until },
      META,
    );
    expect(view).toEqual({
      id: expect.any(String),
      grantorAccountId: grantor.id,
      grantorClientId: grantor.clientId,
      granteeEmail: grantee.email,
      granteeBound: true,
      scopes: ['VIEW_INVOICES_ORDERS', 'VIEW_CONTRACTS'],
      validFrom: T0,
      validUntil: until,
      createdAt: T0,
      activatedAt: T0,
      revokedAt: null,
      status: 'ACTIVE',
    });
    const stored = await w.service.model.findById(view.id).lean();
    expect(stored).toMatchObject({ tenantId: w.tenant.id, granteeAccountId: grantee.id, revokedBy: null });

    const [granted] = await w.events('delegation.granted');
    expect(granted).toMatchObject({
      outcome: 'success',
      actor: `account:${grantor.id}`,
      targetType: 'delegation',
      targetId: view.id,
      details: {
        onBehalfOf: { clientId: grantor.clientId, accountId: grantor.id },
        scopes: ['VIEW_INVOICES_ORDERS', 'VIEW_CONTRACTS'],
        validFrom: T0.toISOString(),
        validUntil: until.toISOString(),
        granteeHasAccount: true,
      },
    });
    const [activated] = await w.events('delegation.activated');
    expect(activated).toMatchObject({
      actor: `account:${grantee.id}`,
      accountId: grantee.id,
      targetType: 'delegation',
      targetId: view.id,
      details: {
        onBehalfOf: { clientId: grantor.clientId, accountId: grantor.id },
        scopes: ['VIEW_INVOICES_ORDERS', 'VIEW_CONTRACTS'],
      },
    });

    expect(w.notified).toHaveLength(1);
    expect(w.notified[0]).toMatchObject({ grantee: { id: grantee.id }, publicUrl: META.publicUrl });
    expect(w.notified[0]!.delegation).toMatchObject({ _id: view.id, granteeEmail: grantee.email });
  });

  it('waits, unbound and unaudited as activated, for an address whose account is not ACTIVE or in another tenant', async () => {
    const w = world();
    const grantor = await w.account('B2B');
    const invited = await w.account('B2C', 'INVITED');
    const elsewhere = await w.account('B2C', 'ACTIVE', newTenantId('other'));
    for (const grantee of [invited, elsewhere]) {
      const view = await w.service.grant(
        w.tenant,
        w.principalOf(grantor),
        { granteeEmail: grantee.email, scopes: ['VIEW_CONTRACTS'] },
        META,
      );
      expect(view).toMatchObject({ granteeBound: false, activatedAt: null, validUntil: null, status: 'PENDING' });
      expect((await w.service.model.findById(view.id).lean())?.granteeAccountId).toBeNull();
    }
    expect(await w.events('delegation.activated')).toEqual([]);
    const granted = await w.events('delegation.granted');
    expect(granted.map((e) => (e.details as Record<string, unknown>).granteeHasAccount)).toEqual([false, false]);
    expect(granted.map((e) => (e.details as Record<string, unknown>).validUntil)).toEqual([null, null]);
  });

  it('refuses private accounts, half-finished sessions and grantees acting for a company (no re-delegation)', async () => {
    const w = world();
    const b2c = await w.account('B2C');
    const b2b = await w.account('B2B');
    const input = { granteeEmail: 'boekhouder@example.nl', scopes: ['VIEW_CONTRACTS'] };
    const acting = { delegationId: 'd-1', grantorAccountId: 'a-1', clientId: 'c-1', scopes: [] };
    for (const principal of [
      w.principalOf(b2c),
      w.principalOf(b2b, { enrolmentOnly: true }),
      w.principalOf(b2b, { actingFor: acting }),
      w.principalOf(b2b, { actingLapsed: true }),
    ])
      await expect(w.service.grant(w.tenant, principal, input, META)).rejects.toBeInstanceOf(ForbiddenError);
    expect(await w.service.model.countDocuments({ tenantId: w.tenant.id })).toBe(0);
  });

  it('refuses a grantor that is not an ACTIVE account of this tenant', async () => {
    const w = world();
    const blocked = await w.account('B2B', 'BLOCKED');
    const foreign = await w.account('B2B', 'ACTIVE', newTenantId('other'));
    const input = { granteeEmail: 'boekhouder@example.nl', scopes: ['VIEW_CONTRACTS'] };
    await expect(w.service.grant(w.tenant, w.principalOf(blocked), input, META)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      w.service.grant(w.tenant, w.principalOf(foreign, { tenantId: w.tenant.id }), input, META),
    ).rejects.toBeInstanceOf(ForbiddenError);
    const ghost = { ...(await w.account('B2B')), id: randomUUID() };
    await expect(w.service.grant(w.tenant, w.principalOf(ghost), input, META)).rejects.toBeInstanceOf(ForbiddenError);
    expect(await w.service.model.countDocuments({ tenantId: w.tenant.id })).toBe(0);
    expect(w.notified).toEqual([]);
  });

  it('names every problem of the input at once', async () => {
    const w = world();
    const grantor = await w.account('B2B');
    const principal = w.principalOf(grantor);
    const grant = (input: Record<string, unknown>) =>
      problemsOf(
        w.service.grant(w.tenant, principal, { granteeEmail: 'x@example.nl', scopes: ['VIEW_CONTRACTS'], ...input }, META),
      );

    expect(await grant({ granteeEmail: 'not an address' })).toEqual({
      message: 'Enter a valid email address.',
      problems: [{ field: 'granteeEmail', code: 'EMAIL_INVALID' }],
    });
    expect((await grant({ granteeEmail: undefined })).problems).toEqual([{ field: 'granteeEmail', code: 'EMAIL_INVALID' }]);
    expect(await grant({ granteeEmail: grantor.email.toUpperCase() })).toEqual({
      message: 'You cannot grant access to yourself.',
      problems: [{ field: 'granteeEmail', code: 'DELEGATION_TO_SELF' }],
    });
    expect(await grant({ validFrom: new Date('nonsense') })).toEqual({
      message: 'Enter a valid date.',
      problems: [{ field: 'validFrom', code: 'DATE_INVALID' }],
    });
    expect(await grant({ validUntil: new Date('nonsense') })).toEqual({
      message: 'Enter a valid date.',
      problems: [{ field: 'validUntil', code: 'DATE_INVALID' }],
    });
    // An end at this very moment has already passed.
    expect(await grant({ validUntil: new Date(T0) })).toEqual({
      message: 'The end date must lie in the future.',
      problems: [{ field: 'validUntil', code: 'DATE_IN_PAST' }],
    });
    const from = new Date(T0.getTime() + 2 * DAY);
    expect(await grant({ validFrom: from, validUntil: new Date(from) })).toEqual({
      message: 'The end date must come after the start date.',
      problems: [{ field: 'validUntil', code: 'RANGE_END_BEFORE_START' }],
    });
    expect(
      await grant({ granteeEmail: 'nope', validFrom: new Date('nonsense'), validUntil: new Date(T0.getTime() - DAY) }),
    ).toEqual({
      message: 'Enter a valid email address. Enter a valid date. The end date must lie in the future.',
      problems: [
        { field: 'granteeEmail', code: 'EMAIL_INVALID' },
        { field: 'validFrom', code: 'DATE_INVALID' },
        { field: 'validUntil', code: 'DATE_IN_PAST' },
      ],
    });
    expect((await grant({ scopes: undefined })).problems).toEqual([{ field: 'scopes', code: 'REQUIRED' }]);
    expect(await w.service.model.countDocuments({ tenantId: w.tenant.id })).toBe(0);
  });

  it('takes a start in the future and an end one moment after it', async () => {
    const w = world();
    const grantor = await w.account('B2B');
    const from = new Date(T0.getTime() + DAY);
    const view = await w.service.grant(
      w.tenant,
      w.principalOf(grantor),
      { granteeEmail: 'later@example.nl', scopes: ['VIEW_CONTRACTS'], validFrom: from, validUntil: new Date(from.getTime() + 1) },
      META,
    );
    expect(view).toMatchObject({ validFrom: from, validUntil: new Date(from.getTime() + 1), status: 'PENDING' });
  });

  it(`caps a grantor at ${MAX_OPEN_GRANTS} open grants; revoked ones and other grantors' do not count`, async () => {
    const w = world();
    const grantor = await w.account('B2B');
    const other = await w.account('B2B');
    const doc = (owner: Account, revokedAt: Date | null) => storedGrant(w.tenant, owner, { revokedAt });
    await w.service.model.insertMany([
      ...Array.from({ length: MAX_OPEN_GRANTS - 1 }, () => doc(grantor, null)),
      doc(grantor, T0),
      doc(other, null),
    ]);
    const input = { granteeEmail: 'fiftieth@example.nl', scopes: ['VIEW_CONTRACTS'] };
    await w.service.grant(w.tenant, w.principalOf(grantor), input, META);
    const refused = await w.service.grant(w.tenant, w.principalOf(grantor), input, META).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(BadUserInputError);
    expect((refused as Error).message).toBe(`A company can have at most ${MAX_OPEN_GRANTS} open grants; end one first.`);
  });
});

describe('revoking', () => {
  async function granted(w: World) {
    const grantor = await w.account('B2B');
    const grantee = await w.account('B2C');
    const view = await w.service.grant(
      w.tenant,
      w.principalOf(grantor),
      { granteeEmail: grantee.email, scopes: ['VIEW_CONTRACTS'] },
      META,
    );
    return { grantor, grantee, id: view.id };
  }

  it('either side may end a grant, audited with who ended it; a second end changes nothing', async () => {
    const w = world();
    for (const side of ['grantor', 'grantee'] as const) {
      const parties = await granted(w);
      const by = parties[side];
      w.clock.now = new Date(T0.getTime() + DAY);
      const view = await w.service.revoke(w.tenant, w.principalOf(by), parties.id, META);
      expect(view).toMatchObject({ id: parties.id, status: 'REVOKED', revokedAt: w.clock.now });
      expect(await w.service.model.findById(parties.id).lean()).toMatchObject({
        revokedAt: w.clock.now,
        revokedBy: `account:${by.id}`,
      });
      const event = (await w.events('delegation.revoked')).find((e) => e.targetId === parties.id);
      expect(event).toMatchObject({
        actor: `account:${by.id}`,
        targetType: 'delegation',
        details: { onBehalfOf: { clientId: parties.grantor.clientId, accountId: parties.grantor.id }, by: side },
      });

      const endedAt = w.clock.now;
      w.clock.now = new Date(T0.getTime() + 2 * DAY);
      expect(await w.service.revoke(w.tenant, w.principalOf(by), parties.id, META)).toMatchObject({
        revokedAt: endedAt,
        status: 'REVOKED',
      });
      expect((await w.events('delegation.revoked')).filter((e) => e.targetId === parties.id)).toHaveLength(1);
      w.clock.now = T0;
    }
  });

  it('anyone else, or the parties through another tenant, gets NOT_FOUND and the grant stays', async () => {
    const w = world();
    const { grantor, id } = await granted(w);
    const stranger = await w.account('B2B');
    await expect(w.service.revoke(w.tenant, w.principalOf(stranger), id, META)).rejects.toBeInstanceOf(NotFoundError);
    await expect(w.service.revoke(w.tenant, w.principalOf(stranger), id, META)).rejects.toThrow('The delegation was not found.');
    const otherTenant = { id: newTenantId('other') } as unknown as Tenant;
    await expect(w.service.revoke(otherTenant, w.principalOf(grantor), id, META)).rejects.toBeInstanceOf(NotFoundError);
    await expect(w.service.revoke(w.tenant, w.principalOf(grantor), 'no-such-id', META)).rejects.toBeInstanceOf(NotFoundError);
    expect((await w.service.model.findById(id).lean())?.revokedAt).toBeNull();
    expect(await w.events('delegation.revoked')).toEqual([]);
  });
});

describe('the lists and the data export', () => {
  it('show each side its own grants of this tenant, newest first, ended ones included', async () => {
    const w = world();
    const grantor = await w.account('B2B');
    const grantee = await w.account('B2C');
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      w.clock.now = new Date(T0.getTime() + i * 1000);
      ids.push(
        (
          await w.service.grant(
            w.tenant,
            w.principalOf(grantor),
            { granteeEmail: grantee.email, scopes: ['VIEW_CONTRACTS'] },
            META,
          )
        ).id,
      );
    }
    await w.service.revoke(w.tenant, w.principalOf(grantee), ids[0]!, META);
    const newestFirst = [...ids].reverse();
    expect((await w.service.granted(w.principalOf(grantor))).map((v) => v.id)).toEqual(newestFirst);
    expect((await w.service.received(w.principalOf(grantee))).map((v) => v.id)).toEqual(newestFirst);
    expect((await w.service.received(w.principalOf(grantee))).map((v) => v.status)).toEqual(['ACTIVE', 'ACTIVE', 'REVOKED']);
    expect(await w.service.granted(w.principalOf(grantee))).toEqual([]);
    expect(await w.service.received(w.principalOf(grantor))).toEqual([]);
    expect(await w.service.granted({ tenantId: newTenantId('other'), accountId: grantor.id })).toEqual([]);
    expect(await w.service.received({ tenantId: newTenantId('other'), accountId: grantee.id })).toEqual([]);

    const exported = await w.service.forExport(grantee);
    expect(exported.granted).toEqual([]);
    expect(exported.received.map((v) => v.id)).toEqual(newestFirst);
    expect((await w.service.forExport(grantor)).granted.map((v) => v.id)).toEqual(newestFirst);
  });
});

describe('contextFor: whether a grantee may act for the company now', () => {
  async function live(w: World, scopes = ['VIEW_INVOICES_ORDERS', 'SUBMIT_REQUESTS']) {
    const grantor = await w.account('B2B');
    const grantee = await w.account('B2C');
    const view = await w.service.grant(w.tenant, w.principalOf(grantor), { granteeEmail: grantee.email, scopes }, META);
    return { grantor, grantee, id: view.id };
  }

  it('gives the company and the data scopes of a live grant', async () => {
    const w = world();
    const { grantor, grantee, id } = await live(w);
    expect(await w.service.contextFor(w.tenant.id, grantee.id, id)).toEqual({
      delegationId: id,
      grantorAccountId: grantor.id,
      clientId: grantor.clientId,
      scopes: ['read:invoices', 'read:orders', 'read:requests', 'write:requests'],
    });
  });

  it('is null for someone else, another tenant, an unknown or absurd id', async () => {
    const w = world();
    const { grantor, grantee, id } = await live(w);
    expect(await w.service.contextFor(w.tenant.id, grantor.id, id)).toBeNull();
    expect(await w.service.contextFor(newTenantId('other'), grantee.id, id)).toBeNull();
    expect(await w.service.contextFor(w.tenant.id, grantee.id, randomUUID())).toBeNull();
    // A query object where an id belongs (a forged session value) never reaches the database.
    expect(await w.service.contextFor(w.tenant.id, grantee.id, { $in: [id] } as unknown as string)).toBeNull();
    expect(await w.service.contextFor(w.tenant.id, grantee.id, 'x'.repeat(101))).toBeNull();
  });

  it('accepts an id of exactly 100 characters', async () => {
    const w = world();
    const { grantor, grantee } = await live(w);
    const id = 'd'.repeat(100);
    await w.service.model.create(
      storedGrant(w.tenant, grantor, { _id: id, granteeEmail: grantee.email, granteeAccountId: grantee.id, activatedAt: T0 }),
    );
    expect(await w.service.contextFor(w.tenant.id, grantee.id, id)).toMatchObject({
      delegationId: id,
      scopes: ['read:contracts'],
    });
  });

  it('is null once revoked, and outside the grant’s dates by the service clock', async () => {
    const w = world();
    const until = new Date(T0.getTime() + DAY);
    const grantor = await w.account('B2B');
    const grantee = await w.account('B2C');
    const from = new Date(T0.getTime() + 1000);
    const { id } = await w.service.grant(
      w.tenant,
      w.principalOf(grantor),
      { granteeEmail: grantee.email, scopes: ['VIEW_CONTRACTS'], validFrom: from, validUntil: until },
      META,
    );
    expect(await w.service.contextFor(w.tenant.id, grantee.id, id)).toBeNull();
    w.clock.now = from;
    expect(await w.service.contextFor(w.tenant.id, grantee.id, id)).not.toBeNull();
    w.clock.now = until;
    expect(await w.service.contextFor(w.tenant.id, grantee.id, id)).toBeNull();

    w.clock.now = T0;
    const other = await live(w);
    await w.service.revoke(w.tenant, w.principalOf(other.grantor), other.id, META);
    expect(await w.service.contextFor(w.tenant.id, other.grantee.id, other.id)).toBeNull();
  });

  it('is null when the grantor is gone, blocked, moved to another tenant or company, or no longer B2B', async () => {
    const w = world();
    const changes: Array<Record<string, unknown>> = [
      { status: 'BLOCKED' },
      { tenantId: newTenantId('other') },
      { clientId: 'another-company' },
      { type: 'B2C' },
    ];
    for (const set of changes) {
      const { grantor, grantee, id } = await live(w);
      expect(await w.service.contextFor(w.tenant.id, grantee.id, id)).not.toBeNull();
      await accounts.update(grantor.id, set);
      expect(await w.service.contextFor(w.tenant.id, grantee.id, id), JSON.stringify(set)).toBeNull();
    }
    const { grantor, grantee, id } = await live(w);
    await accounts.accounts.deleteOne({ _id: grantor.id });
    expect(await w.service.contextFor(w.tenant.id, grantee.id, id)).toBeNull();
  });
});

describe('bindPending: grants waiting for an address bind when its account is activated', () => {
  it('binds each waiting grant of the tenant once, audited, and skips ended, foreign and self grants', async () => {
    const w = world();
    const grantor = await w.account('B2B');
    const grantee = await w.account('B2C', 'INVITED');
    const give = async () =>
      (await w.service.grant(w.tenant, w.principalOf(grantor), { granteeEmail: grantee.email, scopes: ['VIEW_CONTRACTS'] }, META))
        .id;
    const [first, second, ended] = [await give(), await give(), await give()];
    await w.service.revoke(w.tenant, w.principalOf(grantor), ended, META);
    // A grant that names the activating account as its own grantor (written before the self check existed).
    const own = randomUUID();
    await w.service.model.create(storedGrant(w.tenant, grantee, { _id: own, granteeEmail: grantee.email }));
    // The same address in another tenant is somebody else.
    const elsewhere = world();
    const foreignGrantor = await elsewhere.account('B2B');
    const foreign = (
      await elsewhere.service.grant(
        elsewhere.tenant,
        elsewhere.principalOf(foreignGrantor),
        { granteeEmail: grantee.email, scopes: ['VIEW_CONTRACTS'] },
        META,
      )
    ).id;

    w.clock.now = new Date(T0.getTime() + DAY);
    const active = { ...grantee, status: 'ACTIVE' as const };
    expect(await w.service.bindPending(active, META)).toBe(2);
    for (const id of [first, second])
      expect(await w.service.model.findById(id).lean()).toMatchObject({ granteeAccountId: grantee.id, activatedAt: w.clock.now });
    for (const id of [ended, own]) expect((await w.service.model.findById(id).lean())?.granteeAccountId).toBeNull();
    expect((await elsewhere.service.model.findById(foreign).lean())?.granteeAccountId).toBeNull();
    const activations = await w.events('delegation.activated');
    expect(activations.map((e) => e.targetId).sort()).toEqual([first, second].sort());
    expect(activations.every((e) => e.actor === `account:${grantee.id}`)).toBe(true);

    expect(await w.service.bindPending(active, META)).toBe(0);
    expect(await w.events('delegation.activated')).toHaveLength(2);
  });
});

describe('an audit trail that cannot be written', () => {
  it('refuses the grant and stores nothing', async () => {
    const w = world();
    const grantor = await w.account('B2B');
    const broken = new DelegationService({
      connection: db(),
      accounts,
      audit: { append: () => Promise.reject(new Error('audit down')) } as unknown as AuditService,
      now: () => T0,
    });
    await expect(
      broken.grant(w.tenant, w.principalOf(grantor), { granteeEmail: 'x@example.nl', scopes: ['VIEW_CONTRACTS'] }, META),
    ).rejects.toThrow();
    expect(await broken.model.countDocuments({ tenantId: w.tenant.id })).toBe(0);
  });

  it('does not undo a grant whose activation could not be recorded: the activation is logged instead', async () => {
    const w = world();
    const grantor = await w.account('B2B');
    const grantee = await w.account('B2C');
    const logged: string[] = [];
    // An audit trail that records everything but the activation.
    const failingActivation = {
      append: (event: { type: string }) =>
        event.type === 'delegation.activated' ? Promise.reject(new Error('audit down')) : audit.append(event as never),
    } as unknown as AuditService;
    const flaky = new DelegationService({
      connection: db(),
      accounts,
      audit: failingActivation,
      logger: { error: (_fields: unknown, message: string) => logged.push(message) } as never,
      now: () => T0,
    });
    const view = await flaky.grant(
      w.tenant,
      w.principalOf(grantor),
      { granteeEmail: grantee.email, scopes: ['VIEW_CONTRACTS'] },
      META,
    );
    expect(view).toMatchObject({ granteeBound: true, status: 'ACTIVE' });
    expect(logged).toEqual(['audit: could not record a delegation activation']);
    // Without a logger the failure is still swallowed, not turned into a failed grant.
    const silent = new DelegationService({
      connection: db(),
      accounts,
      audit: failingActivation,
      now: () => T0,
    });
    const other = await w.account('B2C');
    await expect(
      silent.grant(w.tenant, w.principalOf(grantor), { granteeEmail: other.email, scopes: ['VIEW_CONTRACTS'] }, META),
    ).resolves.toMatchObject({ status: 'ACTIVE' });
  });
});
