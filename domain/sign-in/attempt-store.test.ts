import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MINUTE } from '../../test/clock.js';
import { useTestDatabase } from '../../test/db.js';
import { attemptStoreFor, type AttemptStoreKind, type SignInAttempt } from './attempt-store.js';

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
    expect(await store.recent(key, new Date(T0), mine!.id)).toHaveLength(2);
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
