/**
 * One replica's audit writer in a worker thread, for the multi-writer benchmark. Replicas are
 * separate processes with event loops of their own; three writers sharing one event loop would bill
 * each other's hashing and I/O to each other's latency, which no deployment does. The single-writer
 * baseline runs in a thread the same way, so the two figures differ only in the competition.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import mongoose from 'mongoose';
import { Registry } from 'prom-client';
import { deriveKey } from '../core/crypto.js';
import { audited } from '../domain/audit/audited.js';
import { AuditService, type AuditServiceOptions } from '../domain/audit/audit.service.js';

export interface WriterJob {
  uri: string;
  dbName: string;
  tenantId: string;
  writer: number;
  /** Audited actions per second. */
  rate: number;
  ms: number;
  /** Writer settings to compare (e.g. `turns: false`: racing only, no lease). Plain data only. */
  service?: Pick<AuditServiceOptions, 'turns' | 'writer'>;
}

export interface WriterReport {
  latencies: number[];
  errors: string[];
  collisions: number;
  waits: number;
  takeovers: number;
}

const key = deriveKey('audit-writers-bench-secret-0123', 'audit-client-hash');

/**
 * One replica's load for `ms`: audited actions (event first, then a no-op action) arriving at
 * `rate` per second as independent users' actions do, i.e. at random moments (exponential gaps).
 * A fixed period would lock two replicas whose start happened to be close into colliding on every
 * action, or keep them apart for the whole run, so the figure would depend on the start.
 */
async function runWriter(audit: AuditService, job: WriterJob): Promise<Pick<WriterReport, 'latencies' | 'errors'>> {
  const result = { latencies: [] as number[], errors: [] as string[] };
  const inFlight: Array<Promise<void>> = [];
  const start = performance.now();
  let scheduled = start;
  for (let i = 0; ; i++) {
    scheduled += (-Math.log(1 - Math.random()) * 1000) / job.rate;
    if (scheduled - start >= job.ms) break;
    const due = scheduled;
    await sleep(Math.max(0, due - performance.now()));
    inFlight.push(
      audited(
        audit,
        {
          tenantId: job.tenantId,
          type: 'document.downloaded',
          accountId: `acc-${job.writer}`,
          target: { type: 'document', id: `doc-${i}` },
          details: { writer: job.writer, i },
        },
        async () => undefined,
      ).then(
        () => void result.latencies.push(performance.now() - due),
        (error: unknown) => void result.errors.push(error instanceof Error ? `${error.name}: ${error.message}` : String(error)),
      ),
    );
  }
  await Promise.all(inFlight);
  return result;
}

async function total(registry: Registry, name: string): Promise<number> {
  return (await registry.getSingleMetric(name)?.get())?.values.reduce((sum, v) => sum + v.value, 0) ?? 0;
}

/** A writer thread, connected and ready; `run` starts its load and resolves with what it measured. */
export interface WriterThread {
  run(): Promise<WriterReport>;
}

export async function startWriterThread(job: WriterJob): Promise<WriterThread> {
  // The thread loads this TypeScript module itself, so it gets the loader the benchmark runs with.
  const worker = new Worker(new URL(import.meta.url), {
    workerData: job,
    execArgv: ['--import', '@swc-node/register/esm-register'],
  });
  const failed = new Promise<never>((_, reject) => worker.once('error', reject));
  await Promise.race([new Promise((resolve) => worker.once('message', resolve)), failed]);
  return {
    run: async () => {
      const report = new Promise<WriterReport>((resolve) => worker.once('message', resolve));
      worker.postMessage('go');
      try {
        return await Promise.race([report, failed]);
      } finally {
        await worker.terminate();
      }
    },
  };
}

if (!isMainThread && parentPort) {
  const job = workerData as WriterJob;
  const port = parentPort;
  const connection = await mongoose.createConnection(job.uri, { dbName: job.dbName }).asPromise();
  const registry = new Registry();
  const audit = new AuditService({ connection, clientHashKey: key, metrics: { registry }, ...job.service });
  port.postMessage('ready');
  await new Promise((resolve) => port.once('message', resolve));
  const { latencies, errors } = await runWriter(audit, job);
  const report: WriterReport = {
    latencies,
    errors,
    collisions: await total(registry, 'portal_audit_write_collisions_total'),
    waits: await total(registry, 'portal_audit_write_waits_total'),
    takeovers: await total(registry, 'portal_audit_lease_takeovers_total'),
  };
  await connection.close();
  port.postMessage(report);
}
