import { randomBytes } from 'node:crypto';
import { NotFoundError } from '../../core/errors.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSecretBox } from '../../core/secret-box.js';
import { useTestDatabase } from '../../test/db.js';
import type { AuditEvent, AuditEventInput, AuditWriter } from '../audit/index.js';
import type { StaffPrincipal } from '../principal.js';
import { portalAssetModel } from './portal-asset.model.js';
import { PortalAssetStore } from './portal-assets.js';
import { TEST_IMAGES, dataUrl } from './config/test-images.js';
import { HostClaims } from './host-claims.js';
import { TenantConfigService } from './tenant-config.service.js';
import { TenantDirectory } from './tenant-directory.js';
import { tenantModel } from './tenant.model.js';

/** Records appends, or fails them, like the real audit trail would when its store is down. */
function fakeAudit(options: { fail?: boolean } = {}): AuditWriter & { appended: AuditEventInput[] } {
  const appended: AuditEventInput[] = [];
  return {
    appended,
    async append(input) {
      if (options.fail) throw new Error('audit store unreachable');
      appended.push(input);
      return { seq: appended.length } as AuditEvent;
    },
  };
}

describe('TenantConfigService', () => {
  const db = useTestDatabase();
  const box = createSecretBox('tenant-config-service-test-secret-0123456789', 'tenant-credentials');
  const directory = () => new TenantDirectory(tenantModel(db()), box);
  const claims = () => new HostClaims(db());
  const adminOf = (tenantId: string): StaffPrincipal => ({
    kind: 'staff',
    tenantId,
    loginName: 'admin',
    roles: ['ADMIN'],
    sessionId: 's',
  });
  const newTenant = async (tenants: TenantDirectory) => {
    const id = `t-${randomBytes(4).toString('hex')}`;
    await tenants.upsert({
      id,
      nextcloud: { baseUrl: 'https://cloud.example.nl', loginName: 'svc', appPassword: 'app-password' },
    });
    return id;
  };
  let assets: PortalAssetStore;
  beforeAll(() => {
    assets = new PortalAssetStore(portalAssetModel(db()));
  });

  it('saves nothing when the audit event cannot be written', async () => {
    const tenants = directory();
    const id = await newTenant(tenants);
    const service = new TenantConfigService({ tenants, assets, audit: fakeAudit({ fail: true }), hostClaims: claims() });
    await expect(service.save(id, { displayName: 'Bakker' }, adminOf(id))).rejects.toThrow('audit store unreachable');
    await tenants.refresh();
    expect(tenants.get(id)).toMatchObject({ portalSaved: false, portal: { displayName: 'Klantportaal' } });
  });

  it('audits the save with the diff and who did it, and stamps the tenant', async () => {
    const tenants = directory();
    const id = await newTenant(tenants);
    const audit = fakeAudit();
    const savedAt = new Date('2026-03-01T10:00:00Z');
    const service = new TenantConfigService({ tenants, assets, audit, now: () => savedAt, hostClaims: claims() });
    const saved = await service.save(id, { displayName: 'Bakker', mfaRequired: true }, adminOf(id), { ip: '192.0.2.1' });
    expect(saved).toMatchObject({
      portalSaved: true,
      portalSavedBy: 'admin',
      portalSavedAt: savedAt,
      portal: { displayName: 'Bakker', mfaRequired: true },
    });
    expect(audit.appended).toEqual([
      expect.objectContaining({
        tenantId: id,
        type: 'tenant.config-saved',
        target: { type: 'tenant', id },
        client: { ip: '192.0.2.1' },
        details: {
          firstSave: true,
          changedFields: ['displayName', 'mfaRequired'],
          changes: { displayName: { from: 'Klantportaal', to: 'Bakker' }, mfaRequired: { from: false, to: true } },
        },
      }),
    ]);
  });

  it('sees a domain another process saved a moment ago, however old its own snapshot', async () => {
    const mine = directory();
    const theirs = directory();
    const first = await newTenant(theirs);
    const second = await newTenant(theirs);
    await mine.refresh(); // knows both tenants, neither with a domain
    await new TenantConfigService({ tenants: theirs, assets, audit: fakeAudit(), hostClaims: claims() }).save(
      first,
      { customDomain: `portal.${first}.example` },
      adminOf(first),
    );
    const service = new TenantConfigService({ tenants: mine, assets, audit: fakeAudit(), hostClaims: claims() });
    await expect(service.save(second, { customDomain: `portal.${first}.example` }, adminOf(second))).rejects.toMatchObject({
      extensions: {
        code: 'BAD_USER_INPUT',
        problems: [
          { field: 'customDomain', message: `Custom domain portal.${first}.example is already used by tenant "${first}".` },
        ],
      },
    });
  });

  it('refuses to save for a tenant that does not exist', async () => {
    const tenants = directory();
    const service = new TenantConfigService({ tenants, assets, audit: fakeAudit(), hostClaims: claims() });
    await expect(service.save('t-nobody', { displayName: 'Bakker' }, adminOf('t-nobody'))).rejects.toThrow(
      new NotFoundError('The tenant'),
    );
    await expect(service.save('t-nobody', {}, adminOf('t-nobody'))).rejects.toThrow('The tenant was not found.');
    expect(() => service.get('t-nobody')).toThrow(NotFoundError);
  });

  it('lets a tenant save again with the hosts it already has, and audits a later save as no first save', async () => {
    const tenants = directory();
    const id = await newTenant(tenants);
    const audit = fakeAudit();
    const service = new TenantConfigService({
      tenants,
      assets,
      audit,
      hostClaims: claims(),
      reservedHosts: ['portal.example.nl'],
    });
    const hosts = { customDomain: `portal.${id}.example`, subdomain: `s${id.slice(2)}` };
    await service.save(id, hosts, adminOf(id));
    const again = await service.save(id, { ...hosts, displayName: 'Bakker' }, { ...adminOf(id), loginName: 'second-admin' });
    expect(again).toMatchObject({ portal: { ...hosts, displayName: 'Bakker' }, portalSavedBy: 'second-admin' });
    expect(service.get(id).portal.displayName).toBe('Bakker');
    expect(again.portalSavedAt!.getTime()).toBeGreaterThan(Date.now() - 60_000);
    // The register still holds the hosts for this tenant: nobody else can claim them.
    const taken = await claims().claim('t-intruder', [{ host: hosts.customDomain, field: 'customDomain' }]);
    expect(taken.conflicts).toEqual([
      { claim: { host: hosts.customDomain, field: 'customDomain' }, owner: { id, field: 'customDomain' } },
    ]);
    expect(audit.appended.map((event) => event.details)).toMatchObject([{ firstSave: true }, { firstSave: false }]);
  });

  it('stores an uploaded logo before the settings point at it', async () => {
    const tenants = directory();
    const id = await newTenant(tenants);
    const service = new TenantConfigService({ tenants, assets, audit: fakeAudit(), hostClaims: claims() });
    const saved = await service.save(id, { logo: dataUrl('image/png', TEST_IMAGES.png) }, adminOf(id));
    const asset = await assets.get(saved.portal.logo!.sha256);
    expect(asset?.data.equals(TEST_IMAGES.png)).toBe(true);
  });

  it('refuses, once per field, a host the register gives to someone its snapshot does not show', async () => {
    const tenants = directory();
    const id = await newTenant(tenants);
    const label = `g${id.slice(2)}`;
    // Held in the register by a save that has not reached the tenants yet.
    await claims().claim('t-ghost', [
      { host: `${label}.*`, field: 'subdomain' },
      { host: `${label}.portal.example.nl`, field: 'subdomain' },
      { host: `${label}.example.nl`, field: 'customDomain' },
    ]);
    const service = new TenantConfigService({
      tenants,
      assets,
      audit: fakeAudit(),
      hostClaims: claims(),
      reservedHosts: ['portal.example.nl'],
    });
    await expect(service.save(id, { subdomain: label, customDomain: `${label}.example.nl` }, adminOf(id))).rejects.toMatchObject({
      extensions: {
        code: 'BAD_USER_INPUT',
        problems: [
          {
            field: 'customDomain',
            code: 'HOST_TAKEN',
            message: `Custom domain ${label}.example.nl is already used by tenant "t-ghost".`,
            params: { host: `${label}.example.nl`, tenant: 't-ghost' },
          },
          {
            field: 'subdomain',
            code: 'HOST_TAKEN',
            message: `Subdomain ${label} is already used by tenant "t-ghost".`,
            params: { host: label, tenant: 't-ghost' },
          },
        ],
      },
    });
    expect(tenants.get(id)?.portalSaved).toBe(false);
  });

  it('refuses a domain of a tenant saved before the host register existed, which holds no claim yet', async () => {
    const tenants = directory();
    const older = await newTenant(tenants);
    const id = await newTenant(tenants);
    const host = `portal.${older}.example`;
    // Stored straight into the settings, the way releases before the register did.
    await tenants.savePortal(older, { ...tenants.get(older)!.portal, customDomain: host }, 'admin', new Date());
    const service = new TenantConfigService({ tenants, assets, audit: fakeAudit(), hostClaims: claims() });
    await expect(service.save(id, { customDomain: host }, adminOf(id))).rejects.toMatchObject({
      extensions: { problems: [{ field: 'customDomain', code: 'HOST_TAKEN', params: { host, tenant: older } }] },
    });
    // Its own save keeps the domain and backfills the claim.
    await service.save(older, { displayName: 'Ouder' }, adminOf(older));
    expect((await claims().claim('t-intruder', [{ host, field: 'customDomain' }])).conflicts).toHaveLength(1);
  });

  describe('two admins saving the same host at the same moment', () => {
    // Each admin works through their own process: own directory snapshot, own service.
    const serviceOf = (tenants: TenantDirectory, reservedHosts = ['portal.example.nl']) =>
      new TenantConfigService({ tenants, assets, audit: fakeAudit(), hostClaims: claims(), reservedHosts });

    it('lets exactly one of two concurrent custom-domain saves win, however often it is tried', async () => {
      for (let round = 0; round < 5; round++) {
        const [a, b] = [directory(), directory()];
        const first = await newTenant(a);
        const second = await newTenant(a);
        await b.refresh();
        const host = `shop-${round}-${first}.example.nl`;
        const results = await Promise.allSettled([
          serviceOf(a).save(first, { customDomain: host }, adminOf(first)),
          serviceOf(b).save(second, { customDomain: host }, adminOf(second)),
        ]);
        expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
        const refused = results.find((result) => result.status === 'rejected');
        expect(refused?.reason).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', problems: [{ field: 'customDomain' }] } });
        await a.refresh();
        expect([a.get(first)!.portal.customDomain, a.get(second)!.portal.customDomain].filter(Boolean)).toEqual([host]);
      }
    });

    it('refuses a custom domain saved at the same moment as the same host through a subdomain', async () => {
      const [a, b] = [directory(), directory()];
      const first = await newTenant(a);
      const second = await newTenant(a);
      await b.refresh();
      const label = `s${first.slice(2)}`;
      const results = await Promise.allSettled([
        serviceOf(a).save(first, { subdomain: label }, adminOf(first)),
        serviceOf(b).save(second, { customDomain: `${label}.portal.example.nl` }, adminOf(second)),
      ]);
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    });

    it('frees a host once its tenant lets go of it, and keeps it when the save fails', async () => {
      const tenants = directory();
      const first = await newTenant(tenants);
      const second = await newTenant(tenants);
      const host = `moving-${first}.example.nl`;
      await serviceOf(tenants).save(first, { customDomain: host }, adminOf(first));
      const failing = new TenantConfigService({ tenants, assets, audit: fakeAudit({ fail: true }), hostClaims: claims() });
      await expect(failing.save(first, { customDomain: null }, adminOf(first))).rejects.toThrow('audit store unreachable');
      await expect(serviceOf(tenants).save(second, { customDomain: host }, adminOf(second))).rejects.toMatchObject({
        extensions: { code: 'BAD_USER_INPUT' },
      });
      await serviceOf(tenants).save(first, { customDomain: null }, adminOf(first));
      await expect(serviceOf(tenants).save(second, { customDomain: host }, adminOf(second))).resolves.toMatchObject({
        portal: { customDomain: host },
      });
    });

    it('does not hold a new host when the save that claimed it fails', async () => {
      const tenants = directory();
      const first = await newTenant(tenants);
      const second = await newTenant(tenants);
      const host = `failed-${first}.example.nl`;
      const failing = new TenantConfigService({ tenants, assets, audit: fakeAudit({ fail: true }), hostClaims: claims() });
      await expect(failing.save(first, { customDomain: host }, adminOf(first))).rejects.toThrow('audit store unreachable');
      await expect(serviceOf(tenants).save(second, { customDomain: host }, adminOf(second))).resolves.toMatchObject({
        portal: { customDomain: host },
      });
    });
  });
});
