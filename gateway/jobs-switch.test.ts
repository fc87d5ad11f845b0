import { afterEach, describe, expect, it } from 'vitest';
import { JOBS_COLLECTION } from '../jobs/agenda.js';
import { HOUSEKEEPING_JOB } from '../jobs/portal-jobs.js';
import { startTestGateway, type TestGateway } from '../test/gateway.js';
import { ConfigError, parseConfig } from './config.js';

// JOBS=off lets a deployment run web replicas beside one dedicated worker on the same database.

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface StoredJob {
  name: string;
  lockedAt?: Date | null;
  lastRunAt?: Date | null;
}

const storedJobs = (gateway: TestGateway) => gateway.connection.db!.collection<StoredJob>(JOBS_COLLECTION).find({}).toArray();

describe('JOBS', () => {
  let gateway: TestGateway | undefined;
  afterEach(async () => {
    await gateway?.close();
    gateway = undefined;
  });

  it('defaults to on and accepts only on or off', () => {
    expect(parseConfig({}).jobs).toBe(true);
    expect(parseConfig({ JOBS: 'off' }).jobs).toBe(false);
    expect(() => parseConfig({ JOBS: 'no' })).toThrow(ConfigError);
    expect(() => parseConfig({ JOBS: 'no' })).toThrow('JOBS must be on or off');
  });

  it('off: the process schedules nothing and leaves queued jobs for a worker', async () => {
    gateway = await startTestGateway({ JOBS: 'off' }, { jobs: { processEvery: 100 } });
    // A web replica queues work (an export) for the worker; here a job the worker would run at once.
    await gateway.jobs.enqueue(HOUSEKEEPING_JOB, {});
    await sleep(1_500);

    const jobs = await storedJobs(gateway);
    // No recurring schedule written, and the queued job was never picked up (locked) or run here.
    expect(jobs.map((job) => job.name)).toEqual([HOUSEKEEPING_JOB]);
    expect(jobs[0]!.lockedAt ?? null).toBeNull();
    expect(jobs[0]!.lastRunAt ?? null).toBeNull();
  }, 60_000);

  it('on: the same process schedules the recurring jobs and runs a queued one', async () => {
    gateway = await startTestGateway({ JOBS: 'on' }, { jobs: { processEvery: 100 } });
    const recurring = (await storedJobs(gateway)).map((job) => job.name);
    expect(recurring).toContain(HOUSEKEEPING_JOB);

    await gateway.jobs.enqueue(HOUSEKEEPING_JOB, { once: true });
    const deadline = Date.now() + 15_000;
    let oneOff = 1;
    while (oneOff > 0 && Date.now() < deadline) {
      await sleep(100);
      // Finished one-off jobs are removed; the recurring one stays.
      oneOff = (await storedJobs(gateway)).length - recurring.length;
    }
    expect(oneOff).toBe(0);
  }, 60_000);
});
