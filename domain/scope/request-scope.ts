import type { Logger } from '../../core/logger.js';
import type { NextcloudConnector } from '../../nextcloud/connector.js';
import { guardedReads, type RequestUpstreamGuard } from '../../nextcloud/upstream-guard.js';
import type { AuditWriter } from '../audit/index.js';
import { PortalDataReader } from '../portal-data/portal-data-reader.js';
import { createRecordLoaders, type RecordLoaders } from '../portal-data/record-loaders.js';
import { viewerOf, type Viewer } from '../portal-data/viewer.js';
import type { Principal } from '../principal.js';
import type { RequestMeta } from '../request-meta.js';
import type { Services } from '../services.js';
import type { Tenant } from '../tenants/tenant-directory.js';
import { accountFacade, type AccountFacade } from './account.facade.js';
import { auditFacade, type AuditFacade } from './audit.facade.js';
import { avgFacade, type AvgFacade } from './avg.facade.js';
import { delegationFacade, type DelegationFacade } from './delegation.facade.js';
import { portalDataFacade, type PortalDataFacade } from './portal-data.facade.js';
import { profileFacade, type ProfileFacade } from './profile.facade.js';
import { tenantAdminFacade, type TenantAdminFacade } from './tenant-admin.facade.js';

/** Facts about the HTTP request that answers and audit events need. */
export interface RequestFacts extends RequestMeta {
  /** Absolute base URL of this gateway as the client sees it (the tenant's host it was reached on), for links in answers. */
  publicUrl: string;
  /** The tenant's own address (custom domain, subdomain or PUBLIC_URL), for links in mails; publicUrl when absent. */
  tenantUrl?: string;
  origin: string | null;
}

export interface RequestScopeInput {
  tenant: Tenant;
  principal: Principal;
  request: RequestFacts;
  /**
   * This request's budget of Nextcloud calls and its principal's bulkhead (issue 10, item 2).
   * Set by the gateway; absent where no edge is involved (jobs, CLIs, resolver tests).
   */
  upstream?: RequestUpstreamGuard;
}

/**
 * Everything one request may touch, bound once: the tenant, who is calling, the request's facts,
 * the tenant's Nextcloud connector, the per-request loaders and the per-domain façades. Resolvers
 * and routes get this instead of the application's services, so the tenant and principal are never
 * picked again further down, and nothing user-specific outlives the request: the loaders hang off
 * this object (made on first use) and go with it.
 */
export class RequestScope {
  readonly tenant: Tenant;
  readonly principal: Principal;
  readonly request: RequestFacts;
  readonly upstream?: RequestUpstreamGuard;
  // Apollo copies the context object per operation of a batch (own properties onto the same
  // prototype), which would lose `#private` fields: so plain TypeScript-private ones.
  private readonly services: Services;
  private memoNextcloud?: NextcloudConnector;
  private memoRecords?: RecordLoaders;
  private memoReader?: PortalDataReader;
  private memoAccounts?: AccountFacade;
  private memoAuditTrail?: AuditFacade;
  private memoAvg?: AvgFacade;
  private memoDelegations?: DelegationFacade;
  private memoPortalData?: PortalDataFacade;
  private memoProfile?: ProfileFacade;
  private memoTenantAdmin?: TenantAdminFacade;

  constructor(services: Services, input: RequestScopeInput) {
    this.services = services;
    this.tenant = input.tenant;
    this.principal = input.principal;
    this.request = input.request;
    this.upstream = input.upstream;
  }

  /**
   * The tenant's Nextcloud; writes go here, reads through the loaders so they are charged to the
   * budget. Made on first use: a request that never reaches Nextcloud (the public `portal`) never
   * opens the tenant's sealed credentials.
   */
  get nextcloud(): NextcloudConnector {
    return (this.memoNextcloud ??= this.services.nextcloud.for(this.tenant.id));
  }

  /** What every audited action records about the request. */
  get meta(): RequestMeta {
    return { ip: this.request.ip, userAgent: this.request.userAgent };
  }

  /** Where links in mails point: the tenant's own address when it has one. */
  get mailMeta(): RequestMeta & { publicUrl: string } {
    return { ...this.meta, publicUrl: this.request.tenantUrl ?? this.request.publicUrl };
  }

  get audit(): AuditWriter {
    return this.services.audit;
  }

  get logger(): Logger {
    return this.services.logger;
  }

  /** Whose records this request may see (customers and partners only; anyone else is UNAUTHENTICATED). */
  get viewer(): Viewer {
    return this.records.viewer;
  }

  /** The contact and client loaders: the data API and the profile share them, one `_ids` call per resource. */
  get personLoaders(): RecordLoaders {
    return (this.memoRecords ??= createRecordLoaders(this.tenant, guardedReads(this.nextcloud, this.upstream)));
  }

  /** The viewer's records, batched and cached for this request only. */
  get records(): PortalDataReader {
    return (this.memoReader ??= new PortalDataReader(
      this.tenant,
      viewerOf(this.principal),
      guardedReads(this.nextcloud, this.upstream),
      this.logger,
      this.personLoaders,
    ));
  }

  get accounts(): AccountFacade {
    return (this.memoAccounts ??= accountFacade(this.services, this));
  }

  get auditTrail(): AuditFacade {
    return (this.memoAuditTrail ??= auditFacade(this.services, this));
  }

  get avg(): AvgFacade {
    return (this.memoAvg ??= avgFacade(this.services, this));
  }

  /** Company context, colleagues and delegated access (issue 16). */
  get delegations(): DelegationFacade {
    return (this.memoDelegations ??= delegationFacade(this.services, this));
  }

  get portalData(): PortalDataFacade {
    return (this.memoPortalData ??= portalDataFacade(this.services, this));
  }

  get profile(): ProfileFacade {
    return (this.memoProfile ??= profileFacade(this.services, this));
  }

  get tenantAdmin(): TenantAdminFacade {
    return (this.memoTenantAdmin ??= tenantAdminFacade(this.services, this));
  }
}

/** The scope façades are built from: the request's bound facts, without the façades themselves. */
export type ScopeFacts = Pick<
  RequestScope,
  'tenant' | 'principal' | 'request' | 'meta' | 'mailMeta' | 'nextcloud' | 'records' | 'personLoaders' | 'logger' | 'audit'
>;
