import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestClock, HOUR, MINUTE } from '../../test/clock.js';
import { useTestDatabase } from '../../test/db.js';
import { AccountTokens } from './account-tokens.js';

const DAY = 24 * HOUR;
const INVALID = {
  message: 'This link is not valid or has already been used. Ask for a new one.',
  extensions: { code: 'BAD_USER_INPUT' },
};

describe('single-use account links', () => {
  const db = useTestDatabase();
  const clock = createTestClock();
  let tokens: AccountTokens;
  const account = () => ({ id: randomUUID(), tenantId: 'demo' });
  const count = (accountId: string) => db().collection('accountTokens').countDocuments({ accountId });

  beforeAll(() => {
    tokens = new AccountTokens(db(), clock.now);
  });

  it('a link is accepted for its own purpose and tenant only, and carries its data', async () => {
    const owner = account();
    const { token, expiresAt } = await tokens.issue('email-change', owner, 30 * MINUTE, { email: 'new@example.test' });
    expect(expiresAt).toEqual(new Date(clock.now().getTime() + 30 * MINUTE));
    // Goes into a mailed URL as it is: URL-safe characters only, no prefix.
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await tokens.peek('email-change', 'demo', token)).toMatchObject({
      accountId: owner.id,
      data: { email: 'new@example.test' },
    });
    await expect(tokens.peek('password-reset', 'demo', token)).rejects.toMatchObject(INVALID);
    await expect(tokens.peek('email-change', 'other', token)).rejects.toMatchObject(INVALID);
  });

  it('refuses made-up, truncated and oversized links', async () => {
    const { token } = await tokens.issue('activation', account(), HOUR);
    await expect(tokens.peek('activation', 'demo', token.slice(0, 19))).rejects.toMatchObject(INVALID);
    await expect(tokens.peek('activation', 'demo', `${token}${'x'.repeat(200)}`)).rejects.toMatchObject(INVALID);
    await expect(tokens.peek('activation', 'demo', 'y'.repeat(43))).rejects.toMatchObject(INVALID);
    await expect(tokens.peek('activation', 'demo', 42 as never)).rejects.toMatchObject(INVALID);
  });

  it('a link expires at its expiry moment, and says so rather than "unknown"', async () => {
    const { token } = await tokens.issue('password-reset', account(), 30 * MINUTE);
    clock.advance(30 * MINUTE - 1);
    await expect(tokens.peek('password-reset', 'demo', token)).resolves.toBeTruthy();
    clock.advance(1);
    await expect(tokens.peek('password-reset', 'demo', token)).rejects.toMatchObject({
      message: 'This link has expired. Ask for a new one.',
      extensions: { code: 'LINK_EXPIRED' },
    });
  });

  it('is used up once: a second use is refused; other links stay usable', async () => {
    const { token: other } = await tokens.issue('activation', account(), HOUR);
    const { token } = await tokens.issue('activation', account(), HOUR);
    const link = await tokens.peek('activation', 'demo', token);
    await tokens.consume(link);
    expect(await tokens.peek('activation', 'demo', other)).toBeTruthy();
    await expect(tokens.consume(link)).rejects.toMatchObject(INVALID);
    await expect(tokens.peek('activation', 'demo', token)).rejects.toMatchObject(INVALID);
  });

  it('revoking one purpose keeps the links of other purposes and other accounts', async () => {
    const owner = account();
    const neighbour = account();
    await tokens.issue('password-reset', owner, HOUR);
    await tokens.issue('password-reset', owner, HOUR);
    const { token: activation } = await tokens.issue('activation', owner, HOUR);
    const { token: theirs } = await tokens.issue('password-reset', neighbour, HOUR);
    expect(await tokens.revokeAll(owner.id, 'password-reset')).toBe(2);
    expect(await tokens.peek('activation', 'demo', activation)).toMatchObject({ accountId: owner.id });
    expect(await tokens.peek('password-reset', 'demo', theirs)).toMatchObject({ accountId: neighbour.id });
    expect(await tokens.revokeEverything(owner.id)).toBe(1);
    expect(await count(owner.id)).toBe(0);
    expect(await count(neighbour.id)).toBe(1);
  });

  it('forgets links a week after they expired', async () => {
    const owner = account();
    await tokens.issue('password-reset', owner, HOUR);
    await tokens.issue('activation', owner, 7 * DAY);
    const at = new Date(clock.now().getTime() + HOUR + 7 * DAY);
    await tokens.purgeExpired(new Date(at.getTime() - 1));
    expect(await count(owner.id)).toBe(2);
    await tokens.purgeExpired(at);
    expect(await count(owner.id)).toBe(1);
    await tokens.purgeExpired(new Date(at.getTime() + 7 * DAY));
    expect(await count(owner.id)).toBe(0);
  });

  it('without an injected clock (production) dates links with the real time', async () => {
    const realTime = new AccountTokens(db());
    const before = Date.now();
    const { expiresAt } = await realTime.issue('activation', account(), HOUR);
    expect(expiresAt.getTime()).toBeGreaterThanOrEqual(before + HOUR);
    expect(expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + HOUR);
  });
});
