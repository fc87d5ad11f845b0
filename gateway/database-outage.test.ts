import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../core/logger.js';
import { startSimulator, type Simulator } from '../nextcloud/simulator/index.js';
import { parseConfig } from './config.js';
import { startGateway, type RunningGateway } from './server.js';

/**
 * The gateway with its own embedded engine (MONGODB_URI unset, as `npm start` runs it), so the
 * test can stop the database under a running gateway and start it again.
 */
describe('database outage while the gateway runs', () => {
  let gateway: RunningGateway;
  let simulator: Simulator;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'portal-outage-'));
    simulator = await startSimulator();
    const config = parseConfig({ DATA_DIR: dataDir, PORT: '0', NODE_ENV: 'test', LOG_LEVEL: 'silent' });
    gateway = await startGateway(config, { simulator, logger: createLogger({ level: 'silent' }) });
  });

  afterAll(async () => {
    await gateway?.close();
    await simulator?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const readiness = async () => {
    const response = await fetch(`${gateway.url}/readyz`);
    return { status: response.status, body: (await response.json()) as { database: string } };
  };

  it('runs its own embedded database when MONGODB_URI is unset', async () => {
    expect(gateway.embeddedDatabase).not.toBeNull();
    expect((await readiness()).status).toBe(200);
  });

  it('reports 503 with a reason while the database is down, keeps serving, and recovers without a restart', async () => {
    await gateway.embeddedDatabase!.stop();

    const down = await readiness();
    expect(down.status).toBe(503);
    expect(down.body.database).toMatch(/^unreachable/);
    // Liveness and the tenant snapshot do not depend on the database.
    expect((await fetch(`${gateway.url}/healthz`)).status).toBe(200);
    const portal = await fetch(`${gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ portal { displayName } }' }),
    });
    expect(await portal.json()).toEqual({ data: { portal: { displayName: 'Klantportaal' } } });

    await gateway.embeddedDatabase!.restart();
    await expect.poll(async () => (await readiness()).status, { timeout: 20_000, interval: 250 }).toBe(200);
  }, 40_000);
});
