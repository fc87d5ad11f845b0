import type { StaffRole } from '../principal.js';

/**
 * Staff roles come from Nextcloud group membership, read live at sign-in: the `admin` group makes
 * a tenant ADMIN, the tenant's configured DPO group (default `dpo`) a DPO. Anyone else has no
 * business in the portal's staff functions.
 */
export function rolesFromGroups(groups: readonly string[], dpoGroup: string): StaffRole[] {
  const roles: StaffRole[] = [];
  if (groups.includes('admin')) roles.push('ADMIN');
  if (groups.includes(dpoGroup)) roles.push('DPO');
  return roles;
}
