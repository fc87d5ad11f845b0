import { exponential } from 'agenda';
import type { ExportQueue, ExportRunner } from '../domain/avg/index.js';
import type { JobRunner, JobSpec } from './agenda.js';

export const EXPORT_JOB = 'data-export';

export interface ExportJobData {
  tenantId: string;
  exportId: string;
}

/**
 * One data export. The runner keeps its own attempt count in the export document and gives up by
 * itself (FAILED, audited); Agenda only spaces the retries: 30 s, 1 min, 2 min, … up to 10 min.
 * A lock lives 2 minutes: the heartbeat keeps it while documents stream, and a worker that dies
 * loses it quickly, so another takes the export over.
 */
export function exportJob(runner: Pick<ExportRunner, 'run'>): JobSpec<ExportJobData> {
  return {
    name: EXPORT_JOB,
    lockLifetimeMs: 2 * 60_000,
    concurrency: 1,
    backoff: exponential({ delay: 30_000, factor: 2, maxDelay: 10 * 60_000, maxRetries: 8, jitter: 0.1 }),
    handler: (data) => runner.run(data.tenantId, data.exportId),
  };
}

/** How the export service hands work to the worker. */
export function exportQueueOf(jobs: Pick<JobRunner, 'enqueue'>): ExportQueue {
  return { enqueueExport: (tenantId, exportId) => jobs.enqueue<ExportJobData>(EXPORT_JOB, { tenantId, exportId }) };
}
