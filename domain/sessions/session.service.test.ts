import { describe, expect, it } from 'vitest';
import { HOUR, MINUTE } from '../../test/clock.js';
import { useTestDatabase } from '../../test/db.js';
import { tokenHash } from '../../core/tokens.js';
import { useAccountTestKit } from '../accounts/account.test-support.js';
import { ENROLMENT_SESSION_TTL_MS } from './session.service.js';

const kit = useAccountTestKit(useTestDatabase());

describe('customer sessions', () => {
  it('stores only the SHA-256 of the token, as _id', async () => {
    const account = await kit().createAccount();
    const session = await kit().services.sessions.create(kit().tenant(), account);
    expect(session.sessionId).toBe(tokenHash(session.token));
    const stored = await kit()
      .connection.collection('sessions')
      .findOne({ _id: session.sessionId as never });
    expect(JSON.stringify(stored)).not.toContain(session.token);
  });

  it('ends after 30 idle minutes', async () => {
    const account = await kit().createAccount();
    const { token } = await kit().services.sessions.create(kit().tenant(), account);
    kit().clock.advance(30 * MINUTE - 1000);
    expect(await kit().services.sessions.authenticate(kit().tenant(), token)).not.toBeNull();
    // That request counted as activity: the idle clock starts again.
    kit().clock.advance(29 * MINUTE);
    expect(await kit().services.sessions.authenticate(kit().tenant(), token)).not.toBeNull();
    kit().clock.advance(30 * MINUTE);
    expect(await kit().services.sessions.authenticate(kit().tenant(), token)).toBeNull();
  });

  it('ends at the absolute lifetime (sessionTtlHours) however active it is', async () => {
    const account = await kit().createAccount();
    const tenant = kit().tenant({ sessionTtlHours: 2 });
    const { token, expiresAt, maxAgeSeconds } = await kit().services.sessions.create(tenant, account);
    expect(maxAgeSeconds).toBe(2 * 3600);
    expect(expiresAt.getTime() - kit().clock.now().getTime()).toBe(2 * HOUR);
    for (let elapsed = 0; elapsed < 2 * HOUR - 20 * MINUTE; elapsed += 20 * MINUTE) {
      kit().clock.advance(20 * MINUTE);
      expect(await kit().services.sessions.authenticate(tenant, token)).not.toBeNull();
    }
    kit().clock.advance(20 * MINUTE);
    expect(await kit().services.sessions.authenticate(tenant, token)).toBeNull();
  });

  it('a tenant that shortens sessionTtlHours shortens running sessions', async () => {
    const account = await kit().createAccount();
    const { token } = await kit().services.sessions.create(kit().tenant({ sessionTtlHours: 8 }), account);
    kit().clock.advance(29 * MINUTE);
    expect(await kit().services.sessions.authenticate(kit().tenant({ sessionTtlHours: 8 }), token)).not.toBeNull();
    kit().clock.advance(29 * MINUTE);
    expect(await kit().services.sessions.authenticate(kit().tenant({ sessionTtlHours: 8 }), token)).not.toBeNull();
    kit().clock.advance(3 * MINUTE);
    expect(await kit().services.sessions.authenticate(kit().tenant({ sessionTtlHours: 1 }), token)).toBeNull();
  });

  it('is bound to its tenant', async () => {
    const account = await kit().createAccount();
    const { token } = await kit().services.sessions.create(kit().tenant(), account);
    const other = { ...kit().tenants.get('other')! };
    expect(await kit().services.sessions.authenticate(other, token)).toBeNull();
  });

  it('rejects tokens of the wrong kind or shape', async () => {
    expect(await kit().services.sessions.authenticate(kit().tenant(), 'pat_abc')).toBeNull();
    expect(await kit().services.sessions.authenticate(kit().tenant(), 'ps_unknown-token')).toBeNull();
  });

  it('revoke ends one session; revokeAllForAccount ends all of them', async () => {
    const account = await kit().createAccount();
    const a = await kit().services.sessions.create(kit().tenant(), account);
    const b = await kit().services.sessions.create(kit().tenant(), account);
    const c = await kit().services.sessions.create(kit().tenant(), account);
    await kit().services.sessions.revoke(a.sessionId, 'sign-out');
    expect(await kit().services.sessions.authenticate(kit().tenant(), a.token)).toBeNull();
    expect(await kit().services.sessions.authenticate(kit().tenant(), b.token)).not.toBeNull();
    expect(await kit().services.sessions.revokeAllForAccount(account.id, 'password-reset')).toBe(2);
    expect(await kit().services.sessions.authenticate(kit().tenant(), b.token)).toBeNull();
    expect(await kit().services.sessions.authenticate(kit().tenant(), c.token)).toBeNull();
  });

  it('dies when the account is blocked or closed', async () => {
    const account = await kit().createAccount();
    const { token } = await kit().services.sessions.create(kit().tenant(), account);
    await kit().services.accounts.setStatus(kit().tenant(), account.id, 'BLOCKED', {
      principal: kit().admin(),
      meta: { ip: null, userAgent: null },
    });
    expect(await kit().services.sessions.authenticate(kit().tenant(), token)).toBeNull();
    // Unblocking does not bring old sessions back: they were revoked.
    await kit().services.accounts.setStatus(kit().tenant(), account.id, 'ACTIVE', {
      principal: kit().admin(),
      meta: { ip: null, userAgent: null },
    });
    expect(await kit().services.sessions.authenticate(kit().tenant(), token)).toBeNull();
  });

  it('writes lastSeenAt at most once a minute', async () => {
    const account = await kit().createAccount();
    const { token, sessionId } = await kit().services.sessions.create(kit().tenant(), account);
    const lastSeen = async () =>
      (await kit()
        .connection.collection('sessions')
        .findOne({ _id: sessionId as never }))!.lastSeenAt as Date;
    const start = kit().clock.now();
    kit().clock.advance(30_000);
    await kit().services.sessions.authenticate(kit().tenant(), token);
    expect(await lastSeen()).toEqual(start);
    kit().clock.advance(31_000);
    await kit().services.sessions.authenticate(kit().tenant(), token);
    expect(await lastSeen()).toEqual(kit().clock.now());
  });

  it('a revoked session stays revoked when its lastSeenAt write runs at the same time', async () => {
    const account = await kit().createAccount();
    const sessions = await Promise.all(Array.from({ length: 10 }, () => kit().services.sessions.create(kit().tenant(), account)));
    kit().clock.advance(2 * MINUTE); // every authenticate below writes lastSeenAt
    await Promise.all(
      sessions.flatMap((s) => [
        kit().services.sessions.authenticate(kit().tenant(), s.token),
        kit().services.sessions.revoke(s.sessionId, 'sign-out'),
      ]),
    );
    for (const s of sessions) expect(await kit().services.sessions.authenticate(kit().tenant(), s.token)).toBeNull();
    const left = await kit()
      .connection.collection('sessions')
      .countDocuments({ _id: { $in: sessions.map((s) => s.sessionId) } as never });
    expect(left).toBe(0);
  });

  it('enrolment-only sessions last ten minutes and say so in the principal', async () => {
    const account = await kit().createAccount();
    const { token, maxAgeSeconds } = await kit().services.sessions.create(kit().tenant(), account, 'enrolment');
    expect(maxAgeSeconds).toBe(ENROLMENT_SESSION_TTL_MS / 1000);
    expect(await kit().services.sessions.authenticate(kit().tenant(), token)).toMatchObject({ enrolmentOnly: true });
    kit().clock.advance(9 * MINUTE);
    expect(await kit().services.sessions.authenticate(kit().tenant(), token)).not.toBeNull();
    kit().clock.advance(MINUTE);
    expect(await kit().services.sessions.authenticate(kit().tenant(), token)).toBeNull();
  });

  it('purgeExpired deletes sessions that can never be valid again', async () => {
    const account = await kit().createAccount();
    const live = await kit().services.sessions.create(kit().tenant(), account);
    const revoked = await kit().services.sessions.create(kit().tenant(), account);
    await kit().services.sessions.revoke(revoked.sessionId, 'sign-out');
    await kit().services.sessions.purgeExpired(kit().clock.now());
    const ids = (await kit().connection.collection('sessions').find({ accountId: account.id }).toArray()).map((d) => d._id);
    expect(ids).toEqual([live.sessionId]);
  });
});
