import { NotFoundError } from '../../core/errors.js';
import { listAccounts, personNamesOf, type AccountListFilter, type AccountListPage } from '../accounts/account-list.js';
import type { Account, AccountStatus } from '../accounts/account.types.js';
import type { Services } from '../services.js';
import type { ConnectionReport } from '../tenants/connection/report.js';
import type { Tenant } from '../tenants/tenant-directory.js';
import { staffOf } from './principals.js';
import type { ScopeFacts } from './request-scope.js';

type TenantConfigChanges = Parameters<Services['tenantConfig']['save']>[1];
type Readiness = Awaited<ReturnType<Services['tenantReadiness']['status']>>;

/**
 * A tenant admin's work: configuration, connection checks and portal accounts. Every method takes
 * the tenant the field names; the ruleset has already matched it with the admin's own tenant.
 */
export function tenantAdminFacade(services: Services, scope: ScopeFacts) {
  const tenantOf = (tenantId: string): Tenant => {
    const tenant = services.tenants.get(tenantId);
    if (!tenant) throw new NotFoundError('The tenant');
    return tenant;
  };

  return {
    config(tenantId: string): Tenant {
      return services.tenantConfig.get(tenantId);
    },
    saveConfig(tenantId: string, changes: TenantConfigChanges): Promise<Tenant> {
      return services.tenantConfig.save(tenantId, changes, staffOf(scope.principal, 'saveTenantConfig'), scope.meta);
    },
    async connectionCheck(tenantId: string): Promise<ConnectionReport> {
      return services.tenantReadiness.deepCheck(tenantOf(tenantId).id);
    },
    async readiness(tenantId: string): Promise<Readiness> {
      return services.tenantReadiness.status(tenantOf(tenantId).id);
    },
    /** Names are a convenience: an unreachable Nextcloud shows the list without them. */
    async listAccounts(
      tenantId: string,
      filter: AccountListFilter,
      page: { first?: number | null; after?: string | null },
    ): Promise<AccountListPage & { names: Map<string, string | null> }> {
      const tenant = tenantOf(tenantId);
      const found = await listAccounts(services.accounts.repository, tenant.id, filter, page);
      const names = await personNamesOf(services.nextcloud.for(tenant.id), found.accounts).catch((error: unknown) => {
        scope.logger.warn({ err: error, tenantId: tenant.id }, 'contact names for the accounts list unavailable');
        return new Map<string, string | null>();
      });
      return { ...found, names };
    },
    setAccountStatus(tenantId: string, accountId: string, status: AccountStatus): Promise<Account> {
      return services.accounts.setStatus(tenantOf(tenantId), accountId, status, { principal: scope.principal, meta: scope.meta });
    },
  };
}

export type TenantAdminFacade = ReturnType<typeof tenantAdminFacade>;
