import { DEMO } from '../../nextcloud/simulator/demo-data.js';
import type { Simulator } from '../../nextcloud/simulator/index.js';
import type { TenantDirectory } from './tenant-directory.js';

/** The demo tenants: one per simulated Nextcloud, reached with the simulator's service account. */
export const DEMO_TENANTS = ['demo', 'other'] as const;

/**
 * Creates the demo tenants on the first demo start and, on every later start, only points them at
 * the simulator's new address (its ports change with each start). Everything an operator or admin
 * changed since — schemas, field mapping, time zone, portal settings — is kept.
 */
export async function seedDemoTenants(simulator: Simulator, tenants: TenantDirectory): Promise<void> {
  for (const id of DEMO_TENANTS) {
    const baseUrl = simulator.instance(id).url;
    const { created } = await tenants.seed({
      id,
      nextcloud: { baseUrl, loginName: DEMO.users.service.login, appPassword: DEMO.users.service.appPassword },
    });
    if (!created) await tenants.repointNextcloud(id, baseUrl);
  }
}
