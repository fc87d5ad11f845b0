import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../test/db.js';
import { DEMO, startSimulator, type Simulator } from '../../nextcloud/simulator/index.js';
import { seedDemoTenants } from './demo-tenants.js';
import { createTenantDirectory } from './tenant-directory.js';
import { tenantModel } from './tenant.model.js';

/**
 * The demo tenants a demo gateway creates on its first start, and how later starts leave them
 * where they are unless their Nextcloud stopped answering (real database, real simulator).
 */
const db = useTestDatabase();
const directory = () => createTenantDirectory(db(), 'demo-tenants-test-secret-0123456789abcdef');
let simulator: Simulator;

describe('seedDemoTenants', () => {
  beforeAll(async () => {
    simulator = await startSimulator();
  });
  afterAll(async () => {
    await simulator?.close();
  });
  beforeEach(async () => {
    await tenantModel(db()).deleteMany({});
  });

  it('creates both demo tenants on the simulator with its service account', async () => {
    const tenants = directory();
    expect(await seedDemoTenants(simulator, tenants, { answers: async () => false })).toEqual([]);
    for (const id of ['demo', 'other']) {
      expect(tenants.get(id)?.nextcloud).toMatchObject({
        baseUrl: simulator.instance(id).url,
        loginName: DEMO.users.service.login,
      });
      expect(tenants.appPasswordOf(id)).toBe(DEMO.users.service.appPassword);
    }
  });

  it('moves a stored demo tenant only when its Nextcloud no longer answers, keeping what was changed', async () => {
    const tenants = directory();
    await seedDemoTenants(simulator, tenants);
    await tenants.repointNextcloud('demo', 'http://127.0.0.1:9');
    await tenants.repointNextcloud('other', 'http://127.0.0.1:9');
    await tenants.upsert({
      id: 'demo',
      nextcloud: { ...tenants.get('demo')!.nextcloud, appPassword: tenants.appPasswordOf('demo') },
      timeZone: 'Europe/Brussels',
    });

    // Without a way to ask, nothing is moved.
    expect(await seedDemoTenants(simulator, tenants)).toEqual([]);
    expect(tenants.get('demo')?.nextcloud.baseUrl).toBe('http://127.0.0.1:9');

    // Another replica's simulator still answers for "other": it stays; "demo" is moved.
    const asked: string[] = [];
    const moved = await seedDemoTenants(simulator, tenants, {
      answers: async (id) => {
        asked.push(id);
        return id === 'other';
      },
    });
    expect(moved).toEqual(['demo']);
    expect(asked).toEqual(['demo', 'other']);
    expect(tenants.get('demo')).toMatchObject({
      nextcloud: { baseUrl: simulator.instance('demo').url },
      timeZone: 'Europe/Brussels',
    });
    expect(tenants.get('other')?.nextcloud.baseUrl).toBe('http://127.0.0.1:9');

    // Once in place, a tenant is not even asked about.
    asked.length = 0;
    await seedDemoTenants(simulator, tenants, {
      answers: async (id) => {
        asked.push(id);
        return true;
      },
    });
    expect(asked).toEqual(['other']);
  });
});
