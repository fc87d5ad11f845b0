import { describe, expect, it } from 'vitest';
import { RateLimitedError } from '../../core/errors.js';
import { createTestClock, MINUTE } from '../../test/clock.js';
import { useTestDatabase } from '../../test/db.js';
import { DatabaseHitStore } from '../rate-limit/database-hit-store.js';
import { SubmissionQuota } from './submission-quota.js';

/**
 * The request-submission quota on the real database: who shares a quota, when a place frees up,
 * and what a refused customer is told. (End to end over GraphQL: resolvers/portal-data/requests.test.ts.)
 */
const connection = useTestDatabase();
const rule = { limit: 2, windowMs: 60 * MINUTE };

async function refusal(claim: Promise<unknown>): Promise<RateLimitedError> {
  const error = await claim.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RateLimitedError);
  return error as RateLimitedError;
}

describe('SubmissionQuota', () => {
  it('refuses the claim after the limit with the seconds until the oldest place frees up', async () => {
    const clock = createTestClock();
    const quota = new SubmissionQuota(connection(), clock.now, rule);
    await quota.claim('t-wait', 'acc');
    clock.advance(10 * MINUTE);
    await quota.claim('t-wait', 'acc');
    clock.advance(5 * MINUTE);
    const refused = await refusal(quota.claim('t-wait', 'acc'));
    // The first place frees up at 60 min; it is now 15 min.
    expect(refused.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfter: 45 * 60 });
    expect(refused.message).toBe('You have sent several requests in a short time. Please wait before sending another one.');
    // The refused claim took no place: at exactly 60 min the first one has left the window.
    clock.advance(45 * MINUTE);
    await expect(quota.claim('t-wait', 'acc')).resolves.toMatchObject({ id: expect.any(String) });
    await refusal(quota.claim('t-wait', 'acc'));
  });

  it('is per account and per tenant', async () => {
    const quota = new SubmissionQuota(connection(), createTestClock().now, rule);
    for (let i = 0; i < rule.limit; i++) await quota.claim('t-apart', 'acc-1');
    await refusal(quota.claim('t-apart', 'acc-1'));
    await expect(quota.claim('t-apart', 'acc-2')).resolves.toBeDefined();
    await expect(quota.claim('t-apart-other', 'acc-1')).resolves.toBeDefined();
  });

  it('gives a released claim its place back, and only that one', async () => {
    const quota = new SubmissionQuota(connection(), createTestClock().now, rule);
    const first = await quota.claim('t-release', 'acc');
    await quota.claim('t-release', 'acc');
    await first.release();
    const third = await quota.claim('t-release', 'acc');
    expect(third.id).not.toBe(first.id);
    await refusal(quota.claim('t-release', 'acc'));
  });

  it('keeps five an hour by default', async () => {
    const clock = createTestClock();
    const quota = new SubmissionQuota(connection(), clock.now);
    for (let i = 0; i < 5; i++) await quota.claim('t-default', 'acc');
    expect((await refusal(quota.claim('t-default', 'acc'))).extensions).toMatchObject({ retryAfter: 3600 });
    clock.advance(60 * MINUTE);
    await expect(quota.claim('t-default', 'acc')).resolves.toBeDefined();
  });

  it('counts from the oldest place even when replicas with different clocks wrote them out of order', async () => {
    const clock = createTestClock();
    const late = createTestClock();
    late.advance(10 * MINUTE);
    await new SubmissionQuota(connection(), late.now, rule).claim('t-clocks', 'acc');
    await new SubmissionQuota(connection(), clock.now, rule).claim('t-clocks', 'acc');
    clock.advance(15 * MINUTE);
    const refused = await refusal(new SubmissionQuota(connection(), clock.now, rule).claim('t-clocks', 'acc'));
    expect(refused.extensions).toMatchObject({ retryAfter: 45 * 60 });
  });

  it('keeps its places through the purge of expired hits until their hour is over', async () => {
    const clock = createTestClock();
    const quota = new SubmissionQuota(connection(), clock.now, rule);
    for (let i = 0; i < rule.limit; i++) await quota.claim('t-purge', 'acc');
    clock.advance(59 * MINUTE);
    await new DatabaseHitStore(connection()).purge(clock.now());
    await refusal(quota.claim('t-purge', 'acc'));
  });
});
