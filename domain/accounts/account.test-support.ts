import { randomBytes, randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import { afterAll, beforeAll } from 'vitest';
import { createLogger } from '../../core/logger.js';
import { createMetrics } from '../../core/metrics.js';
import { seedDemoTenants } from '../tenants/demo-tenants.js';
import { startSimulator, type Simulator } from '../../nextcloud/simulator/index.js';
import { DEMO } from '../../nextcloud/simulator/demo-data.js';
import { createTestClock, type TestClock } from '../../test/clock.js';
import { AuditService, auditClientHashKey, auditEventModel } from '../audit/index.js';
import type { OutgoingMail } from '../mail/mailer.js';
import type { CustomerPrincipal, StaffPrincipal } from '../principal.js';
import { NextcloudConnectors } from '../tenants/nextcloud-connectors.js';
import type { PortalSettings } from '../tenants/portal-settings.js';
import { createTenantDirectory, TenantDirectory, type Tenant } from '../tenants/tenant-directory.js';
import { initModels } from '../../store/connection.js';
import { createAccountServices, type AccountServices } from '../composition/account-services.js';
import { totpCodeAt } from '../mfa/totp.js';
import { emptyMfa, type Account, type AccountType } from './account.types.js';

/** Test factories for the account domain (not used by product code). */

export const TEST_SECRET_KEY = 'account-tests-secret-key-0123456789abcdef';
/** The OWASP minimum: realistic, and quick enough for tests that hash often. */
export const TEST_HASH_OPTIONS = { memoryCost: 19 * 1024, timeCost: 2, parallelism: 1 };
export const GOOD_PASSWORD = 'Zeilboot-Kompas-Viool-71';
export const META = { ip: '198.51.100.7', userAgent: 'vitest' };

export interface AccountTestKit {
  services: AccountServices;
  audit: AuditService;
  tenants: TenantDirectory;
  simulator: Simulator;
  clock: TestClock;
  mails: OutgoingMail[];
  connection: Connection;
  /** The demo tenant, with portal settings overridden for this test. */
  tenant(overrides?: Partial<PortalSettings>): Tenant;
  createAccount(
    options?: Partial<Pick<Account, 'type' | 'status' | 'email' | 'clientId' | 'contactId'>> & { password?: string },
  ): Promise<Account>;
  customer(account: Account, sessionId?: string, enrolmentOnly?: boolean): CustomerPrincipal;
  admin(tenantId?: string): StaffPrincipal;
  /**
   * Switches MFA on for the account and moves the clock to the next time step (the confirming code
   * is used up): the secret, the recovery codes, and the code of the current step.
   */
  withMfa(account: Account): Promise<{ secret: string; recoveryCodes: string[]; currentCode: () => Promise<string> }>;
}

export const uniqueEmail = (label = 'user') => `${label}.${randomBytes(4).toString('hex')}@example.test`;

/**
 * A stored account's fields for tests that insert one directly: nothing signed in, nothing set up,
 * unless `fields` says otherwise.
 */
export function accountRecord(fields: Pick<Account, 'tenantId' | 'type' | 'status' | 'clientId'> & Partial<Account>): Account {
  return {
    id: randomUUID(),
    email: uniqueEmail(),
    contactId: null,
    locale: 'nl',
    passwordHash: null,
    passwordChangedAt: null,
    mfa: emptyMfa(),
    failuresResetAt: null,
    invitedBy: null,
    createdAt: new Date(),
    activatedAt: fields.status === 'ACTIVE' ? new Date() : null,
    lastSignInAt: null,
    ...fields,
  };
}

/** beforeAll/afterAll wiring: services on the test database, the simulator, a hand-moved clock. */
export function useAccountTestKit(connection: () => Connection): () => AccountTestKit {
  let kit: AccountTestKit | undefined;
  beforeAll(async () => {
    const conn = connection();
    const simulator = await startSimulator();
    const logger = createLogger({ level: 'silent' });
    const tenants = createTenantDirectory(conn, TEST_SECRET_KEY, logger);
    auditEventModel(conn);
    await initModels(conn);
    await seedDemoTenants(simulator, tenants);
    const clock = createTestClock();
    const audit = new AuditService({ connection: conn, clientHashKey: auditClientHashKey(TEST_SECRET_KEY), now: clock.now });
    const mails: OutgoingMail[] = [];
    const services = await createAccountServices({
      connection: conn,
      secretKey: TEST_SECRET_KEY,
      nextcloud: new NextcloudConnectors(tenants, { metrics: createMetrics({ defaultMetrics: false }), logger }),
      audit,
      mailer: {
        async send(mail) {
          mails.push(mail);
          return { messageId: randomUUID() };
        },
      },
      logger,
      now: clock.now,
      hashOptions: TEST_HASH_OPTIONS,
    });
    const hashes = new Map<string, Promise<string>>();
    kit = {
      services,
      audit,
      tenants,
      simulator,
      clock,
      mails,
      connection: conn,
      tenant: (overrides = {}) => {
        const demo = tenants.get('demo')!;
        return { ...demo, portal: { ...demo.portal, ...overrides } };
      },
      async createAccount(options = {}) {
        const password = options.password ?? GOOD_PASSWORD;
        if (!hashes.has(password)) hashes.set(password, services.passwordHasher.hash(password));
        const type: AccountType = options.type ?? 'B2C';
        const who = type === 'B2B' ? DEMO.demo.bakkerij : DEMO.demo.janJansen;
        const account = accountRecord({
          tenantId: 'demo',
          email: options.email ?? uniqueEmail(),
          type,
          status: options.status ?? 'ACTIVE',
          clientId: options.clientId ?? who.clientId,
          contactId: options.contactId !== undefined ? options.contactId : who.contactId,
          passwordHash: options.status === 'INVITED' ? null : await hashes.get(password)!,
          invitedBy: 'test',
          createdAt: clock.now(),
          activatedAt: clock.now(),
        });
        await services.accounts.repository.create(account);
        return account;
      },
      customer: (account, sessionId = 'no-session', enrolmentOnly = false) => ({
        kind: 'customer',
        tenantId: account.tenantId,
        accountId: account.id,
        accountType: account.type,
        clientId: account.clientId,
        contactId: account.contactId,
        sessionId,
        enrolmentOnly,
      }),
      admin: (tenantId = 'demo') => ({
        kind: 'staff',
        tenantId,
        loginName: 'admin',
        roles: ['ADMIN'],
        sessionId: 'staff-session',
      }),
      async withMfa(account) {
        const principal = kit!.customer(account);
        const { secret } = await services.mfa.begin(kit!.tenant(), principal);
        const { recoveryCodes } = await services.mfa.confirm(
          kit!.tenant(),
          principal,
          await totpCodeAt(secret, clock.now()),
          META,
        );
        clock.advance(30_000);
        return { secret, recoveryCodes, currentCode: () => totpCodeAt(secret, clock.now()) };
      },
    };
  });
  afterAll(async () => {
    kit?.tenants.stop();
    await kit?.simulator.close();
  });
  return () => {
    if (!kit) throw new Error('useAccountTestKit(): only available inside tests');
    return kit;
  };
}
