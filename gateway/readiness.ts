import type { Connection } from 'mongoose';
import { pingDatabase } from '../store/connection.js';
import type { Services } from '../domain/services.js';

export interface ReadinessReport {
  /** The process can serve: the database answers. The only thing the status code depends on. */
  ready: boolean;
  checks: {
    database: string;
    /** Per tenant: `ok`, or what is wrong with its Nextcloud connection (`credentials rejected: …`). */
    nextcloud: Record<string, string>;
  };
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Two questions, answered separately. "Can this process serve?" is the database, what a load
 * balancer needs: a misconfigured tenant must not take every other tenant out of rotation. "Is
 * each tenant correctly connected?" is the cached per-tenant probe (credentials, schemas, mapping,
 * filters; domain/tenants/connection), shown in the details and in `portal_tenant_ready`.
 */
export async function checkReadiness(connection: Connection, services: Services): Promise<ReadinessReport> {
  const [database, tenants] = await Promise.all([
    pingDatabase(connection, 1_500).then(
      () => 'ok',
      (error) => `unreachable: ${describe(error)}`,
    ),
    services.tenantReadiness.all(),
  ]);
  const nextcloud = Object.fromEntries(
    Object.entries(tenants).map(([id, t]) => [id, t.ready ? 'ok' : `${t.status}: ${t.reason ?? 'unknown'}`]),
  );
  return { ready: database === 'ok', checks: { database, nextcloud } };
}
