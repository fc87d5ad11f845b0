import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountRepository } from '../domain/accounts/account.repository.js';
import { accountRecord } from '../domain/accounts/account.test-support.js';
import { pseudonymisedEmail } from '../domain/avg/index.js';
import { defaultPortalSettings, type RetentionBasis } from '../domain/tenants/portal-settings.js';
import { createTenantDirectory, type TenantDirectory } from '../domain/tenants/tenant-directory.js';
import { DEMO, startSimulator, type Simulator } from '../nextcloud/simulator/index.js';
import { initModels } from '../store/connection.js';
import { projectRoot } from '../core/paths.js';
import { testMongoUri, useTestDatabase } from '../test/db.js';
import { parseCleanupArgs } from './cleanup-cli.js';

const run = promisify(execFile);
const SECRET = 'cli-cleanup-secret-0123456789abcdef0123456789';

/**
 * `portal cleanup` as an operator runs it: a child process against the test database, with tenants
 * pointing at a simulator this test runs (a gateway's simulator in real use).
 */
describe('portal cleanup', () => {
  const db = useTestDatabase();
  let simulator: Simulator;
  let dataDir: string;
  let env: Record<string, string>;
  let accounts: AccountRepository;
  let tenants: TenantDirectory;

  beforeAll(async () => {
    simulator = await startSimulator();
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'portal-cleanup-'));
    env = { MONGODB_URI: `${testMongoUri()}/${db().name}`, PORTAL_SECRET_KEY: SECRET, DATA_DIR: dataDir };
    tenants = createTenantDirectory(db(), SECRET);
    accounts = new AccountRepository(db());
    await initModels(db());
    const service = { loginName: DEMO.users.service.login, appPassword: DEMO.users.service.appPassword };
    await tenants.upsert({ id: 'demo', nextcloud: { baseUrl: simulator.instance('demo').url, ...service } });
    await tenants.upsert({ id: 'gone', nextcloud: { baseUrl: 'http://127.0.0.1:9', ...service } });
  });
  afterAll(async () => {
    await simulator?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function portal(args: string[]) {
    try {
      const { stdout, stderr } = await run(process.execPath, [path.join(projectRoot, 'bin', 'portal.js'), ...args], {
        cwd: projectRoot,
        env: { ...process.env, LOG_LEVEL: 'silent', ...env },
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  }

  async function closedAccount(tenantId: string, clientId: string, contactId: string, email: string): Promise<string> {
    const account = accountRecord({
      tenantId,
      email,
      type: 'B2C',
      status: 'CLOSED',
      clientId,
      contactId,
      activatedAt: new Date(),
    });
    await accounts.create(account);
    return account.id;
  }

  it('reads its arguments without touching the database', () => {
    expect(parseCleanupArgs(['--tenant', 'demo', '--dry-run'])).toEqual({
      kind: 'run',
      tenant: 'demo',
      dryRun: true,
      asOf: null,
    });
    expect(parseCleanupArgs([])).toEqual({ kind: 'run', tenant: null, dryRun: false, asOf: null });
    expect(parseCleanupArgs(['--bogus']).kind).toBe('invalid');
  });

  it('takes --as-of only with --dry-run, and only a real date', () => {
    expect(parseCleanupArgs(['--dry-run', '--as-of', '2034-01-02'])).toEqual({
      kind: 'run',
      tenant: null,
      dryRun: true,
      asOf: { day: { year: 2034, month: 1, day: 2 } },
    });
    expect(parseCleanupArgs(['--dry-run', '--as-of', '2034-01-02T09:30:00+01:00'])).toMatchObject({
      asOf: { at: new Date('2034-01-02T08:30:00Z') },
    });
    expect(parseCleanupArgs(['--as-of', '2034-01-02'])).toEqual({
      kind: 'invalid',
      problem: '--as-of only goes with --dry-run (it asks what would happen then).',
    });
    for (const bad of ['2034-02-30', '02-01-2034', 'tomorrow', '2034-01-02T09:30:00', ''])
      expect(parseCleanupArgs(['--dry-run', '--as-of', bad])).toMatchObject({
        kind: 'invalid',
        problem: expect.stringContaining(`--as-of "${bad}" is not a date`),
      });
  });

  it('refuses --as-of without --dry-run before it opens the database (exit 2)', async () => {
    const result = await portal(['cleanup', '--tenant', 'demo', '--as-of', '2034-01-02']);
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe('--as-of only goes with --dry-run (it asks what would happen then).');
    expect(result.stdout).toBe('');
    const bad = await portal(['cleanup', '--dry-run', '--as-of', '2034-13-01']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--as-of "2034-13-01" is not a date');
  }, 60_000);

  it('--dry-run reports a held account and changes nothing (exit 0)', async () => {
    const id = await closedAccount(
      'demo',
      DEMO.demo.janJansen.clientId,
      DEMO.demo.janJansen.contactId,
      DEMO.demo.janJansen.email,
    );
    const result = await portal(['cleanup', '--tenant', 'demo', '--dry-run']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      new RegExp(
        `account ${id}: held until \\d{4}-\\d{2}-\\d{2} \\(fiscal-retention, open-invoices, active-contracts, open-requests\\)`,
      ),
    );
    expect(result.stdout).toContain('Dry run: would pseudonymise 0 closed account(s) in tenant demo');
  }, 60_000);

  it('pseudonymises an account whose records are older than 7 years and settled', async () => {
    // Age Jan's records in the simulator: everything settled, ended or closed in 2015.
    const { clientId, contactId } = DEMO.demo.janJansen;
    for (const o of simulator.instance('demo').data.objects) {
      const jans =
        o.data.client === clientId ||
        o.data.clientRef === clientId ||
        (!o.data.client && (o.data.customer === contactId || o.data.contact === contactId));
      if (!jans) continue;
      o.created = '2015-01-01T00:00:00+00:00';
      for (const field of ['confirmedAt', 'settledAt', 'parkedAt'])
        if (field in o.data) o.data[field] = '2015-01-02T00:00:00+00:00';
      if ('cashier' in o.data && o.data.status !== 'draft') o.data.status = 'settled';
      if ('clientRef' in o.data) Object.assign(o.data, { status: 'churned', endDate: '2015-06-30' });
      if ('requestedAt' in o.data) o.data.status = 'completed';
    }
    // Records of 2 January 2015: under the default basis kept through 2022, free on 1 January 2023.
    const beforeEnd = await portal(['cleanup', '--tenant', 'demo', '--dry-run', '--as-of', '2022-12-31']);
    expect(beforeEnd.code).toBe(0);
    expect(beforeEnd.stdout).toContain(
      'Tenant demo: retention FISCAL_YEAR_END (7 years from the end of the fiscal year of the newest fiscal record, Europe/Amsterdam), as of 2022-12-31:',
    );
    expect(beforeEnd.stdout).toMatch(/account \S+: held until 2023-01-01 \(fiscal-retention\)/);
    const atEnd = await portal(['cleanup', '--tenant', 'demo', '--dry-run', '--as-of', '2023-01-01']);
    expect(atEnd.stdout).toMatch(/account \S+: would be pseudonymised \(retention ended 2023-01-01\)/);

    // From the record date: free 7 years after 2 January 2015, to the day.
    const setBasis = async (retentionBasis: RetentionBasis) =>
      tenants.savePortal('demo', { ...defaultPortalSettings(), retentionBasis }, 'staff:test', new Date());
    await setBasis('RECORD_DATE');
    try {
      const held = await portal(['cleanup', '--tenant', 'demo', '--dry-run', '--as-of', '2022-01-01']);
      expect(held.stdout).toContain('Tenant demo: retention RECORD_DATE (7 years from the date of the newest fiscal record');
      expect(held.stdout).toMatch(/account \S+: held until 2022-01-02 \(fiscal-retention\)/);
      const free = await portal(['cleanup', '--tenant', 'demo', '--dry-run', '--as-of', '2022-01-03']);
      expect(free.stdout).toMatch(/account \S+: would be pseudonymised \(retention ended 2022-01-02\)/);
    } finally {
      await setBasis('FISCAL_YEAR_END');
    }
    const dry = await portal(['cleanup', '--dry-run']);
    expect(dry.stdout).toContain('would be pseudonymised');
    expect(simulator.instance('demo').data.objects.find((o) => o.uuid === DEMO.demo.janJansen.contactId)!.data.name).toBe(
      'Jan Jansen',
    );

    const result = await portal(['cleanup', '--tenant', 'demo']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Pseudonymised 1 closed account(s) in tenant demo');
    const contact = simulator.instance('demo').data.objects.find((o) => o.uuid === DEMO.demo.janJansen.contactId)!;
    expect(contact.data.name).toMatch(/^Gepseudonimiseerd /);
    const account = (await accounts.findByEmail('demo', DEMO.demo.janJansen.email)) ?? null;
    expect(account).toBeNull();
    const again = await portal(['cleanup', '--tenant', 'demo']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('no closed accounts waiting');
    const stored = await db().db!.collection('accounts').findOne({ tenantId: 'demo', status: 'CLOSED' });
    expect(stored!.email).toBe(pseudonymisedEmail(String(stored!._id)));
  }, 60_000);

  it('says so and exits 1 when a tenant’s Nextcloud is not reachable', async () => {
    await closedAccount('gone', DEMO.demo.janJansen.clientId, DEMO.demo.janJansen.contactId, 'someone@example.nl');
    const result = await portal(['cleanup', '--tenant', 'gone']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Tenant gone: the Nextcloud at http://127.0.0.1:9 is not reachable; nothing was changed');
    expect(result.stdout).toContain('In demo mode that Nextcloud is the simulator inside a running gateway');
  }, 60_000);

  it('rejects an unknown tenant (exit 1) and bad arguments (exit 2)', async () => {
    const unknown = await portal(['cleanup', '--tenant', 'nope']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('There is no tenant "nope"');
    const bad = await portal(['cleanup', '--frobnicate']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Usage: portal cleanup');
  }, 60_000);
});
