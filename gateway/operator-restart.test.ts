import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../core/logger.js';
import { DEMO, startSimulator, type Simulator } from '../nextcloud/simulator/index.js';
import { projectRoot } from '../core/paths.js';
import { testMongoUri, uniqueDatabaseName } from '../test/db.js';
import { parseConfig } from './config.js';
import { SecretKeyMismatchError } from './secret-key-fingerprint.js';
import { startGateway, type RunningGateway } from './server.js';

const run = promisify(execFile);
const KEY = 'the-gateways-own-secret-key-0123456789abcdef';
const OTHER_KEY = 'a-different-secret-key-0123456789abcdef-xyz';

/**
 * What an operator does between restarts: a production gateway seeded from the environment,
 * changed with `npx portal tenant update`, restarted. The database owns the tenant after the
 * first start, and every process on that database must use the same secret key.
 */
describe('an operator restarting a production gateway', () => {
  const dbName = uniqueDatabaseName('restart');
  let simulator: Simulator;
  let dataDir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    simulator = await startSimulator();
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'portal-restart-'));
    env = {
      MONGODB_URI: `${testMongoUri()}/${dbName}`,
      DATA_DIR: dataDir,
      PORT: '0',
      NODE_ENV: 'production',
      LOG_LEVEL: 'silent',
      PUBLIC_URL: 'https://portal.example.nl',
      NEXTCLOUD_URL: simulator.instance('demo').url,
      NEXTCLOUD_USER: DEMO.users.service.login,
      NEXTCLOUD_APP_PASSWORD: DEMO.users.service.appPassword,
      PORTAL_SECRET_KEY: KEY,
    };
  });
  afterAll(async () => {
    await simulator?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const start = (overrides: Record<string, string> = {}): Promise<RunningGateway> =>
    startGateway(parseConfig({ ...env, ...overrides }), {
      dbName,
      logger: createLogger({ level: 'silent' }),
      jobs: { start: false },
    });

  async function portal(args: string[], overrides: Record<string, string | undefined> = {}) {
    const childEnv: Record<string, string | undefined> = { ...process.env, ...env, ...overrides };
    for (const [name, value] of Object.entries(childEnv)) if (value === undefined) delete childEnv[name];
    try {
      const { stdout, stderr } = await run(process.execPath, [path.join(projectRoot, 'bin', 'portal.js'), ...args], {
        cwd: projectRoot,
        env: childEnv as NodeJS.ProcessEnv,
        timeout: 60_000,
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  }

  it('keeps the field mapping and schemas set with the CLI when the gateway restarts', async () => {
    const first = await start();
    try {
      expect(first.services.tenants.get('default')?.nextcloud.fieldMapping).toBeNull();
    } finally {
      await first.close();
    }
    const mapping = path.join(dataDir, 'mapping.json');
    writeFileSync(mapping, JSON.stringify({ invoice: { fields: { number: ['reference'] } } }));
    const updated = await portal(['tenant', 'update', '--id', 'default', '--field-mapping', mapping, '--time-zone', 'UTC']);
    expect(updated.stderr).toBe('');
    expect(updated.code).toBe(0);

    const second = await start();
    try {
      const tenant = second.services.tenants.get('default')!;
      expect(tenant.nextcloud.fieldMapping).toEqual({ invoice: { fields: { number: ['reference'] } } });
      expect(tenant.timeZone).toBe('UTC');
    } finally {
      await second.close();
    }
  });

  it('refuses, in one line naming PORTAL_SECRET_KEY, a CLI run without the gateway’s key, and writes no key of its own', async () => {
    const freshDataDir = mkdtempSync(path.join(os.tmpdir(), 'portal-nokey-'));
    try {
      const withoutKey = await portal(['tenant', 'list'], {
        PORTAL_SECRET_KEY: undefined,
        NODE_ENV: undefined,
        DATA_DIR: freshDataDir,
      });
      expect(withoutKey.code).toBe(2);
      expect(withoutKey.stderr.trim().split('\n')).toHaveLength(1);
      expect(withoutKey.stderr).toMatch(/PORTAL_SECRET_KEY is not set .* sealed with/);
      expect(existsSync(path.join(freshDataDir, 'secret.key'))).toBe(false);
    } finally {
      rmSync(freshDataDir, { recursive: true, force: true });
    }

    const mapping = path.join(dataDir, 'other.json');
    writeFileSync(mapping, '{}');
    const wrongKey = await portal(['tenant', 'update', '--id', 'default', '--field-mapping', mapping], {
      PORTAL_SECRET_KEY: OTHER_KEY,
    });
    expect(wrongKey.code).toBe(2);
    expect(wrongKey.stderr).toBe(
      'The secret key differs from the one the stored tenants were sealed with. ' +
        "Set PORTAL_SECRET_KEY to the key the gateway uses (or run with the gateway's DATA_DIR).\n",
    );
    expect(wrongKey.stderr).not.toMatch(/Unsupported state|\bat /);
  });

  it('refuses to start a gateway whose key differs from the stored one', async () => {
    await expect(start({ PORTAL_SECRET_KEY: OTHER_KEY })).rejects.toBeInstanceOf(SecretKeyMismatchError);
  });
});

describe('the demo tenants across restarts', () => {
  const dbName = uniqueDatabaseName('demo-restart');
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'portal-demo-restart-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  async function startDemo(simulator: Simulator) {
    const config = parseConfig({
      MONGODB_URI: testMongoUri(),
      DATA_DIR: dataDir,
      PORT: '0',
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
    });
    return startGateway(config, { simulator, dbName, logger: createLogger({ level: 'silent' }), jobs: { start: false } });
  }

  it('follow the simulator to its new address but keep their schemas, mapping and portal settings', async () => {
    const firstSimulator = await startSimulator();
    const first = await startDemo(firstSimulator);
    try {
      const demo = first.services.tenants.get('demo')!;
      await first.services.tenants.savePortal(
        'demo',
        { ...demo.portal, displayName: 'Bakkerij Portaal' },
        'staff:admin',
        new Date(),
      );
      await first.connection
        .collection('tenants')
        .updateOne(
          { _id: 'demo' as never },
          { $set: { 'nextcloud.fieldMapping': { order: { fields: { number: ['reference'] } } } } },
        );
    } finally {
      await first.close();
      await firstSimulator.close();
    }

    const secondSimulator = await startSimulator();
    const second = await startDemo(secondSimulator);
    try {
      const demo = second.services.tenants.get('demo')!;
      expect(demo.nextcloud.baseUrl).toBe(secondSimulator.instance('demo').url);
      expect(demo.nextcloud.fieldMapping).toEqual({ order: { fields: { number: ['reference'] } } });
      expect(demo.portal.displayName).toBe('Bakkerij Portaal');
      expect(second.services.tenants.appPasswordOf('demo')).toBe(DEMO.users.service.appPassword);
    } finally {
      await second.connection.dropDatabase().catch(() => {});
      await second.close();
      await secondSimulator.close();
    }
  });
});
