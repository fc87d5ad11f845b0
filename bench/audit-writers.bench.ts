/**
 * Several replicas writing one tenant's audit chain (issue 12, item 2), on the embedded engine:
 *   node --import @swc-node/register/esm-register bench/audit-writers.bench.ts [seconds]
 * Three writers — three AuditService instances on three separate database connections, which is
 * what three gateway replicas are — each run 5 audited actions per second (open loop: an action
 * starts on schedule whether or not the previous one finished; random arrivals, see runWriter)
 * for `seconds` (default 60). The
 * same load from one writer alone is the baseline. Goal: p95 of an audited action with three
 * writers ≤ 2 × the single-writer p95, no errors, the chain intact.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import mongoose, { type Connection } from 'mongoose';
import { Registry } from 'prom-client';
import { deriveKey } from '../core/crypto.js';
import { audited } from '../domain/audit/audited.js';
import { AuditService, type AuditServiceOptions } from '../domain/audit/audit.service.js';
import { connectDatabase, initModels } from '../store/connection.js';
import { ensureFerretDbBinary } from '../store/ferretdb-binary.js';
import { startEmbeddedDatabase } from '../store/ferretdb-server.js';

export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  goal?: string;
}

export interface AuditWritersBenchOptions {
  /** How long the three writers run (the single-writer baseline runs half as long, at least 3 s). */
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

export interface WriterResult {
  latencies: number[];
  errors: string[];
}

const key = deriveKey('audit-writers-bench-secret-0123', 'audit-client-hash');
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
export const percentile = (values: number[], p: number) =>
  values.length ? [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)]! : NaN;

/**
 * One replica's load for `ms`: audited actions (event first, then a no-op action) arriving at
 * `rate` per second as independent users' actions do, i.e. at random moments (exponential gaps).
 * A fixed period would lock two replicas whose start happened to be close into colliding on every
 * action, or keep them apart for the whole run, so the figure would depend on the start.
 */
async function runWriter(audit: AuditService, tenantId: string, writer: number, rate: number, ms: number): Promise<WriterResult> {
  const result: WriterResult = { latencies: [], errors: [] };
  const inFlight: Array<Promise<void>> = [];
  const start = performance.now();
  let scheduled = start;
  for (let i = 0; ; i++) {
    scheduled += (-Math.log(1 - Math.random()) * 1000) / rate;
    if (scheduled - start >= ms) break;
    const due = scheduled;
    await sleep(Math.max(0, due - performance.now()));
    inFlight.push(
      audited(
        audit,
        {
          tenantId,
          type: 'document.downloaded',
          accountId: `acc-${writer}`,
          target: { type: 'document', id: `doc-${i}` },
          details: { writer, i },
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

export async function runAuditWritersBench(options: AuditWritersBenchOptions = {}): Promise<BenchRow[]> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const seconds = options.seconds ?? 60;
  const rate = options.ratePerSecond ?? 5;
  const writerCount = options.writers ?? 3;
  const dataDir = options.mongoUri ? null : mkdtempSync(path.join(os.tmpdir(), 'portal-audit-writers-bench-'));
  const database = dataDir ? await startEmbeddedDatabase({ binary: await ensureFerretDbBinary(log), dataDir }) : null;
  const uri = options.mongoUri ?? database!.uri;
  const dbName = options.dbName ?? 'audit_writers_bench';
  const connections: Connection[] = [];
  try {
    const first = await connectDatabase(uri, { dbName });
    connections.push(first);
    await initModels(first);
    for (let i = 1; i < writerCount; i++) connections.push(await mongoose.createConnection(uri, { dbName }).asPromise());
    const registries = connections.map(() => new Registry());
    const services = connections.map(
      (connection, i) =>
        new AuditService({ connection, clientHashKey: key, metrics: { registry: registries[i]! }, ...options.service }),
    );

    const baselineSeconds = Math.max(3, Math.round(seconds / 2));
    log(`single writer, ${rate} audited actions/s for ${baselineSeconds} s…`);
    const single = await runWriter(services[0]!, `single-${Date.now()}`, 0, rate, baselineSeconds * 1000);

    log(`${writerCount} writers on ${writerCount} connections, ${rate} audited actions/s each for ${seconds} s…`);
    const tenantId = `shared-${Date.now()}`;
    const results = await Promise.all(services.map((audit, w) => runWriter(audit, tenantId, w, rate, seconds * 1000)));
    const verification = await services[0]!.verify(tenantId);
    const written = results.reduce((sum, r) => sum + r.latencies.length, 0);
    const errors = results.reduce((sum, r) => sum + r.errors.length, 0);
    for (const error of new Set(results.flatMap((r) => r.errors))) log(`error: ${error}`);
    const metric = async (name: string) => {
      let total = 0;
      for (const registry of registries)
        total += (await registry.getSingleMetric(name)?.get())?.values.reduce((s, v) => s + v.value, 0) ?? 0;
      return total;
    };
    const all = results.flatMap((r) => r.latencies);
    const singleP95 = percentile(single.latencies, 95);
    const worstP95 = Math.max(...results.map((r) => percentile(r.latencies, 95)));

    const label = `audit ${writerCount} writers × ${rate}/s, ${seconds} s`;
    const rows: BenchRow[] = [
      { name: `audit 1 writer × ${rate}/s: audited action p50`, value: round(percentile(single.latencies, 50), 2), unit: 'ms' },
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
      { name: `${label}: errors`, value: errors + single.errors.length, unit: 'actions', goal: '0' },
      // intact and gap-free: every written event checked, none missing.
      {
        name: `${label}: chain intact (1 = verified, all ${written} events)`,
        value: verification.intact && verification.checkedEvents === written ? 1 : 0,
        unit: '',
        goal: '≥ 1',
      },
      { name: `${label}: insert collisions`, value: await metric('portal_audit_write_collisions_total'), unit: 'count' },
      { name: `${label}: waits for another writer's turn`, value: await metric('portal_audit_write_waits_total'), unit: 'count' },
      { name: `${label}: lease takeovers`, value: await metric('portal_audit_lease_takeovers_total'), unit: 'count' },
    ];
    // A database we were given (tests) is left as we found it: without this run's data.
    if (options.mongoUri) await connections[0]!.dropDatabase().catch(() => {});
    return rows;
  } finally {
    await Promise.all(connections.map((connection) => connection.close().catch(() => {})));
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
