import type { Logger } from '../core/logger.js';
import type { RetentionService } from '../domain/avg/index.js';
import type { JobSpec } from './agenda.js';

export const RETENTION_JOB = 'retention-cleanup';
/** Nightly at 03:00 Dutch time, when the portals are quiet. */
export const RETENTION_SCHEDULE = { cron: '0 3 * * *', timezone: 'Europe/Amsterdam' } as const;
export const RETENTION_ACTOR = 'system:retention-cleanup';

/**
 * The nightly retention cleanup of every tenant. No retries: a tenant whose Nextcloud was down
 * is simply looked at again the next night, and nothing changes for it in between.
 */
export function retentionJob(retention: Pick<RetentionService, 'runAll'>, logger: Logger): JobSpec<void> {
  return {
    name: RETENTION_JOB,
    lockLifetimeMs: 10 * 60_000,
    handler: async () => {
      const reports = await retention.runAll({ dryRun: false, actor: RETENTION_ACTOR });
      for (const report of reports) {
        if (report.checked === 0) continue;
        const summary = {
          tenantId: report.tenantId,
          pseudonymised: report.pseudonymised,
          held: report.held,
          failed: report.failed,
        };
        if (report.failed > 0) logger.warn(summary, 'retention cleanup: some accounts could not be checked');
        else logger.info(summary, 'retention cleanup done');
      }
    },
  };
}
