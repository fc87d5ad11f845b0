/**
 * Several replicas writing one tenant's audit chain (issue 12, item 2), on the embedded engine:
 *   node --import @swc-node/register/esm-register bench/audit-writers.bench.ts [seconds]
 * Three writers — three AuditService instances, each in its own thread with its own event loop and
 * database connection, which is what three gateway replicas are (audit-writer-thread.ts) — each
 * run 5 audited actions per second (open loop: an action starts on schedule whether or not the
 * previous one finished; random arrivals) for `seconds` (default 60). The same load from one
 * writer alone, in a thread the same way, is the baseline. Goal: p95 of an audited action with three
 * writers ≤ 2 × the single-writer p95, no errors, the chain intact.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { deriveKey } from '../core/crypto.js';
import { AuditService, type AuditServiceOptions } from '../domain/audit/audit.service.js';
import { connectDatabase, initModels } from '../store/connection.js';
import { ensureFerretDbBinary } from '../store/ferretdb-binary.js';
import { startEmbeddedDatabase } from '../store/ferretdb-server.js';
import { startWriterThread, type WriterJob, type WriterReport } from './audit-writer-thread.js';

export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  goal?: string;
}

export interface AuditWritersBenchOptions {
  /** How long the single-writer baseline, then the three writers, run. */
  seconds?: number;
  /** Audited actions per second per writer. */
  ratePerSecond?: number;
  writers?: number;
  /** An existing database (tests); without it an embedded engine is started for the run. */
  mongoUri?: string;
  dbName?: string;
  log?: (line: string) => void;
  /** Writer settings to compare (e.g. `turns: false`: racing only, no lease). */
  service?: Pick<AuditServiceOptions, 'turns' | 'writer'>;
}

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
export const percentile = (values: number[], p: number) =>
  values.length ? [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)]! : NaN;

/** Writers in their own threads, all connected before any starts, run together. */
async function runTogether(jobs: WriterJob[]): Promise<WriterReport[]> {
  const threads = await Promise.all(jobs.map((job) => startWriterThread(job)));
  return Promise.all(threads.map((thread) => thread.run()));
}

export async function runAuditWritersBench(options: AuditWritersBenchOptions = {}): Promise<BenchRow[]> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const seconds = options.seconds ?? 60;
  const rate = options.ratePerSecond ?? 5;
  const writerCount = options.writers ?? 3;
  const dataDir = options.mongoUri ? null : mkdtempSync(path.join(os.tmpdir(), 'portal-audit-writers-bench-'));
  const database = dataDir ? await startEmbeddedDatabase({ binary: await ensureFerretDbBinary(log), dataDir }) : null;
  const uri = options.mongoUri ?? database!.uri;
  const dbName = options.dbName ?? 'audit_writers_bench';
  const connection = await connectDatabase(uri, { dbName });
  try {
    await initModels(connection);
    const verifier = new AuditService({ connection, clientHashKey: deriveKey('audit-writers-bench-secret-0123', 'verify') });
    const job = (tenantId: string, writer: number, ms: number): WriterJob => ({
      uri,
      dbName,
      tenantId,
      writer,
      rate,
      ms,
      service: options.service,
    });

    // As long as the run it is compared with: a p95 of fewer samples is mostly noise.
    log(`single writer, ${rate} audited actions/s for ${seconds} s…`);
    const [single] = await runTogether([job(`single-${Date.now()}`, 0, seconds * 1000)]);

    log(`${writerCount} writers in ${writerCount} threads, ${rate} audited actions/s each for ${seconds} s…`);
    const tenantId = `shared-${Date.now()}`;
    const results = await runTogether(Array.from({ length: writerCount }, (_, w) => job(tenantId, w, seconds * 1000)));
    const verification = await verifier.verify(tenantId);
    const written = results.reduce((sum, r) => sum + r.latencies.length, 0);
    const errors = results.reduce((sum, r) => sum + r.errors.length, 0);
    for (const error of new Set(results.flatMap((r) => r.errors))) log(`error: ${error}`);
    const sum = (field: 'collisions' | 'waits' | 'takeovers') => results.reduce((total, r) => total + r[field], 0);
    const all = results.flatMap((r) => r.latencies);
    const singleP95 = percentile(single!.latencies, 95);
    const worstP95 = Math.max(...results.map((r) => percentile(r.latencies, 95)));

    const label = `audit ${writerCount} writers × ${rate}/s, ${seconds} s`;
    const rows: BenchRow[] = [
      { name: `audit 1 writer × ${rate}/s: audited action p50`, value: round(percentile(single!.latencies, 50), 2), unit: 'ms' },
      { name: `audit 1 writer × ${rate}/s: audited action p95`, value: round(singleP95, 2), unit: 'ms' },
      ...results.flatMap((r, w) => [
        { name: `${label}: writer ${w + 1} p50`, value: round(percentile(r.latencies, 50), 2), unit: 'ms' },
        { name: `${label}: writer ${w + 1} p95`, value: round(percentile(r.latencies, 95), 2), unit: 'ms' },
      ]),
      { name: `${label}: all writers p95`, value: round(percentile(all, 95), 2), unit: 'ms' },
      {
        name: `${label}: worst writer p95 ÷ single-writer p95`,
        value: round(worstP95 / singleP95, 2),
        unit: '×',
        goal: '≤ 2',
      },
      { name: `${label}: errors`, value: errors + single!.errors.length, unit: 'actions', goal: '0' },
      // intact and gap-free: every written event checked, none missing.
      {
        name: `${label}: chain intact (1 = verified, all ${written} events)`,
        value: verification.intact && verification.checkedEvents === written ? 1 : 0,
        unit: '',
        goal: '≥ 1',
      },
      { name: `${label}: insert collisions`, value: sum('collisions'), unit: 'count' },
      { name: `${label}: waits for another writer's turn`, value: sum('waits'), unit: 'count' },
      { name: `${label}: lease takeovers`, value: sum('takeovers'), unit: 'count' },
    ];
    // A database we were given (tests) is left as we found it: without this run's data.
    if (options.mongoUri) await connection.dropDatabase().catch(() => {});
    return rows;
  } finally {
    await connection.close().catch(() => {});
    await database?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const seconds = process.argv[2] ? Number(process.argv[2]) : undefined;
  const rows = await runAuditWritersBench({ seconds });
  const width = Math.max(...rows.map((r) => r.name.length));
  for (const row of rows) {
    process.stdout.write(
      `${row.name.padEnd(width)}  ${String(row.value).padStart(10)} ${row.unit.padEnd(8)} ${row.goal ? `goal ${row.goal}` : ''}\n`,
    );
  }
}
