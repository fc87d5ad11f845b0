import { describe, expect, it } from 'vitest';
import { createLogger } from '../core/logger.js';
import { housekeepingJob } from './housekeeping.job.js';

describe('housekeeping job', () => {
  it('runs every purge even when one of them fails', async () => {
    const ran: string[] = [];
    const job = housekeepingJob(
      () => [
        ['a', async () => (ran.push('a'), 3)],
        ['broken', async () => Promise.reject(new Error('database hiccup'))],
        ['c', async () => (ran.push('c'), { x: 1 })],
      ],
      createLogger({ level: 'silent' }),
    );
    await job.handler(undefined, { attempt: 1 });
    expect(ran).toEqual(['a', 'c']);
    expect(job.lockLifetimeMs).toBeGreaterThan(0);
  });
});
