import { DEMO } from '../../nextcloud/simulator/demo-data.js';
import type { Simulator } from '../../nextcloud/simulator/index.js';
import type { TenantDirectory } from './tenant-directory.js';

/** The demo tenants: one per simulated Nextcloud, reached with the simulator's service account. */
export const DEMO_TENANTS = ['demo', 'other'] as const;

export interface DemoSeedOptions {
  /**
   * Whether the tenant's stored Nextcloud still answers. Without it a stored demo tenant is never
   * moved.
   */
  answers?: (tenantId: string) => Promise<boolean>;
}

/**
 * Creates the demo tenants the first time a demo gateway starts on a database; after that the
 * database owns them. Start-up writes only what is missing or really broken: a stored demo tenant
 * is moved to this process's simulator only when its stored Nextcloud no longer answers (the
 * simulator of a stopped gateway, whose ports change with each start). So a second replica with
 * a simulator of its own, or a restart while another replica's simulator serves, leaves the
 * shared tenants where they are. Everything an operator or admin changed — schemas, field
 * mapping, time zone, portal settings — is kept either way. Answers the tenants it moved.
 */
export async function seedDemoTenants(
  simulator: Simulator,
  tenants: TenantDirectory,
  options: DemoSeedOptions = {},
): Promise<string[]> {
  const moved: string[] = [];
  for (const id of DEMO_TENANTS) {
    const baseUrl = simulator.instance(id).url;
    const { tenant, created } = await tenants.seed({
      id,
      nextcloud: { baseUrl, loginName: DEMO.users.service.login, appPassword: DEMO.users.service.appPassword },
    });
    if (created || tenant.nextcloud.baseUrl === baseUrl || !options.answers) continue;
    if (await options.answers(id)) continue;
    await tenants.repointNextcloud(id, baseUrl);
    moved.push(id);
  }
  return moved;
}
