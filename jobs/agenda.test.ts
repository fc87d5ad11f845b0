import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../core/logger.js';
import { useTestDatabase } from '../test/db.js';
import { JOBS_COLLECTION, JobRunner } from './agenda.js';

/**
 * Agenda 6 with @agendajs/mongo-backend on the run's real embedded FerretDB 1.24: locking
 * (findOneAndUpdate with sort), the compound index, recurring jobs, retries with backoff, and
 * taking over a job whose worker died.
 */

const logger = createLogger({ level: 'silent' });

function waitUntil(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const timer = setInterval(() => {
      if (check()) {
        clearInterval(timer);
        resolve();
      } else if (Date.now() - started > timeoutMs) {
        clearInterval(timer);
        reject(new Error('condition not met in time'));
      }
    }, 25);
  });
}

describe('JobRunner on the embedded engine', () => {
  const db = useTestDatabase();
  const runners: JobRunner[] = [];
  const runner = (processEvery = 100) => {
    const made = new JobRunner({ connection: db(), logger, processEvery, stopGraceMs: 2_000 });
    runners.push(made);
    return made;
  };
  const jobs = () => db().db!.collection(JOBS_COLLECTION);

  afterEach(async () => {
    for (const made of runners.splice(0)) await made.stop();
    await jobs().deleteMany({});
  });

  it('runs a queued job once, with its data, and removes it when done', async () => {
    const seen: Array<{ n: number }> = [];
    const jobRunner = runner();
    jobRunner.define<{ n: number }>({ name: 'probe', lockLifetimeMs: 60_000, handler: async (data) => void seen.push(data) });
    await jobRunner.start();
    await jobRunner.enqueue('probe', { n: 7 });
    await waitUntil(() => seen.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(seen).toEqual([{ n: 7 }]);
    let left = -1;
    for (let i = 0; i < 40 && left !== 0; i++) {
      left = await jobs().countDocuments({ name: 'probe' });
      if (left) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(left).toBe(0);
  });

  it('runs each of many queued jobs exactly once, even for a job that allows parallel runs', async () => {
    // Parallel runs of one name lock the same job twice on FerretDB (40 jobs ran 68 times), so
    // the runner lets each name run one at a time there, whatever the definition asks for.
    const runs = new Map<number, number>();
    const jobRunner = runner();
    await jobRunner.start();
    jobRunner.define<{ n: number }>({
      name: 'parallel-probe',
      lockLifetimeMs: 60_000,
      concurrency: 4,
      handler: async ({ n }) => void runs.set(n, (runs.get(n) ?? 0) + 1),
    });
    await Promise.all(Array.from({ length: 40 }, (_, n) => jobRunner.enqueue('parallel-probe', { n })));
    await waitUntil(() => runs.size === 40, 30_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect([...runs.values()].filter((count) => count !== 1)).toEqual([]);
  }, 40_000);

  it('retries a failing job with backoff and reports the attempt', async () => {
    const attempts: number[] = [];
    const jobRunner = runner();
    jobRunner.define({
      name: 'flaky',
      lockLifetimeMs: 60_000,
      backoff: (ctx) => (ctx.attempt < 3 ? 50 : null),
      handler: async (_data, { attempt }) => {
        attempts.push(attempt);
        if (attempt < 3) throw new Error('upstream down');
      },
    });
    await jobRunner.start();
    await jobRunner.enqueue('flaky', {});
    await waitUntil(() => attempts.length === 3);
    expect(attempts).toEqual([1, 2, 3]);
  });

  it('keeps one document per recurring job across restarts', async () => {
    for (let i = 0; i < 2; i++) {
      const jobRunner = runner();
      jobRunner.define({ name: 'nightly', lockLifetimeMs: 60_000, handler: async () => {} });
      await jobRunner.start();
      await jobRunner.every('nightly', '0 3 * * *', 'Europe/Amsterdam');
      await jobRunner.stop();
    }
    const docs = await jobs().find({ name: 'nightly' }).toArray();
    expect(docs).toHaveLength(1);
    expect(docs[0]!.repeatTimezone).toBe('Europe/Amsterdam');
    expect([1, 2]).toContain((docs[0]!.nextRunAt as Date).getUTCHours()); // 03:00 in Amsterdam
    // The backend's lock index exists on FerretDB too.
    expect((await jobs().indexes()).map((index) => index.name)).toContain('findAndLockNextJobIndex');
  });

  it('takes over a job whose worker died once its lock has expired', async () => {
    // What a crashed process leaves behind: a one-off job, locked long ago, never finished.
    await jobs().insertOne({
      name: 'orphan',
      data: { id: 'x1' },
      type: 'normal',
      priority: 0,
      nextRunAt: null,
      lockedAt: new Date(Date.now() - 5 * 60_000),
      lastRunAt: new Date(Date.now() - 5 * 60_000),
    });
    const seen: string[] = [];
    const jobRunner = runner();
    jobRunner.define<{ id: string }>({
      name: 'orphan',
      lockLifetimeMs: 60_000,
      handler: async (data) => void seen.push(data.id),
    });
    await jobRunner.start();
    await waitUntil(() => seen.length === 1);
    expect(seen).toEqual(['x1']);
  });

  it('leaves a job locked by a live worker alone', async () => {
    await jobs().insertOne({
      name: 'busy',
      data: {},
      type: 'normal',
      priority: 0,
      nextRunAt: null,
      lockedAt: new Date(),
      lastRunAt: new Date(),
    });
    let ran = 0;
    const jobRunner = runner();
    jobRunner.define({ name: 'busy', lockLifetimeMs: 60_000, handler: async () => void ran++ });
    await jobRunner.start();
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(ran).toBe(0);
  });

  it('stop() waits for a running handler to finish', async () => {
    let finished = false;
    let startedRun = false;
    const jobRunner = runner();
    jobRunner.define({
      name: 'slow',
      lockLifetimeMs: 60_000,
      handler: async () => {
        startedRun = true;
        await new Promise((resolve) => setTimeout(resolve, 400));
        finished = true;
      },
    });
    await jobRunner.start();
    await jobRunner.enqueue('slow', {});
    await waitUntil(() => startedRun);
    await jobRunner.stop();
    expect(finished).toBe(true);
  });
});
