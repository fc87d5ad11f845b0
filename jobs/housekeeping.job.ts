import type { Logger } from '../core/logger.js';
import type { JobSpec } from './agenda.js';

export const HOUSEKEEPING_JOB = 'housekeeping';
export const HOUSEKEEPING_INTERVAL = '1 hour';

/** One purge: a name for the log and a call that deletes what expired, returning counts. */
export type Purge = [name: string, run: () => Promise<number | Record<string, number>>];

/**
 * Deletes what has expired: FerretDB has no TTL indexes, so sign-in attempts, rate-limit hits,
 * sessions, used links, expired export archives (with their GridFS chunks) and archives a dead
 * export run left behind are removed by this hourly job instead. One failing purge does not stop
 * the others.
 */
export function housekeepingJob(purges: () => Purge[], logger: Logger): JobSpec<void> {
  return {
    name: HOUSEKEEPING_JOB,
    lockLifetimeMs: 5 * 60_000,
    handler: async () => {
      const removed: Record<string, number | Record<string, number>> = {};
      for (const [name, run] of purges()) {
        try {
          removed[name] = await run();
        } catch (error) {
          logger.warn({ err: error, purge: name }, 'housekeeping: purge failed');
        }
      }
      logger.info({ removed }, 'housekeeping done');
    },
  };
}
