import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSecretBox } from '../../core/secret-box.js';
import { useTestDatabase } from '../../test/db.js';
import { defaultPortalSettings } from './portal-settings.js';
import { storedTenants } from './stored-tenants.js';
import { createTenantDirectory, type TenantInput } from './tenant-directory.js';
import { tenantModel } from './tenant.model.js';

/**
 * The tenant directory on the real database: which tenant a host belongs to, the service
 * account's sealed app password, and how a second process's writes reach this one's snapshot.
 * Each test makes its own tenant ids; the tests share one database.
 */
const db = useTestDatabase();
const SECRET = 'tenant-directory-test-secret-0123456789abcdef';
const directory = () => createTenantDirectory(db(), SECRET);
const newId = () => `t-${randomBytes(4).toString('hex')}`;
const input = (id: string, overrides: Partial<TenantInput['nextcloud']> = {}, timeZone?: string): TenantInput => ({
  id,
  nextcloud: { baseUrl: 'https://cloud.example.nl', loginName: 'svc', appPassword: 'app-Password-1', ...overrides },
  ...(timeZone ? { timeZone } : {}),
});

describe('TenantDirectory', () => {
  it('is empty for the start-up key check until the first tenant is stored', async () => {
    const tenants = await storedTenants(db());
    expect(await tenants.any()).toBe(false);
    await directory().upsert(input(newId()));
    expect(await tenants.any()).toBe(true);
  });

  it('stores the app password sealed, opens it for the connector only with the right key, and knows no other tenant', async () => {
    const id = newId();
    const tenants = directory();
    const tenant = await tenants.upsert(input(id));
    expect(JSON.stringify(tenant)).not.toContain('app-Password-1');
    const stored = await tenantModel(db()).findById(id).lean();
    expect(JSON.stringify(stored)).not.toContain('app-Password-1');
    expect(tenants.appPasswordOf(id)).toBe('app-Password-1');

    const otherKey = createTenantDirectory(db(), 'another-secret-key-0123456789abcdef-xyz');
    await otherKey.refresh();
    expect(() => otherKey.appPasswordOf(id)).toThrow();
    expect(() => tenants.appPasswordOf(newId())).toThrow(/unknown tenant/);
  });

  it('keeps opening app passwords sealed by earlier releases under the same key', async () => {
    const id = newId();
    const sealed = createSecretBox(SECRET, 'tenant-credentials').seal('stored-long-ago');
    await tenantModel(db()).create({
      _id: id,
      nextcloud: {
        baseUrl: 'https://cloud.example.nl',
        loginName: 'svc',
        appPasswordSealed: sealed,
        register: 'pipelinq',
        schemas: { request: 7 as unknown as string, client: '', contract: 'contracten' },
      },
    });
    const tenants = directory();
    await tenants.refresh();
    expect(tenants.appPasswordOf(id)).toBe('stored-long-ago');
    // Whatever else an old document holds, only real schema choices come through.
    expect(tenants.get(id)?.nextcloud.schemas).toEqual({ contract: 'contracten' });
  });

  it('fills in what an operator left out and drops trailing slashes and default schema names', async () => {
    const id = newId();
    const tenant = await directory().upsert(
      input(id, {
        baseUrl: 'https://cloud.example.nl//',
        schemas: { client: 'client', salesContract: ' contracten ', request: '  ', contact: 'personen' },
      }),
    );
    expect(tenant.nextcloud.schemas).toEqual({ contract: 'contracten', contact: 'personen' });
    expect(tenant).toMatchObject({
      id,
      nextcloud: {
        baseUrl: 'https://cloud.example.nl',
        loginName: 'svc',
        register: 'pipelinq',
        schemas: { contract: 'contracten' },
        fieldMapping: null,
      },
      timeZone: 'Europe/Amsterdam',
      portal: defaultPortalSettings(),
      portalSaved: false,
      portalSavedBy: null,
      portalSavedAt: null,
    });
    expect(tenant.revision).toMatch(/^\d{4}-\d\d-\d\dT/);
    // The documented defaults of a portal nobody configured yet.
    expect(tenant.portal).toMatchObject({
      enabledFeatures: ['INVOICES', 'CONTRACTS', 'ORDERS', 'REQUESTS', 'DOCUMENTS', 'PROFILE'],
      b2bEnabled: true,
      b2cEnabled: true,
      colleagueInvitesEnabled: false,
      dpoGroup: 'dpo',
      language: 'nl',
    });
    const edited = await directory().upsert(input(id, { register: 'crm', fieldMapping: { client: {} } }, 'Europe/Brussels'));
    expect(edited).toMatchObject({ nextcloud: { register: 'crm', fieldMapping: { client: {} } }, timeZone: 'Europe/Brussels' });
  });

  it('seeds a tenant once and leaves what an operator changed afterwards alone', async () => {
    const id = newId();
    const tenants = directory();
    const first = await tenants.seed(input(id));
    expect(first.created).toBe(true);
    expect(first.tenant).toMatchObject({
      id,
      timeZone: 'Europe/Amsterdam',
      portalSaved: false,
      nextcloud: { register: 'pipelinq' },
    });
    expect(tenants.appPasswordOf(id)).toBe('app-Password-1');

    await tenants.upsert(input(id, { loginName: 'operator-choice', appPassword: 'changed' }));
    const again = await directory().seed(input(id, { loginName: 'from-env', appPassword: 'env' }, 'UTC'));
    expect(again.created).toBe(false);
    expect(again.tenant).toMatchObject({ nextcloud: { loginName: 'operator-choice' }, timeZone: 'Europe/Amsterdam' });
    expect(tenants.appPasswordOf(id)).toBe('changed');
  });

  it('moves a tenant to another Nextcloud address and keeps its other settings', async () => {
    const id = newId();
    const neighbour = `a-${randomBytes(4).toString('hex')}`; // sorts first: an unfiltered update would hit it
    const tenants = directory();
    await tenants.upsert(input(neighbour));
    await tenants.upsert(input(id, { loginName: 'keeper' }));
    await tenants.repointNextcloud(id, 'http://127.0.0.1:4321///');
    expect(tenants.get(id)).toMatchObject({ nextcloud: { baseUrl: 'http://127.0.0.1:4321', loginName: 'keeper' } });
    expect(tenants.get(neighbour)?.nextcloud.baseUrl).toBe('https://cloud.example.nl');
    expect(tenants.appPasswordOf(id)).toBe('app-Password-1');
  });

  it('saves portal settings with who and when, and refuses a tenant that does not exist', async () => {
    const id = newId();
    const tenants = directory();
    await tenants.upsert(input(id));
    const savedAt = new Date('2026-05-01T08:00:00Z');
    const portal = { ...defaultPortalSettings(), displayName: 'Bakker', customDomain: `portal.${id}.nl` };
    expect(await tenants.savePortal(id, portal, 'admin', savedAt)).toMatchObject({
      portal,
      portalSaved: true,
      portalSavedBy: 'admin',
      portalSavedAt: savedAt,
    });
    const missing = newId();
    await expect(tenants.savePortal(missing, portal, 'admin', savedAt)).rejects.toThrow(`unknown tenant ${missing}`);
    expect(tenants.get(missing)).toBeUndefined();
  });

  it('finds a tenant by its own custom domain or subdomain only', async () => {
    const [a, b] = [newId(), newId()];
    const tenants = directory();
    await tenants.upsert(input(a));
    await tenants.upsert(input(b));
    const settings = defaultPortalSettings();
    await tenants.savePortal(a, { ...settings, customDomain: `portal.${a}.nl`, subdomain: `s${a}` }, 'admin', new Date());
    await tenants.savePortal(b, { ...settings, customDomain: `portal.${b}.nl`, subdomain: `s${b}` }, 'admin', new Date());
    expect(tenants.byCustomDomain(`portal.${b}.nl`)?.id).toBe(b);
    expect(tenants.byCustomDomain(`portal.${a}.nl`)?.id).toBe(a);
    expect(tenants.bySubdomain(`s${b}`)?.id).toBe(b);
    expect(tenants.bySubdomain(`s${a}`)?.id).toBe(a);
    expect(tenants.byCustomDomain(`s${a}`)).toBeUndefined();
    expect(tenants.bySubdomain(`portal.${a}.nl`)).toBeUndefined();
    const ids = tenants.list().map((tenant) => tenant.id);
    expect(ids).toEqual([...ids].sort());
    expect(ids).toEqual(expect.arrayContaining([a, b]));
  });

  it('tells listeners which tenant another process changed or removed, and stops when they unsubscribe', async () => {
    const id = newId();
    const mine = directory();
    const theirs = directory();
    await theirs.upsert(input(id));
    await mine.refresh();
    const heard: string[] = [];
    const unsubscribe = mine.onChange((tenantId) => heard.push(tenantId));

    await mine.refresh();
    expect(heard).toEqual([]); // nothing changed

    await new Promise((resolve) => setTimeout(resolve, 5)); // a new updatedAt
    await theirs.savePortal(id, { ...defaultPortalSettings(), displayName: 'Elders' }, 'admin', new Date());
    expect(mine.get(id)?.portal.displayName).toBe('Klantportaal');
    await mine.refresh();
    expect(heard).toEqual([id]);
    expect(mine.get(id)?.portal.displayName).toBe('Elders');

    await tenantModel(db()).deleteOne({ _id: id });
    await mine.refresh();
    expect(heard).toEqual([id, id]);
    expect(mine.get(id)).toBeUndefined();

    unsubscribe();
    await theirs.upsert(input(id));
    await mine.refresh();
    expect(heard).toEqual([id, id]);
  });

  it('refreshes on its own while started, and no longer once stopped', async () => {
    const id = newId();
    const mine = directory();
    await mine.start(20);
    try {
      await directory().upsert(input(id));
      await expect.poll(() => mine.get(id)?.id, { timeout: 2_000 }).toBe(id);
    } finally {
      mine.stop();
    }
    const later = newId();
    await directory().upsert(input(later));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(mine.get(later)).toBeUndefined();
  });
});
