import { DEMO } from '../../nextcloud/simulator/demo-data.js';
import type { TenantDirectory } from '../tenants/tenant-directory.js';
import type { AccountService } from './account.service.js';
import { emptyMfa, type Account, type AccountType } from './account.types.js';
import type { PasswordHasher } from './password-hasher.js';

/** CONTRACT.md "Demo data": the password of every demo customer. */
export const DEMO_CUSTOMER_PASSWORD = 'Portaal-Demo-2026!';

type DemoCustomer = { tenantId: string; email: string; type: AccountType; clientId: string; contactId: string };
const demoCustomer = (tenantId: string, type: AccountType, who: Omit<DemoCustomer, 'tenantId' | 'type'>): DemoCustomer => ({
  tenantId,
  type,
  email: who.email,
  clientId: who.clientId,
  contactId: who.contactId,
});

export const DEMO_CUSTOMERS: readonly DemoCustomer[] = [
  demoCustomer('demo', 'B2C', DEMO.demo.janJansen),
  demoCustomer('demo', 'B2B', DEMO.demo.bakkerij),
  demoCustomer('other', 'B2C', DEMO.other.pietDeVries),
];

/**
 * Creates the demo customers as ACTIVE accounts (demo mode only). Idempotent: an address that
 * already has an account is left as it is, so a demo user's own changes survive a restart.
 */
export async function seedDemoAccounts(
  services: { accounts: Pick<AccountService, 'repository'>; passwordHasher: Pick<PasswordHasher, 'hash'> },
  tenants: Pick<TenantDirectory, 'get'>,
  now: Date = new Date(),
): Promise<number> {
  const repository = services.accounts.repository;
  let created = 0;
  let passwordHash: string | undefined;
  for (const demo of DEMO_CUSTOMERS) {
    if (!tenants.get(demo.tenantId)) continue;
    if (await repository.findByEmail(demo.tenantId, demo.email)) continue;
    passwordHash ??= await services.passwordHasher.hash(DEMO_CUSTOMER_PASSWORD);
    const account: Account = {
      id: `demo-${demo.tenantId}-${demo.type.toLowerCase()}-${demo.email.split('@')[0]!.replace(/[^a-z0-9]+/g, '-')}`,
      tenantId: demo.tenantId,
      email: demo.email,
      type: demo.type,
      status: 'ACTIVE',
      clientId: demo.clientId,
      contactId: demo.contactId,
      locale: 'nl',
      passwordHash,
      passwordChangedAt: now,
      mfa: emptyMfa(),
      failuresResetAt: null,
      invitedBy: 'demo-seed',
      createdAt: now,
      activatedAt: now,
      lastSignInAt: null,
    };
    await repository.create(account).catch((error: unknown) => {
      // Another process seeding at the same moment won the address: fine.
      if ((error as Error).name !== 'EmailTakenError') throw error;
    });
    created++;
  }
  return created;
}
