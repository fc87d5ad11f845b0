import { DEMO } from '../nextcloud/simulator/demo-data.js';
import type { Simulator } from '../nextcloud/simulator/index.js';
import type { TenantDirectory } from '../domain/tenants/tenant-directory.js';

/** The demo tenants: one per simulated Nextcloud, reached with the simulator's service account. */
export const DEMO_TENANTS = ['demo', 'other'] as const;

/**
 * Points the demo tenants at the simulator's instances. Runs at every demo start because the
 * simulator's ports are new each time; saved portal settings are kept.
 */
export async function seedDemoTenants(simulator: Simulator, tenants: TenantDirectory): Promise<void> {
  for (const id of DEMO_TENANTS) {
    await tenants.upsert({
      id,
      nextcloud: {
        baseUrl: simulator.instance(id).url,
        loginName: DEMO.users.service.login,
        appPassword: DEMO.users.service.appPassword,
      },
    });
  }
}
