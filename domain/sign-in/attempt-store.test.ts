import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MINUTE } from '../../test/clock.js';
import { useTestDatabase } from '../../test/db.js';
import { attemptStoreFor, newAttempt, type AttemptStoreKind, type SignInAttempt } from './attempt-store.js';

const connection = useTestDatabase();
const T0 = Date.UTC(2026, 2, 2, 9, 0);
const attempt = (key: string, minutes: number): SignInAttempt => ({
  id: randomUUID(),
  key,
  at: new Date(T0 + minutes * MINUTE),
  pending: true,
  expiresAt: new Date(T0 + (minutes + 30) * MINUTE),
});

// The lockout's bookkeeping, the same in memory (embedded engine) and in the database (MongoDB).
describe.each<AttemptStoreKind>(['memory', 'database'])('sign-in attempts kept in %s', (kind) => {
  it('reports the other attempts of a key since a moment, pending or decided', async () => {
    const store = await attemptStoreFor(connection(), kind);
    const key = `t:${randomUUID()}`;
    const [a, b, c, mine] = [attempt(key, 0), attempt(key, 5), attempt(key, 10), attempt(key, 11)];
    for (const x of [a, b, c, mine, attempt(`other:${key}`, 10)]) await store.record(x!);
    await store.markFailed(b!.id);
    await store.forget(c!.id);
    const recent = await store.recent(key, new Date(T0 + 5 * MINUTE), mine!.id);
    expect(recent).toEqual([{ at: b!.at, pending: false }]);
    const all = await store.recent(key, new Date(T0), mine!.id);
    expect(all.sort((x, y) => x.at.getTime() - y.at.getTime())).toEqual([
      { at: a!.at, pending: true },
      { at: b!.at, pending: false },
    ]);
  });

  it('purges attempts once no window counts them', async () => {
    const store = await attemptStoreFor(connection(), kind);
    const key = `p:${randomUUID()}`;
    const old = attempt(key, 0);
    const young = attempt(key, 20);
    await store.record(old);
    await store.record(young);
    expect(await store.purge(new Date(T0 + 31 * MINUTE))).toBeGreaterThanOrEqual(1);
    expect((await store.recent(key, new Date(0), 'none')).map((a) => a.at)).toEqual([young.at]);
  });
});

describe.each<AttemptStoreKind>(['memory', 'database'])('sign-in attempts kept in %s, decided late', (kind) => {
  // A sign-in can be decided after a purge removed its attempt: deciding it must not fail the sign-in.
  it('marks or forgets an attempt that is already gone without complaint', async () => {
    const store = await attemptStoreFor(connection(), kind);
    const gone = attempt(`g:${randomUUID()}`, 0);
    await store.record(gone);
    await store.purge(new Date(T0 + 30 * MINUTE));
    await expect(store.markFailed(gone.id)).resolves.toBeUndefined();
    await expect(store.forget(gone.id)).resolves.toBeUndefined();
    await expect(store.markFailed('never-recorded')).resolves.toBeUndefined();
    expect(await store.recent(gone.key, new Date(0), 'none')).toEqual([]);
  });
});

describe('sign-in attempts kept in memory', () => {
  it('stay out of the database', async () => {
    const store = await attemptStoreFor(connection(), 'memory');
    const key = `m:${randomUUID()}`;
    await store.record(attempt(key, 0));
    expect(await store.recent(key, new Date(0), 'none')).toHaveLength(1);
    expect(await connection().collection('signInAttempts').countDocuments({ key })).toBe(0);
  });

  // Memory is only freed by sweeping: an address nobody tries again must not hold its attempts forever.
  it('are swept for every key once a minute, when any key is tried', async () => {
    const store = await attemptStoreFor(connection(), 'memory');
    const idle = `idle:${randomUUID()}`;
    const busy = `busy:${randomUUID()}`;
    const shortLived = (key: string, seconds: number): SignInAttempt => ({
      ...attempt(key, 0),
      at: new Date(T0 + seconds * 1000),
      expiresAt: new Date(T0 + (seconds + 10) * 1000),
    });
    await store.record(shortLived(idle, 0)); // sweeps: the first record
    await store.record(shortLived(busy, 30)); // 30 s later: no sweep yet
    expect(await store.recent(idle, new Date(0), 'none')).toHaveLength(1);
    await store.record(shortLived(busy, 60)); // a minute after the last sweep
    expect(await store.recent(idle, new Date(0), 'none')).toEqual([]);
  });
});

describe('a new sign-in attempt', () => {
  // The first of five failures can start a lock that ends 15 + 15 minutes later; purged earlier,
  // the lock would lift before its time.
  it('is kept until no lock it can be part of is still running, 30 minutes', async () => {
    const store = await attemptStoreFor(connection(), 'memory');
    const key = `n:${randomUUID()}`;
    const first = newAttempt(key, new Date(T0));
    expect(first).toMatchObject({ key, pending: true, expiresAt: new Date(T0 + 30 * MINUTE) });
    await store.record(first);
    expect(await store.purge(new Date(T0 + 30 * MINUTE - 1))).toBe(0);
    expect(await store.purge(new Date(T0 + 30 * MINUTE))).toBe(1);
  });
});

describe('the attempt store of the embedded engine', () => {
  it('is one per connection, in the database, so sign-in, re-authentication and other gateways count the same attempts', async () => {
    const first = await attemptStoreFor(connection());
    expect(await attemptStoreFor(connection())).toBe(first);
    const key = `shared:${randomUUID()}`;
    await first.record(attempt(key, 0));
    expect(await connection().collection('signInAttempts').countDocuments({ key })).toBe(1);
    expect(await (await attemptStoreFor(connection())).recent(key, new Date(0), 'none')).toHaveLength(1);
  });
});
