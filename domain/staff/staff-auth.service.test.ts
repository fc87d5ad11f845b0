import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMetrics } from '../../core/metrics.js';
import { createSecretBox } from '../../core/secret-box.js';
import { AuditService, auditClientHashKey } from '../audit/index.js';
import { DEMO } from '../../nextcloud/simulator/demo-data.js';
import { startSimulator, type Simulator } from '../../nextcloud/simulator/index.js';
import { initModels } from '../../store/connection.js';
import { useTestDatabase } from '../../test/db.js';
import { NextcloudConnectors } from '../tenants/nextcloud-connectors.js';
import { createTenantDirectory, TenantDirectory } from '../tenants/tenant-directory.js';
import { StaffAuthService, STAFF_SESSION_MAX_MS, STAFF_TOKEN_TTL_MS } from './staff-auth.service.js';
import { staffSessionModel } from './staff-session.model.js';

describe('staff sessions', () => {
  const db = useTestDatabase();
  let simulator: Simulator;
  let tenants: TenantDirectory;
  let service: StaffAuthService;
  let now = new Date('2026-11-25T10:00:00Z');

  beforeAll(async () => {
    simulator = await startSimulator();
    const secret = 'test-master-secret-with-enough-length-0123456789';
    tenants = createTenantDirectory(db(), secret);
    const sessions = staffSessionModel(db());
    const audit = new AuditService({ connection: db(), clientHashKey: auditClientHashKey(secret) });
    await initModels(db());
    for (const id of ['demo', 'other']) {
      await tenants.upsert({
        id,
        nextcloud: {
          baseUrl: simulator.instance(id).url,
          loginName: DEMO.users.service.login,
          appPassword: DEMO.users.service.appPassword,
        },
      });
    }
    const connectors = new NextcloudConnectors(tenants, { metrics: createMetrics() });
    service = new StaffAuthService(sessions, connectors, createSecretBox(secret, 'staff'), audit, () => now);
  });
  afterAll(() => simulator?.close());

  const demo = () => tenants.get('demo')!;

  it('stores only the token hash and the sealed app password', async () => {
    const { token, sessionId } = await service.signIn(demo(), 'admin', DEMO.users.admin.appPassword);
    const raw = await db()
      .db!.collection('staffSessions')
      .findOne({ _id: sessionId as never });
    expect(JSON.stringify(raw)).not.toContain(token);
    expect(JSON.stringify(raw)).not.toContain(DEMO.users.admin.appPassword);
  });

  it('binds a session to its tenant', async () => {
    const { token } = await service.signIn(demo(), 'admin', DEMO.users.admin.appPassword);
    expect(await service.authenticate(demo(), token)).toMatchObject({ kind: 'staff', roles: ['ADMIN'], loginName: 'admin' });
    expect(await service.authenticate(tenants.get('other')!, token)).toBeNull();
  });

  it('ends a Bearer token after an hour but re-verifies a cookie session with Nextcloud, up to 12 hours', async () => {
    const start = now;
    const { token } = await service.signIn(demo(), 'dpo', DEMO.users.dpo.appPassword);
    now = new Date(start.getTime() + STAFF_TOKEN_TTL_MS + 1);
    expect(await service.authenticate(demo(), token, 'bearer')).toBeNull();
    const calls = simulator.instance('demo').calls().length;
    expect(await service.authenticate(demo(), token, 'cookie')).toMatchObject({ roles: ['DPO'] });
    expect(simulator.instance('demo').calls().length).toBeGreaterThan(calls);
    now = new Date(start.getTime() + STAFF_SESSION_MAX_MS);
    expect(await service.authenticate(demo(), token, 'cookie')).toBeNull();
    now = start;
  });

  it('drops a cookie session whose user lost the staff group in Nextcloud', async () => {
    const start = now;
    const { token } = await service.signIn(demo(), 'dpo', DEMO.users.dpo.appPassword);
    const dpoUser = simulator.instance('demo').data.users.find((user) => user.id === 'dpo')!;
    const groups = dpoUser.groups;
    dpoUser.groups = [];
    try {
      now = new Date(start.getTime() + STAFF_TOKEN_TTL_MS + 1);
      expect(await service.authenticate(demo(), token, 'cookie')).toBeNull();
      dpoUser.groups = groups;
      expect(await service.authenticate(demo(), token, 'cookie')).toBeNull();
    } finally {
      dpoUser.groups = groups;
      now = start;
    }
  });

  it('signs out', async () => {
    const { token } = await service.signIn(demo(), 'admin', DEMO.users.admin.appPassword);
    await service.signOut(token);
    expect(await service.authenticate(demo(), token)).toBeNull();
  });
});
