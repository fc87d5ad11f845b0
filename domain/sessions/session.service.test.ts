import { describe, expect, it } from 'vitest';
import { HOUR, MINUTE } from '../../test/clock.js';
import { useTestDatabase } from '../../test/db.js';
import { tokenHash } from '../../core/tokens.js';
import type { ActingFor } from '../principal.js';
import { useAccountTestKit } from '../accounts/account.test-support.js';
import { collectionNamed } from '../../store/collection.js';
import { AccountRepository } from '../accounts/account.repository.js';
import { EmailClaims } from '../profile/email-claims.js';
import { AUTH_CHANGES_COLLECTION, AuthChanges } from './auth-changes.js';
import { ENROLMENT_SESSION_TTL_MS, publicSessionId, SessionService } from './session.service.js';

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

  // Two checks bind a session to its tenant: the session's own tenant and its account's. Each
  // must hold by itself, so a session row or an account moved between tenants is refused.
  it("is refused when only the session's stored tenant differs", async () => {
    const account = await kit().createAccount();
    const { token, sessionId } = await kit().services.sessions.create(kit().tenant(), account);
    await kit()
      .connection.collection('sessions')
      .updateOne({ _id: sessionId as never }, { $set: { tenantId: 'other' } });
    expect(await kit().services.sessions.authenticate(kit().tenant(), token)).toBeNull();
  });

  it("is refused when only the account's tenant differs", async () => {
    const account = await kit().createAccount();
    const { token } = await kit().services.sessions.create(kit().tenant(), account);
    await kit()
      .connection.collection('accounts')
      .updateOne({ _id: account.id as never }, { $set: { tenantId: 'other' } });
    expect(await kit().services.sessions.authenticate(kit().tenant(), token)).toBeNull();
  });

  it('refuses a session stored as revoked (rows from before revoking became a delete)', async () => {
    const account = await kit().createAccount();
    const { token, sessionId } = await kit().services.sessions.create(kit().tenant(), account);
    await kit()
      .connection.collection('sessions')
      .updateOne({ _id: sessionId as never }, { $set: { revokedAt: kit().clock.now(), revokedReason: 'sign-out' } });
    expect(await kit().services.sessions.authenticate(kit().tenant(), token)).toBeNull();
  });

  it('rejects tokens of the wrong kind or shape', async () => {
    expect(await kit().services.sessions.authenticate(kit().tenant(), 'pat_abc')).toBeNull();
    expect(await kit().services.sessions.authenticate(kit().tenant(), 'ps_unknown-token')).toBeNull();
  });

  // The shape check comes before any lookup: only a `ps_` token of sane length is a session token,
  // even where a stored row happens to carry its hash.
  it('accepts only ps_ tokens of at most 200 characters, whatever is stored', async () => {
    const account = await kit().createAccount();
    const { sessionId } = await kit().services.sessions.create(kit().tenant(), account);
    const session = await kit()
      .connection.collection('sessions')
      .findOne({ _id: sessionId as never });
    const storeAs = async (token: string) =>
      kit()
        .connection.collection('sessions')
        .insertOne({ ...session, _id: tokenHash(token) as never });
    const longest = `ps_${'a'.repeat(197)}`;
    const tooLong = `ps_${'b'.repeat(198)}`;
    const otherKind = 'pat_looks-like-a-session';
    for (const token of [longest, tooLong, otherKind]) await storeAs(token);
    expect(await kit().services.sessions.authenticate(kit().tenant(), longest)).not.toBeNull();
    expect(await kit().services.sessions.authenticate(kit().tenant(), tooLong)).toBeNull();
    expect(await kit().services.sessions.authenticate(kit().tenant(), otherKind)).toBeNull();
  });

  it('is valid on a replica that has never seen it, which reads its account after it', async () => {
    const account = await kit().createAccount();
    const { token } = await kit().services.sessions.create(kit().tenant(), account);
    const otherReplica = new SessionService(kit().connection, kit().services.accounts.repository, kit().clock.now);
    const principal = await otherReplica.authenticate(kit().tenant(), token);
    expect(principal?.accountId).toBe(account.id);
    expect(otherReplica.readWhenAuthenticated(principal!)?.account.id).toBe(account.id);
    // …and again, now that it knows the session's account.
    expect((await otherReplica.authenticate(kit().tenant(), token))?.accountId).toBe(account.id);
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

  describe('kept between requests, and what another replica changes', () => {
    /**
     * Wider than the defaults so that a loaded test machine cannot let a picture go stale between two
     * requests; a change still waits longer than a picture stays fresh, as the defaults do.
     */
    const timing = { freshForMs: 1_000, settleMs: 1_100 };
    const signalReader = () => new AuthChanges(() => collectionNamed(kit().connection, AUTH_CHANGES_COLLECTION), timing);

    /** Another process on the same database: its own signal reader, repository and sessions. */
    function anotherReplica() {
      const changes = signalReader();
      const accounts = new AccountRepository(kit().connection, changes);
      return { accounts, sessions: new SessionService(kit().connection, accounts, kit().clock.now, undefined, changes) };
    }

    /** This replica's sessions, with the number of account reads they made, once its signal reader is current. */
    async function keepingReplica() {
      const changes = signalReader();
      const accounts = new AccountRepository(kit().connection, changes);
      const reads = { accounts: 0 };
      const findById = accounts.findById.bind(accounts);
      accounts.findById = (id) => {
        reads.accounts += 1;
        return findById(id);
      };
      const sessions = new SessionService(kit().connection, accounts, kit().clock.now, undefined, changes);
      await expect.poll(() => changes.fresh()).not.toBeNull();
      return { sessions, reads };
    }

    /** A session this replica has authenticated twice, so the second answer came from what it kept. */
    async function keptSession() {
      const replica = await keepingReplica();
      const account = await kit().createAccount();
      const { token, sessionId } = await kit().services.sessions.create(kit().tenant(), account);
      expect(await replica.sessions.authenticate(kit().tenant(), token)).not.toBeNull();
      expect(await replica.sessions.authenticate(kit().tenant(), token)).not.toBeNull();
      return { ...replica, account, token, sessionId };
    }

    it('a session used again while nothing changed is not read again', async () => {
      const { sessions, reads } = await keepingReplica();
      const account = await kit().createAccount();
      const { token } = await kit().services.sessions.create(kit().tenant(), account);
      expect((await sessions.authenticate(kit().tenant(), token))?.accountId).toBe(account.id);
      const afterFirst = reads.accounts;
      for (let i = 0; i < 3; i++) expect((await sessions.authenticate(kit().tenant(), token))?.accountId).toBe(account.id);
      expect(reads.accounts).toBe(afterFirst);
    });

    it("a kept session is still refused on another tenant's host", async () => {
      const { sessions, reads } = await keepingReplica();
      const account = await kit().createAccount();
      const { token } = await kit().services.sessions.create(kit().tenant(), account);
      expect(await sessions.authenticate(kit().tenant(), token)).not.toBeNull();
      const afterFirst = reads.accounts;
      expect(await sessions.authenticate({ ...kit().tenants.get('other')! }, token)).toBeNull();
      expect(reads.accounts).toBe(afterFirst); // refused from what was kept, not by reading again
      expect(await sessions.authenticate(kit().tenant(), token)).not.toBeNull();
    });

    it('a session another replica revoked is refused here as soon as its revocation returned', async () => {
      const { sessions, token, sessionId } = await keptSession();
      await anotherReplica().sessions.revoke(sessionId, 'sign-out');
      expect(await sessions.authenticate(kit().tenant(), token)).toBeNull();
    });

    it('a revocation retried after its announcement failed is announced again, though nothing is left to delete', async () => {
      const { sessions, token, sessionId } = await keptSession();
      // The first attempt deleted the session, then failed before it could announce that.
      await kit()
        .connection.collection('sessions')
        .deleteOne({ _id: sessionId as never });
      await anotherReplica().sessions.revoke(sessionId, 'sign-out');
      expect(await sessions.authenticate(kit().tenant(), token)).toBeNull();
    });

    it('an account another replica blocked or edited counts here as soon as that write returned', async () => {
      const { sessions, account, token } = await keptSession();
      const other = anotherReplica();
      await other.accounts.updateIfStatus(account.id, 'ACTIVE', { status: 'BLOCKED' });
      expect(await sessions.authenticate(kit().tenant(), token)).toBeNull();
      await other.accounts.update(account.id, { status: 'ACTIVE', email: 'renamed@example.nl' });
      const principal = await sessions.authenticate(kit().tenant(), token);
      expect(principal?.accountId).toBe(account.id);
      expect(sessions.readWhenAuthenticated(principal!)?.account.email).toBe('renamed@example.nl');
    });

    it('an address change confirmed on another replica shows here as soon as it returned', async () => {
      const { sessions, account, token } = await keptSession();
      const moved = await new EmailClaims(anotherReplica().accounts).pointAccount(
        account.id,
        account.tenantId,
        account.email,
        'moved@example.nl',
      );
      expect(moved).toBe(true);
      const principal = await sessions.authenticate(kit().tenant(), token);
      expect(sessions.readWhenAuthenticated(principal!)?.account.email).toBe('moved@example.nl');
    });

    it('a kept session that looks idle here is read again: another replica may have seen it since', async () => {
      const { sessions } = await keepingReplica();
      const account = await kit().createAccount();
      const { token } = await kit().services.sessions.create(kit().tenant(), account);
      expect(await sessions.authenticate(kit().tenant(), token)).not.toBeNull();
      kit().clock.advance(20 * MINUTE);
      expect(await anotherReplica().sessions.authenticate(kit().tenant(), token)).not.toBeNull(); // writes lastSeenAt
      kit().clock.advance(20 * MINUTE);
      expect(await sessions.authenticate(kit().tenant(), token)).not.toBeNull();
    });

    it('without a current picture of the signal, every request reads the session', async () => {
      const changes = new AuthChanges(() => collectionNamed(kit().connection, AUTH_CHANGES_COLLECTION), {
        pollEveryMs: 60_000,
        freshForMs: 10,
        settleMs: 20,
      });
      const accounts = new AccountRepository(kit().connection, changes);
      const sessions = new SessionService(kit().connection, accounts, kit().clock.now, undefined, changes);
      const account = await kit().createAccount();
      const { token, sessionId } = await kit().services.sessions.create(kit().tenant(), account);
      expect(await sessions.authenticate(kit().tenant(), token)).not.toBeNull();
      await new Promise((resolve) => setTimeout(resolve, 30)); // the one read made is no longer recent
      await kit()
        .connection.collection('sessions')
        .deleteOne({ _id: sessionId as never });
      expect(await sessions.authenticate(kit().tenant(), token)).toBeNull();
    });
  });

  // Acting for a company is looked up on every request, so a grant that ended ends the acting at once.
  it('acts for a company while the grant holds, and falls back to the own identity once it lapsed', async () => {
    const account = await kit().createAccount();
    const company: ActingFor = {
      delegationId: 'dlg_1',
      grantorAccountId: 'acc_grantor',
      clientId: 'client-9',
      scopes: ['read:invoices'],
    };
    let grant: ActingFor | null = company;
    const sessions = new SessionService(kit().connection, kit().services.accounts.repository, kit().clock.now, {
      contextFor: async (tenantId, granteeAccountId, delegationId) =>
        tenantId === kit().tenant().id && granteeAccountId === account.id && delegationId === company.delegationId ? grant : null,
    });
    const enrolment = await sessions.create(kit().tenant(), account, 'enrolment');
    const full = await sessions.create(kit().tenant(), account);
    for (const { sessionId } of [full, enrolment]) await sessions.setActingFor(sessionId, company.delegationId);

    expect(await sessions.authenticate(kit().tenant(), full.token)).toMatchObject({ accountId: account.id, actingFor: company });
    // An enrolment-only session never acts for anyone.
    const enrolling = await sessions.authenticate(kit().tenant(), enrolment.token);
    expect(enrolling?.accountId).toBe(account.id);
    expect(enrolling?.actingFor).toBeUndefined();

    grant = null;
    const lapsed = await sessions.authenticate(kit().tenant(), full.token);
    expect(lapsed).toMatchObject({ accountId: account.id, tenantId: kit().tenant().id, actingLapsed: true });
    expect(lapsed?.actingFor).toBeUndefined();
    // The session forgets the grant, so the next request is a plain one of the account itself.
    const stored = await kit()
      .connection.collection('sessions')
      .findOne({ _id: full.sessionId as never });
    expect(stored?.actingFor).toBeNull();
    const next = await sessions.authenticate(kit().tenant(), full.token);
    expect(next?.actingLapsed).toBeUndefined();
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
    kit().clock.advance(30_000);
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
  it('refuses a session whose account is no longer ACTIVE, even if revoking its sessions failed', async () => {
    const account = await kit().createAccount();
    const { token } = await kit().services.sessions.create(kit().tenant(), account);
    await kit()
      .connection.collection('accounts')
      .updateOne({ _id: account.id as never }, { $set: { status: 'CLOSED' } });
    expect(await kit().services.sessions.authenticate(kit().tenant(), token)).toBeNull();
  });

  it('a full session is not enrolment-only, and the request keeps what authentication read', async () => {
    const account = await kit().createAccount();
    const { token, expiresAt } = await kit().services.sessions.create(kit().tenant(), account);
    const principal = await kit().services.sessions.authenticate(kit().tenant(), token);
    expect(principal).toMatchObject({ enrolmentOnly: false, accountId: account.id });
    // No company context was chosen, so none can have lapsed.
    expect(principal!.actingLapsed).toBeUndefined();
    expect(kit().services.sessions.readWhenAuthenticated(principal!)).toEqual({
      account: expect.objectContaining({ id: account.id }),
      expiresAt,
    });
  });

  it('lists the account’s live sessions as devices, the current one first, then the most recently used', async () => {
    const account = await kit().createAccount();
    const { sessions } = kit().services;
    const device = { browser: 'Firefox', os: 'Linux', network: '203.0.113.0/24' };
    const old = await sessions.create(kit().tenant(), account, 'full', device);
    kit().clock.advance(2 * MINUTE);
    const current = await sessions.create(kit().tenant(), account);
    kit().clock.advance(2 * MINUTE);
    const recent = await sessions.create(kit().tenant(), account);
    const dead = await sessions.create(kit().tenant(), account, 'enrolment');
    const other = await sessions.create(kit().tenant(), await kit().createAccount());
    kit().clock.advance(11 * MINUTE); // the enrolment session is over
    const list = await sessions.listForAccount(kit().tenant(), account.id, current.sessionId);
    expect(list.map((v) => v.id)).toEqual([current, recent, old].map((x) => publicSessionId(x.sessionId)));
    expect(list.map((v) => v.current)).toEqual([true, false, false]);
    expect(list[2]).toMatchObject({ kind: 'full', ...device });
    expect(list[0]).toMatchObject({ browser: null, os: null, network: null });
    expect(JSON.stringify(list)).not.toContain(old.sessionId);
    // Handles go into URLs and the page: short and URL-safe.
    for (const view of list) expect(view.id).toMatch(/^ses_[A-Za-z0-9_-]{24}$/);
    expect(list.map((v) => v.id)).not.toContain(publicSessionId(dead.sessionId));
    expect(list.map((v) => v.id)).not.toContain(publicSessionId(other.sessionId));
  });

  it('revokes one of the account’s sessions by its public id, and no other account’s', async () => {
    const account = await kit().createAccount();
    const stranger = await kit().createAccount();
    const { sessions } = kit().services;
    const mine = await sessions.create(kit().tenant(), account);
    const keep = await sessions.create(kit().tenant(), account);
    const theirs = await sessions.create(kit().tenant(), stranger);
    expect(await sessions.revokeByPublicId(kit().tenant(), account.id, publicSessionId(theirs.sessionId))).toBe(false);
    expect(await sessions.revokeByPublicId(kit().tenant(), account.id, 'ses_made-up')).toBe(false);
    expect(await sessions.authenticate(kit().tenant(), theirs.token)).not.toBeNull();
    expect(await sessions.revokeByPublicId(kit().tenant(), account.id, publicSessionId(mine.sessionId))).toBe(true);
    expect(await sessions.authenticate(kit().tenant(), mine.token)).toBeNull();
    expect(await sessions.authenticate(kit().tenant(), keep.token)).not.toBeNull();
  });

  it('signs out everywhere else: only the account’s other sessions end', async () => {
    const account = await kit().createAccount();
    const { sessions } = kit().services;
    const here = await sessions.create(kit().tenant(), account);
    const elsewhere = [await sessions.create(kit().tenant(), account), await sessions.create(kit().tenant(), account)];
    const stranger = await sessions.create(kit().tenant(), await kit().createAccount());
    expect(await sessions.revokeOthers(account.id, here.sessionId)).toBe(2);
    for (const s of elsewhere) expect(await sessions.authenticate(kit().tenant(), s.token)).toBeNull();
    expect(await sessions.authenticate(kit().tenant(), here.token)).not.toBeNull();
    expect(await sessions.authenticate(kit().tenant(), stranger.token)).not.toBeNull();
    expect(await sessions.revokeAllForAccount(account.id, 'closed')).toBe(1);
    expect(await sessions.authenticate(kit().tenant(), stranger.token)).not.toBeNull();
  });

  it('purgeExpired deletes idle, expired and legacy revoked sessions, and keeps live ones', async () => {
    const account = await kit().createAccount();
    const { sessions } = kit().services;
    const idle = await sessions.create(kit().tenant(), account);
    const expired = await sessions.create(kit().tenant(), account, 'enrolment');
    kit().clock.advance(20 * MINUTE);
    const live = await sessions.create(kit().tenant(), account);
    const legacy = await sessions.create(kit().tenant(), account);
    await kit()
      .connection.collection('sessions')
      .updateOne({ _id: legacy.sessionId as never }, { $set: { revokedAt: kit().clock.now() } });
    kit().clock.advance(10 * MINUTE);
    expect(await sessions.purgeExpired(kit().clock.now())).toBeGreaterThanOrEqual(3);
    const ids = (await kit().connection.collection('sessions').find({ accountId: account.id }).toArray()).map((d) => d._id);
    expect(ids).toEqual([live.sessionId]);
    expect([idle, expired].map((s) => s.sessionId)).not.toContain(ids[0]);
  });
  it('replace gives a new full session on the same device and ends the old one', async () => {
    const account = await kit().createAccount();
    const { sessions } = kit().services;
    const device = { browser: 'Safari', os: 'iOS', network: '198.51.100.0/24' };
    const other = await sessions.create(kit().tenant(), account, 'full', { browser: 'Edge', os: 'Windows', network: null });
    const old = await sessions.create(kit().tenant(), account, 'enrolment', device);
    const fresh = await sessions.replace(kit().tenant(), account, old.sessionId);
    expect(await sessions.authenticate(kit().tenant(), old.token)).toBeNull();
    expect(await sessions.authenticate(kit().tenant(), fresh.token)).toMatchObject({ enrolmentOnly: false });
    const list = await sessions.listForAccount(kit().tenant(), account.id, fresh.sessionId);
    expect(list[0]).toMatchObject({ id: publicSessionId(fresh.sessionId), kind: 'full', ...device });
    expect(list.map((v) => v.id)).toContain(publicSessionId(other.sessionId));
  });

  it('describes when a session ends: absolute and idle expiry', async () => {
    const account = await kit().createAccount();
    const { sessionId, expiresAt } = await kit().services.sessions.create(kit().tenant(), account);
    expect(await kit().services.sessions.describe(sessionId)).toEqual({
      expiresAt,
      idleExpiresAt: new Date(kit().clock.now().getTime() + 30 * MINUTE),
    });
    expect(await kit().services.sessions.describe('no-such-session')).toBeNull();
  });
});
