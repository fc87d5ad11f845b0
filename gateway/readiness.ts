import type { Connection } from 'mongoose';
import { pingDatabase } from '../store/connection.js';
import type { Services } from '../domain/services.js';

export interface ReadinessReport {
  ready: boolean;
  checks: { database: string; nextcloud: Record<string, string> };
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Ready means: the database answers and every tenant's Nextcloud answers. Each probe has its own
 * short timeout and all run in parallel, so a dead dependency makes /readyz say why within
 * seconds instead of hanging the load balancer's probe.
 */
export async function checkReadiness(connection: Connection, services: Services): Promise<ReadinessReport> {
  const database = pingDatabase(connection, 1_500).then(
    () => 'ok',
    (error) => `unreachable: ${describe(error)}`,
  );
  const tenants = services.tenants.list();
  const upstream = await Promise.all(
    tenants.map((tenant) =>
      services.nextcloud
        .for(tenant.id)
        .ping()
        .then(
          () => 'ok',
          (error) => `unreachable: ${describe(error)}`,
        ),
    ),
  );
  const nextcloud = Object.fromEntries(tenants.map((tenant, i) => [tenant.id, upstream[i]!]));
  const checks = { database: await database, nextcloud };
  return { ready: checks.database === 'ok' && upstream.every((status) => status === 'ok'), checks };
}
