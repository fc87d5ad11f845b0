import type { Logger } from '../core/logger.js';
import { NextcloudConfigurationError } from './errors.js';
import type { NextcloudHttpClient } from './http-client.js';
import { lookUpOcsUser } from './ocs-users.js';
import { Once } from './once.js';
import { buildListParams } from './query.js';
import { parseObjectPage } from './responses.js';
import { OPENREGISTER_API, SchemaResolver, type ResolvedSchema } from './schema-resolver.js';
import type { NcUser, NextcloudTenantSettings } from './types.js';
import type { UpstreamFailures } from './upstream-failures.js';

/**
 * The checks that must pass before the connector reads or writes a tenant's objects, each done once
 * per connector and shared by concurrent first callers:
 * 1. the service account's credentials work (OCS `cloud/user`), because the object routes are
 *    public and would answer an ignored login anonymously, with empty data (reference §9.1);
 * 2. register and schema ids are resolved within the register (§6.3, §3.1);
 * 3. the account actually sees data (§9.4: outside the organisation it sees nothing, silently).
 */
export class TenantAccess {
  private readonly serviceAccount: Once<NcUser>;
  private readonly resolver: SchemaResolver;
  private readonly dataAccess: Once<void>;

  constructor(
    private readonly http: NextcloudHttpClient,
    private readonly settings: NextcloudTenantSettings,
    private readonly failures: UpstreamFailures,
    logger: Logger,
    cache: { now: () => number; failureTtlMs: number },
  ) {
    this.serviceAccount = new Once(() => this.loadServiceAccount(), cache);
    this.resolver = new SchemaResolver(http, settings, logger, cache);
    this.dataAccess = new Once(() => this.checkDataAccess(), cache);
  }

  verifyServiceAccount(): Promise<NcUser> {
    return this.serviceAccount.get();
  }

  /** Credentials that worked have stopped working: remember it like a failed verification. */
  credentialsRejected(error: NextcloudConfigurationError): void {
    this.serviceAccount.reject(error);
  }

  /** The object route of a resource (numeric ids), after the checks above. */
  async objectsPath(resource: string): Promise<{ path: string; schemaId: number }> {
    await this.serviceAccount.get();
    const { registerId, schemaId } = await this.resolve(resource);
    await this.dataAccess.get();
    return { path: `${OPENREGISTER_API}/objects/${registerId}/${schemaId}`, schemaId };
  }

  /** Where a resource's schema was found and what it declares (for `tenant check`). */
  async describe(resource: string): Promise<ResolvedSchema> {
    await this.serviceAccount.get();
    return this.resolve(resource);
  }

  private resolve(resource: string): Promise<ResolvedSchema> {
    return this.failures.parsedAsync('register', () => this.resolver.resolve(resource));
  }

  private async loadServiceAccount(): Promise<NcUser> {
    const lookup = await this.failures.parsedAsync('ocs-user', () => lookUpOcsUser(this.http));
    if (lookup.kind === 'user') return lookup.user;
    const reason =
      lookup.kind === 'rejected'
        ? `Nextcloud rejected the service account '${this.settings.loginName}' (wrong login name or app password, or not an app password)`
        : lookup.reason;
    throw this.failures.configuration('ocs-user', new NextcloudConfigurationError(reason));
  }

  /**
   * A portal tenant always has client records, so a service account that sees none is not an
   * admin and not in the tenant's OpenRegister organisation. Saying so beats showing every customer
   * an empty portal. A count-only query (`_limit=0`) keeps the probe cheap.
   */
  private async checkDataAccess(): Promise<void> {
    const { registerId, schemaId } = await this.resolve('client');
    const res = await this.http.request({
      method: 'GET',
      path: `${OPENREGISTER_API}/objects/${registerId}/${schemaId}`,
      query: buildListParams({ limit: 0 }),
      resource: 'client',
    });
    if (res.status !== 200) this.failures.call(res, 'client', 'object list');
    const { total } = this.failures.parsed('client', () => parseObjectPage(res.json, { limit: 0 }));
    if (total > 0) return;
    const reason = `the service account '${this.settings.loginName}' sees no client records; it must be an admin or belong to the tenant's OpenRegister organisation`;
    throw this.failures.configuration('client', new NextcloudConfigurationError(reason));
  }
}
