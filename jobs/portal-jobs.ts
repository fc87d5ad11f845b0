import type { Connection } from 'mongoose';
import type { Logger } from '../core/logger.js';
import { purgeExpired } from '../domain/composition/account-services.js';
import type { Services } from '../domain/services.js';
import { JobRunner } from './agenda.js';
import { exportJob } from './export.job.js';
import { HOUSEKEEPING_INTERVAL, HOUSEKEEPING_JOB, housekeepingJob, type Purge } from './housekeeping.job.js';
import { RETENTION_JOB, RETENTION_SCHEDULE, retentionJob } from './retention.job.js';
import { LeasedWorker } from './worker-lease-runner.js';
import { DEFAULT_LEASE_MS, WorkerLease } from './worker-lease.js';

export { exportQueueOf, EXPORT_JOB } from './export.job.js';
export { RETENTION_JOB, RETENTION_SCHEDULE } from './retention.job.js';
export { HOUSEKEEPING_JOB, HOUSEKEEPING_INTERVAL, type Purge } from './housekeeping.job.js';

/**
 * The gateway's jobs, made in two steps because the services need the queue and the jobs need the
 * services: `createJobRunner` first (the export service enqueues through it), then
 * `startPortalJobs` once the services exist. Schedules:
 *   data-export        on request (one-off), retried with backoff
 *   retention-cleanup  nightly, 03:00 Europe/Amsterdam, every tenant
 *   housekeeping       hourly: expired credentials, rate-limit hits, sessions, export archives
 */
export function createJobRunner(options: { connection: Connection; logger: Logger; processEvery?: string | number }): JobRunner {
  return new JobRunner(options);
}

/** What housekeeping purges; other domains add theirs through `extraPurges`. */
export function defaultPurges(services: Services): Purge[] {
  return [
    ['accounts', () => purgeExpired(services)],
    ['exportFiles', () => services.avg.exports.purgeExpired()],
    ['orphanExportArchives', () => services.avg.exports.sweepOrphanArchives()],
    ['staleExports', () => services.avg.exports.failStale()],
    ['pendingEmailChanges', () => services.profile.emailChange.purgeExpired()],
  ];
}

export interface PortalJobsOptions {
  extraPurges?: () => Purge[];
  /**
   * Only one process may run the worker on this database: true on the embedded engine, whose
   * job locking is not atomic between processes (worker-lease.ts). On MongoDB Agenda's locks
   * are atomic and any number of workers may run.
   */
  exclusive?: boolean;
  /** How long a silent exclusive worker keeps the lease (default 30 s; tests pass less). */
  leaseMs?: number;
}

/** This process's job worker: running, or (exclusive and held elsewhere) waiting to take over. */
export interface PortalJobWorker {
  /** Whether this process runs the jobs right now. */
  readonly active: boolean;
  stop(): Promise<void>;
}

export async function startPortalJobs(
  runner: JobRunner,
  services: Services,
  options: PortalJobsOptions = {},
): Promise<PortalJobWorker> {
  runner.define(exportJob(services.avg.exportRunner));
  runner.define(retentionJob(services.avg.retention, services.logger));
  runner.define(housekeepingJob(() => [...defaultPurges(services), ...(options.extraPurges?.() ?? [])], services.logger));
  // The recurring schedules are written by the worker itself, so a waiting process writes nothing.
  const start = async () => {
    await runner.start();
    await runner.every(RETENTION_JOB, RETENTION_SCHEDULE.cron, RETENTION_SCHEDULE.timezone);
    await runner.every(HOUSEKEEPING_JOB, HOUSEKEEPING_INTERVAL);
  };
  if (!options.exclusive) {
    await start();
    let active = true;
    return {
      get active() {
        return active;
      },
      stop: async () => {
        active = false;
        await runner.stop();
      },
    };
  }
  const worker = new LeasedWorker({
    lease: new WorkerLease(runner.connection, undefined, options.leaseMs ?? DEFAULT_LEASE_MS),
    logger: services.logger.child({ component: 'jobs' }),
    start,
    stop: () => runner.stop(),
  });
  await worker.begin();
  return {
    get active() {
      return worker.active;
    },
    stop: () => worker.close(),
  };
}
