import { MongoBackend } from '@agendajs/mongo-backend';
import { Agenda, type BackoffStrategy, type Job } from 'agenda';
import type { Connection } from 'mongoose';
import type { Logger } from '../core/logger.js';
import { databaseEngine } from '../store/engine.js';

/**
 * The one Agenda of a process, on the gateway's own database connection (the same MongoDB driver
 * mongoose uses, so no second connection pool). It polls: FerretDB has no change streams, and
 * MongoDB does not need them for jobs that may start a few seconds late.
 *
 * Handlers are thin calls into domain services and must be safe to run again: their state lives
 * in the domain's documents, not in the job. A process that dies mid-job leaves the job locked;
 * once `lockLifetimeMs` passes without a heartbeat another worker (or the restarted process)
 * takes it again. While a handler runs, the runner touches the job every third of its lock
 * lifetime, so only a dead process lets a lock expire, never a slow download.
 *
 * FerretDB 1.24 notes (checked in jobs/agenda.test.ts against the embedded engine): Agenda's
 * MongoDB backend locks jobs with `findOneAndUpdate` + sort (no projection), creates one compound
 * index and reads job names with a `$group` — all supported. Updates are not atomic across
 * concurrent writers there, so in embedded mode exactly one process runs a worker, enforced by
 * the worker lease (worker-lease.ts); the command line never starts one. The same holds inside
 * one process: two parallel runs of one job name lock the same job (measured: 40 one-off jobs
 * with a concurrency of 4 ran 68 times), so on FerretDB each job name runs one at a time.
 */

export const JOBS_COLLECTION = 'agendaJobs';
/** How often a worker looks for due jobs; tests pass something shorter. */
export const DEFAULT_PROCESS_EVERY = '5 seconds';

export interface JobContext {
  /** The job's attempt, 1-based: Agenda's fail count before this run, plus one. */
  attempt: number;
}

export interface JobSpec<D> {
  name: string;
  handler: (data: D, context: JobContext) => Promise<void>;
  /** How long a lock survives without a heartbeat before the job counts as dead (ms). */
  lockLifetimeMs: number;
  /** Parallel runs of this job per process. */
  concurrency?: number;
  /** Retries after a failed run (delay in ms, or null to give up). */
  backoff?: BackoffStrategy;
}

export interface JobRunnerOptions {
  connection: Connection;
  logger: Logger;
  processEvery?: string | number;
  /** Jobs of any kind running at once in this process. */
  maxConcurrency?: number;
  /** How long stop() waits for running handlers before leaving them to lock expiry. */
  stopGraceMs?: number;
}

export class JobRunner {
  readonly agenda: Agenda;
  readonly connection: Connection;
  private readonly logger: Logger;
  private readonly running = new Set<Promise<unknown>>();
  private readonly stopGraceMs: number;
  private started = false;
  private stopping = false;
  private readonly connected: Promise<unknown>;
  /** Known once started: on the embedded engine each job name runs one at a time (see above). */
  private oneRunPerName = false;

  constructor(options: JobRunnerOptions) {
    this.connection = options.connection;
    const db = options.connection.getClient().db(options.connection.name);
    this.logger = options.logger.child({ component: 'jobs' });
    this.stopGraceMs = options.stopGraceMs ?? 10_000;
    this.agenda = new Agenda({
      backend: new MongoBackend({ mongo: db, collection: JOBS_COLLECTION }),
      name: `gateway-${process.pid}`,
      processEvery: options.processEvery ?? DEFAULT_PROCESS_EVERY,
      maxConcurrency: options.maxConcurrency ?? 4,
      defaultConcurrency: 1,
      // Finished one-off jobs (an export) are history the domain documents already keep.
      removeOnComplete: true,
    });
    // Agenda connects (and builds its indexes) as soon as it is made, started or not; a process
    // that closes its database before that finished must not leave an unhandled rejection.
    this.connected = this.agenda.ready.catch((error: unknown) =>
      this.logger.warn({ err: error }, 'job scheduler could not connect to the database'),
    );
    this.agenda.on('error', (error: Error) => this.logger.error({ err: error }, 'job scheduler error'));
    this.agenda.on('fail', (error: Error, job: Job) =>
      this.logger.warn({ err: error, job: job.attrs.name, failCount: job.attrs.failCount }, 'job run failed'),
    );
  }

  define<D>(spec: JobSpec<D>): void {
    this.agenda.define<D>(
      spec.name,
      async (job) => {
        const run = this.runWithHeartbeat(job, spec);
        this.running.add(run);
        try {
          await run;
        } finally {
          this.running.delete(run);
        }
      },
      {
        lockLifetime: spec.lockLifetimeMs,
        concurrency: this.oneRunPerName ? 1 : (spec.concurrency ?? 1),
        backoff: spec.backoff,
      },
    );
  }

  /** Queues a one-off run as soon as a worker is free. */
  async enqueue<D>(name: string, data: D): Promise<void> {
    await this.agenda.now(name, data);
  }

  /**
   * A recurring job. `every` keeps exactly one document per name, so restarts do not multiply it;
   * a due run already stored is kept (Agenda protects a past `nextRunAt`), so frequent restarts
   * do not postpone an interval job forever. Cron strings run in `timezone`.
   */
  async every(name: string, interval: string, timezone?: string): Promise<void> {
    await this.agenda.every(interval, name, undefined, { timezone });
  }

  /** Starts polling; after stop() it may start again (a process that regained the worker lease). */
  async start(): Promise<void> {
    await this.agenda.ready;
    if ((await databaseEngine(this.connection)) === 'ferretdb') {
      this.oneRunPerName = true;
      for (const definition of Object.values(this.agenda.definitions)) definition.concurrency = 1;
    }
    this.stopping = false;
    await this.agenda.start();
    this.started = true;
  }

  /** Resolves once Agenda's own connection work is over (whether it worked or not). */
  settled(): Promise<unknown> {
    return this.connected;
  }

  /**
   * Stops polling and releases jobs this process locked but did not start. Handlers still running
   * get `stopGraceMs` to finish; one that does not keeps its lock until it expires, and is then
   * run again by the next worker (handlers are idempotent).
   */
  async stop(): Promise<void> {
    if (!this.started || this.stopping) return;
    this.stopping = true;
    await this.agenda.stop(false).catch((error: unknown) => this.logger.warn({ err: error }, 'job scheduler stop failed'));
    if (this.running.size > 0) {
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise((resolve) => (timer = setTimeout(resolve, this.stopGraceMs).unref()));
      await Promise.race([Promise.allSettled([...this.running]), grace]);
      clearTimeout(timer);
    }
    this.started = false;
  }

  private async runWithHeartbeat<D>(job: Job<D>, spec: JobSpec<D>): Promise<void> {
    const beat = setInterval(
      () => {
        if (this.stopping) return; // let the lock run out: the next worker takes over
        job.touch().catch((error: unknown) => this.logger.warn({ err: error, job: spec.name }, 'job heartbeat failed'));
      },
      Math.max(1_000, Math.floor(spec.lockLifetimeMs / 3)),
    );
    beat.unref();
    try {
      await spec.handler(job.attrs.data, { attempt: (job.attrs.failCount ?? 0) + 1 });
    } finally {
      clearInterval(beat);
    }
  }
}
