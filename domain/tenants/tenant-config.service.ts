import { NotFoundError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import { audited, type AuditWriter } from '../audit/index.js';
import type { StaffPrincipal } from '../principal.js';
import { diffPortalSettings } from './config/diff.js';
import { tenantConfigError } from './config/problems.js';
import { claimedHosts } from './config/hosts.js';
import { hostTakenMessage, shownHost, validateTenantConfig, type TenantConfigChanges } from './config/validate.js';
import type { HostClaims } from './host-claims.js';
import type { PortalAssetStore } from './portal-assets.js';
import type { Tenant, TenantDirectory } from './tenant-directory.js';

export interface TenantConfigServiceDeps {
  tenants: TenantDirectory;
  assets: PortalAssetStore;
  audit: AuditWriter;
  logger?: Logger;
  now?: () => Date;
  /**
   * Host names that address the gateway itself (its PUBLIC_URL): no tenant may claim them, and
   * subdomains live under them.
   */
  reservedHosts?: readonly string[];
  /** The database register of hosts, which keeps them unique under concurrent saves. */
  hostClaims: HostClaims;
}

/**
 * A tenant admin's portal configuration: read it, and save changes to it. A save is validated
 * as a whole (one error listing every problem), audited as `tenant.config-saved` with a readable
 * diff, and takes effect at once in this process (tenant resolution, widget origins, features);
 * other processes pick it up with their next directory refresh.
 */
export class TenantConfigService {
  private readonly now: () => Date;

  constructor(private readonly deps: TenantConfigServiceDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  get(tenantId: string): Tenant {
    const tenant = this.deps.tenants.get(tenantId);
    if (!tenant) throw new NotFoundError('The tenant');
    return tenant;
  }

  async save(
    tenantId: string,
    changes: TenantConfigChanges,
    principal: StaffPrincipal,
    client: { ip?: string | null; userAgent?: string | null } = {},
  ): Promise<Tenant> {
    // Uniqueness of hosts is judged against the stored tenants, not a snapshot seconds old.
    await this.deps.tenants.refresh();
    const tenant = this.get(tenantId);
    const otherTenants = this.deps.tenants
      .list()
      .filter((other) => other.id !== tenantId)
      .map((other) => ({ id: other.id, customDomain: other.portal.customDomain, subdomain: other.portal.subdomain }));
    const gatewayHosts = this.deps.reservedHosts ?? [];
    const result = validateTenantConfig(changes, tenant.portal, { otherTenants, reservedHosts: gatewayHosts });
    if (!result.ok) throw tenantConfigError(result.problems);

    // The snapshot check above can be raced by a save in another process or request; the
    // unique-keyed claims cannot. Hosts kept from before are claimed too, which backfills them.
    const claims = claimedHosts(result.settings, gatewayHosts);
    const claimed = await this.deps.hostClaims.claim(tenantId, claims, this.now());
    if (claimed.conflicts.length) {
      const firstPerField = claimed.conflicts.filter(
        (conflict, index, all) => all.findIndex((other) => other.claim.field === conflict.claim.field) === index,
      );
      throw tenantConfigError(
        firstPerField.map(({ claim, owner }) => ({
          field: claim.field,
          code: 'HOST_TAKEN' as const,
          message: hostTakenMessage(claim, result.settings.subdomain, owner),
          params: { host: shownHost(claim), tenant: owner.id },
        })),
      );
    }
    try {
      const saved = await this.store(tenantId, tenant, result, principal, client);
      await this.deps.hostClaims.releaseAllBut(
        tenantId,
        claims.map((claim) => claim.host),
      );
      return saved;
    } catch (error) {
      await this.deps.hostClaims.releaseHosts(tenantId, claimed.added);
      throw error;
    }
  }

  private async store(
    tenantId: string,
    tenant: Tenant,
    result: Extract<ReturnType<typeof validateTenantConfig>, { ok: true }>,
    principal: StaffPrincipal,
    client: { ip?: string | null; userAgent?: string | null },
  ): Promise<Tenant> {
    // Content-addressed and unreferenced until the settings point at them: safe to store first.
    for (const upload of result.uploads) await this.deps.assets.put(upload);
    const diff = diffPortalSettings(tenant.portal, result.settings, result.uploads);
    return audited(
      this.deps.audit,
      {
        tenantId,
        type: 'tenant.config-saved',
        principal,
        target: { type: 'tenant', id: tenantId },
        details: { firstSave: !tenant.portalSaved, ...diff },
        client,
      },
      () => this.deps.tenants.savePortal(tenantId, result.settings, principal.loginName, this.now()),
      { logger: this.deps.logger },
    );
  }
}
