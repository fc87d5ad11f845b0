import type { Connection } from 'mongoose';
import type { Logger } from '../core/logger.js';
import { purgeExpired } from '../domain/composition/account-services.js';
import type { Services } from '../domain/services.js';
import { JobRunner } from './agenda.js';
import { exportJob } from './export.job.js';
import { HOUSEKEEPING_INTERVAL, HOUSEKEEPING_JOB, housekeepingJob, type Purge } from './housekeeping.job.js';
import { RETENTION_JOB, RETENTION_SCHEDULE, retentionJob } from './retention.job.js';

export { exportQueueOf, EXPORT_JOB } from './export.job.js';
export { RETENTION_JOB, RETENTION_SCHEDULE } from './retention.job.js';
export { HOUSEKEEPING_JOB, HOUSEKEEPING_INTERVAL, type Purge } from './housekeeping.job.js';

/**
 * The gateway's jobs, made in two steps because the services need the queue and the jobs need the
 * services: `createJobRunner` first (the export service enqueues through it), then
 * `startPortalJobs` once the services exist. Schedules:
 *   data-export        on request (one-off), retried with backoff
 *   retention-cleanup  nightly, 03:00 Europe/Amsterdam, every tenant
 *   housekeeping       hourly: expired credentials, rate-limit hits, sessions, export files
 */
export function createJobRunner(options: { connection: Connection; logger: Logger; processEvery?: string | number }): JobRunner {
  return new JobRunner(options);
}

/** What housekeeping purges; other domains add theirs through `extraPurges`. */
export function defaultPurges(services: Services): Purge[] {
  return [
    ['accounts', () => purgeExpired(services)],
    ['exportFiles', () => services.avg.exports.purgeExpired()],
    ['staleExports', () => services.avg.exports.failStale()],
    ['pendingEmailChanges', () => services.profile.emailChange.purgeExpired()],
  ];
}

export async function startPortalJobs(
  runner: JobRunner,
  services: Services,
  options: { extraPurges?: () => Purge[] } = {},
): Promise<void> {
  runner.define(exportJob(services.avg.exportRunner));
  runner.define(retentionJob(services.avg.retention, services.logger));
  runner.define(housekeepingJob(() => [...defaultPurges(services), ...(options.extraPurges?.() ?? [])], services.logger));
  await runner.start();
  await runner.every(RETENTION_JOB, RETENTION_SCHEDULE.cron, RETENTION_SCHEDULE.timezone);
  await runner.every(HOUSEKEEPING_JOB, HOUSEKEEPING_INTERVAL);
}
