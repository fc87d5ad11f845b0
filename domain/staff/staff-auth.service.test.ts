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
import { rolesFromGroups } from './staff-roles.js';
import { RateLimiter } from '../rate-limit/rate-limiter.js';

describe('staff sessions', () => {
  const db = useTestDatabase();
  let simulator: Simulator;
  let tenants: TenantDirectory;
  let service: StaffAuthService;
  let audit: AuditService;
  let throttled: StaffAuthService;
  let realTime: StaffAuthService;
  let now = new Date('2026-11-25T10:00:00Z');

  beforeAll(async () => {
    simulator = await startSimulator();
    const secret = 'test-master-secret-with-enough-length-0123456789';
    tenants = createTenantDirectory(db(), secret);
    const sessions = staffSessionModel(db());
    audit = new AuditService({ connection: db(), clientHashKey: auditClientHashKey(secret) });
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
    realTime = new StaffAuthService(sessions, connectors, createSecretBox(secret, 'staff'), audit);
    throttled = new StaffAuthService(
      sessions,
      connectors,
      createSecretBox(secret, 'staff'),
      audit,
      () => now,
      new RateLimiter(db(), () => now),
    );
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

  const staffEvents = async (login: string) =>
    (await audit.list('demo', { eventType: 'staff.signed-in', actor: `staff:${login}` })).events;
  const sessionCount = () => db().db!.collection('staffSessions').countDocuments();
  const withNextcloudDown = async (run: () => Promise<void>) => {
    simulator.instance('demo').setFaults({ down: true });
    try {
      await run();
    } finally {
      simulator.instance('demo').resetFaults();
    }
  };

  it('refuses a wrong app password and a Nextcloud user without a staff group, each audited as denied', async () => {
    await expect(service.signIn(demo(), 'admin', 'not-the-app-password', { ip: '203.0.113.5' })).rejects.toMatchObject({
      message: 'The login name or app password is not correct.',
      extensions: { code: 'INVALID_CREDENTIALS' },
    });
    expect((await staffEvents('admin')).find((e) => e.outcome === 'denied')).toMatchObject({
      details: { reason: 'INVALID_CREDENTIALS' },
    });
    await expect(service.signIn(demo(), 'outsider', DEMO.users.outsider.appPassword)).rejects.toMatchObject({
      message: 'This Nextcloud account is neither an admin nor a DPO of this portal.',
      extensions: { code: 'FORBIDDEN' },
    });
    expect(await staffEvents('outsider')).toMatchObject([{ outcome: 'denied', details: { reason: 'FORBIDDEN' } }]);
  });

  it('audits a sign-in with the roles, and answers a token valid for an hour', async () => {
    const before = (await staffEvents('dpo')).length;
    const result = await service.signIn(demo(), 'dpo', DEMO.users.dpo.appPassword, { ip: '203.0.113.6', userAgent: 'ua' });
    expect(result).toMatchObject({ roles: ['DPO'], expiresAt: new Date(now.getTime() + 60 * 60 * 1000) });
    expect(result.token.startsWith('pst_')).toBe(true);
    const events = await staffEvents('dpo');
    expect(events).toHaveLength(before + 1);
    expect(events[0]).toMatchObject({ outcome: 'success', details: { roles: ['DPO'] } });
    expect(events[0]!.ipHash).toBeTruthy();
    expect(events[0]!.userAgentHash).toBeTruthy();
  });

  it('an overlong login name is refused and recorded cut to 128 characters', async () => {
    const login = 'x'.repeat(300);
    await expect(service.signIn(demo(), login, 'whatever')).rejects.toMatchObject({
      extensions: { code: 'INVALID_CREDENTIALS' },
    });
    expect(await staffEvents('x'.repeat(128))).toHaveLength(1);
  });

  it('an unreachable Nextcloud refuses the sign-in without counting it as a denied attempt', async () => {
    const denied = async () => (await staffEvents('dpo')).filter((e) => e.outcome === 'denied').length;
    const before = await denied();
    await withNextcloudDown(async () => {
      await expect(service.signIn(demo(), 'dpo', DEMO.users.dpo.appPassword)).rejects.toMatchObject({
        extensions: { code: 'UPSTREAM_UNAVAILABLE' },
      });
    });
    expect(await denied()).toBe(before);
  });

  it('a Bearer token works until the last millisecond of its hour', async () => {
    const start = now;
    const { token } = await service.signIn(demo(), 'admin', DEMO.users.admin.appPassword);
    try {
      now = new Date(start.getTime() + STAFF_TOKEN_TTL_MS - 1);
      expect(await service.authenticate(demo(), token)).toMatchObject({ loginName: 'admin' });
      now = new Date(start.getTime() + STAFF_TOKEN_TTL_MS);
      expect(await service.authenticate(demo(), token)).toBeNull();
      expect(await service.authenticate(demo(), token.replace('pst_', 'ps_'))).toBeNull();
    } finally {
      now = start;
    }
  });

  it('a re-verified cookie session is good for another hour, never past 12 hours, and picks up new roles', async () => {
    const start = now;
    // Signed in first, so a write that missed its target would most likely land on this one.
    const bystander = await service.signIn(demo(), 'admin', DEMO.users.admin.appPassword);
    const { token, sessionId } = await service.signIn(demo(), 'dpo', DEMO.users.dpo.appPassword);
    const dpoUser = simulator.instance('demo').data.users.find((user) => user.id === 'dpo')!;
    const groups = dpoUser.groups;
    try {
      dpoUser.groups = [...groups, 'admin'];
      now = new Date(start.getTime() + STAFF_TOKEN_TTL_MS);
      expect(await service.authenticate(demo(), token, 'cookie')).toMatchObject({ roles: ['ADMIN', 'DPO'] });
      // Re-verified: a Bearer use within the next hour passes without Nextcloud, with the new roles.
      now = new Date(start.getTime() + 2 * STAFF_TOKEN_TTL_MS - 1);
      expect(await service.authenticate(demo(), token, 'bearer')).toMatchObject({ roles: ['ADMIN', 'DPO'] });
      // ... and only that hour: group changes keep applying within the hour.
      now = new Date(start.getTime() + 2 * STAFF_TOKEN_TTL_MS);
      expect(await service.authenticate(demo(), token, 'bearer')).toBeNull();
      now = new Date(start.getTime() + STAFF_SESSION_MAX_MS - STAFF_TOKEN_TTL_MS / 2);
      expect(await service.authenticate(demo(), token, 'cookie')).not.toBeNull();
      const stored = await db()
        .db!.collection('staffSessions')
        .findOne({ _id: sessionId as never });
      expect(stored!.verifiedUntil).toEqual(new Date(start.getTime() + STAFF_SESSION_MAX_MS));
      now = new Date(start.getTime() + STAFF_SESSION_MAX_MS);
      expect(await service.authenticate(demo(), token, 'cookie')).toBeNull();
      // The session at its end is deleted, not only refused; the other one is not touched.
      expect(
        await db()
          .db!.collection('staffSessions')
          .countDocuments({ _id: sessionId as never }),
      ).toBe(0);
      expect(
        await db()
          .db!.collection('staffSessions')
          .countDocuments({ _id: bystander.sessionId as never }),
      ).toBe(1);
    } finally {
      dpoUser.groups = groups;
      now = start;
    }
  });

  it('keeps a cookie session while Nextcloud is briefly unreachable; a wrong app password ends it', async () => {
    const start = now;
    const { token, sessionId } = await service.signIn(demo(), 'admin', DEMO.users.admin.appPassword);
    try {
      now = new Date(start.getTime() + STAFF_TOKEN_TTL_MS + 1);
      await withNextcloudDown(async () => {
        expect(await service.authenticate(demo(), token, 'cookie')).toBeNull();
      });
      expect(await service.authenticate(demo(), token, 'cookie')).toMatchObject({ roles: ['ADMIN'] });
      expect(
        await db()
          .db!.collection('staffSessions')
          .countDocuments({ _id: sessionId as never }),
      ).toBe(1);
    } finally {
      now = start;
    }
  });

  it('signing out, ending or dropping one session leaves the other sessions working', async () => {
    const start = now;
    const bystander = await service.signIn(demo(), 'admin', DEMO.users.admin.appPassword);
    try {
      const signedOut = await service.signIn(demo(), 'admin', DEMO.users.admin.appPassword);
      await service.signOut(signedOut.token);
      expect(await service.authenticate(demo(), signedOut.token)).toBeNull();
      const ended = await service.signIn(demo(), 'admin', DEMO.users.admin.appPassword);
      await service.endSession((await service.authenticate(demo(), ended.token))!);
      expect(await service.authenticate(demo(), ended.token)).toBeNull();
      // A session whose re-check fails is dropped; only that one.
      const dpo = await service.signIn(demo(), 'dpo', DEMO.users.dpo.appPassword);
      const dpoUser = simulator.instance('demo').data.users.find((user) => user.id === 'dpo')!;
      const groups = dpoUser.groups;
      dpoUser.groups = [];
      try {
        now = new Date(start.getTime() + STAFF_TOKEN_TTL_MS);
        expect(await service.authenticate(demo(), dpo.token, 'cookie')).toBeNull();
      } finally {
        dpoUser.groups = groups;
      }
      expect(await service.authenticate(demo(), bystander.token, 'cookie')).toMatchObject({ loginName: 'admin' });
    } finally {
      now = start;
    }
  });

  it('ending a session is audited and the token stops working', async () => {
    const { token } = await service.signIn(demo(), 'admin', DEMO.users.admin.appPassword);
    const principal = (await service.authenticate(demo(), token))!;
    const before = await sessionCount();
    await service.endSession(principal);
    expect(await service.authenticate(demo(), token)).toBeNull();
    expect(await sessionCount()).toBe(before - 1);
    const logouts = (await audit.list('demo', { eventType: 'logout', actor: 'staff:admin' })).events;
    expect(logouts[0]).toMatchObject({ outcome: 'success' });
  });

  it('limits guesses per login name (any spelling, any address) for 15 minutes; only the first refusal is audited', async () => {
    const start = now;
    try {
      for (let i = 0; i < 10; i++) {
        await expect(
          throttled.signIn(demo(), i % 2 ? 'DPO' : 'dpo', `guess-${i}`, { ip: `198.51.100.${i}` }),
        ).rejects.toMatchObject({ extensions: { code: 'INVALID_CREDENTIALS' } });
      }
      const limited = (await staffEvents('dpo')).filter((e) => e.details?.reason === 'RATE_LIMITED').length;
      for (let i = 0; i < 2; i++) {
        await expect(throttled.signIn(demo(), 'dpo', DEMO.users.dpo.appPassword)).rejects.toMatchObject({
          message: 'Too many sign-in attempts for this login. Please wait and try again.',
          extensions: { code: 'RATE_LIMITED' },
        });
      }
      expect((await staffEvents('dpo')).filter((e) => e.details?.reason === 'RATE_LIMITED')).toHaveLength(limited + 1);
      // Another login, and the same login on another tenant, are not held up.
      await throttled.signIn(demo(), 'admin', DEMO.users.admin.appPassword);
      await throttled.signIn(tenants.get('other')!, 'dpo', DEMO.users.dpo.appPassword);
      now = new Date(start.getTime() + 14 * 60_000);
      await expect(throttled.signIn(demo(), 'dpo', DEMO.users.dpo.appPassword)).rejects.toMatchObject({
        extensions: { code: 'RATE_LIMITED' },
      });
      now = new Date(start.getTime() + 30 * 60_000);
      expect((await throttled.signIn(demo(), 'dpo', DEMO.users.dpo.appPassword)).roles).toEqual(['DPO']);
    } finally {
      now = start;
    }
  });

  it('a successful sign-in clears the count of earlier typos', async () => {
    for (let i = 0; i < 9; i++) await throttled.signIn(demo(), 'admin', `typo-${i}`).catch(() => {});
    await throttled.signIn(demo(), 'admin', DEMO.users.admin.appPassword);
    for (let i = 0; i < 9; i++) await throttled.signIn(demo(), 'admin', `typo-again-${i}`).catch(() => {});
    expect((await throttled.signIn(demo(), 'admin', DEMO.users.admin.appPassword)).roles).toEqual(['ADMIN']);
  });

  it('without an injected clock (production) times the session with the real time', async () => {
    const before = Date.now();
    const { token, expiresAt } = await realTime.signIn(demo(), 'admin', DEMO.users.admin.appPassword);
    expect(expiresAt.getTime()).toBeGreaterThanOrEqual(before + STAFF_TOKEN_TTL_MS);
    expect(expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + STAFF_TOKEN_TTL_MS);
    expect(await realTime.authenticate(demo(), token)).toMatchObject({ loginName: 'admin' });
  });
});

describe('staff roles from Nextcloud groups', () => {
  it('admin makes ADMIN, the configured DPO group makes DPO, anything else nothing', () => {
    expect(rolesFromGroups(['admin', 'privacy'], 'privacy')).toEqual(['ADMIN', 'DPO']);
    expect(rolesFromGroups(['dpo'], 'privacy')).toEqual([]);
    expect(rolesFromGroups(['users'], 'dpo')).toEqual([]);
  });
});
