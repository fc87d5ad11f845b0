import { isPortalError } from '../../../core/errors.js';
import type { NextcloudConnector, ResolvedSchema } from '../../../nextcloud/connector.js';
import { NextcloudConfigurationError } from '../../../nextcloud/errors.js';
import { fieldMappingFor, RECORD_KINDS, upstreamFixedFilters, type RecordMapping } from '../../portal-data/field-mapping.js';
import { KIND_ACCESS } from '../../portal-data/viewer.js';
import type { Tenant } from '../tenant-directory.js';
import { mappingReads, missingReads } from './mapping-reads.js';

export type TenantConnectionStatus =
  | 'ok'
  | 'credentials rejected'
  | 'schema missing'
  | 'mapping names missing properties'
  | 'filters ignored'
  | 'misconfigured'
  | 'unreachable';

export interface TenantReadiness {
  ready: boolean;
  status: TenantConnectionStatus;
  /** What is wrong, in one sentence (never a password or an upstream body); null when ready. */
  reason: string | null;
  checkedAt: string;
}

class ProbeFailure extends Error {
  constructor(
    readonly status: TenantConnectionStatus,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/** Runs one step; the product's errors become a status, anything else is a bug and travels on. */
async function step<T>(whenMisconfigured: TenantConnectionStatus, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof NextcloudConfigurationError) throw new ProbeFailure(whenMisconfigured, error.reason);
    if (isPortalError(error)) {
      throw new ProbeFailure('unreachable', 'Nextcloud could not be reached or answered with an error');
    }
    throw error;
  }
}

/**
 * The cheap version of `tenant check`, for readiness and the admin banner: the credentials (OCS
 * user), every schema an enabled feature needs, the mapping's properties against those schemas,
 * and one count-only query per enabled record kind to see that upstream honours its filters. About
 * ten small calls on a fresh connector; the caller caches the answer.
 */
export async function probeTenant(tenant: Tenant, connector: NextcloudConnector, now = new Date()): Promise<TenantReadiness> {
  const checkedAt = now.toISOString();
  try {
    await step('credentials rejected', async () => {
      try {
        await connector.verifyServiceAccount();
      } catch (error) {
        // A base URL that does not lead to Nextcloud's OCS is a setting too, but not the password.
        if (error instanceof NextcloudConfigurationError && !/rejected/.test(error.reason)) {
          throw new ProbeFailure('misconfigured', error.reason);
        }
        throw error;
      }
    });
    const mapping = fieldMappingFor(tenant);
    const enabled = new Set<string>(tenant.portal.enabledFeatures);
    const kinds = RECORD_KINDS.filter((kind) => enabled.has(KIND_ACCESS[kind].feature));
    const resources = [...new Set([mapping.client.resource, mapping.contact.resource, ...kinds.map((k) => mapping[k].resource)])];
    const schemas = new Map<string, ResolvedSchema>();
    for (const resource of resources) {
      schemas.set(resource, await step('schema missing', () => connector.describeResource(resource)));
    }
    const missing = kinds.flatMap((kind) =>
      missingReads(mappingReads(kind, mapping[kind] as RecordMapping<string>), schemas.get(mapping[kind].resource)!.schema).map(
        (read) => `${read.setting} "${read.property}"`,
      ),
    );
    if (missing.length) {
      throw new ProbeFailure(
        'mapping names missing properties',
        `the field mapping names properties the schemas lack: ${missing.join(', ')}; run portal tenant check --id ${tenant.id}`,
      );
    }
    const ignored: string[] = [];
    await Promise.all(
      kinds.map(async (kind) => {
        const recordMapping = mapping[kind] as RecordMapping<string>;
        const page = await step('misconfigured', () =>
          connector.listObjects(recordMapping.resource, {
            filters: { ...upstreamFixedFilters(recordMapping.fixedFilters), [recordMapping.owner.client]: { notNull: true } },
            limit: 0,
          }),
        );
        for (const filter of page.ignoredFilters ?? []) ignored.push(`${kind}: ${filter}`);
      }),
    );
    if (ignored.length) {
      throw new ProbeFailure(
        'filters ignored',
        `Nextcloud ignored filters (${ignored.join(', ')}); run portal tenant check --id ${tenant.id}`,
      );
    }
    return { ready: true, status: 'ok', reason: null, checkedAt };
  } catch (error) {
    if (error instanceof ProbeFailure) return { ready: false, status: error.status, reason: error.reason, checkedAt };
    throw error;
  }
}
