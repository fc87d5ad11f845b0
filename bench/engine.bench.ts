/**
 * Embedded engine benchmark (FerretDB/SQLite): `_id` point operations on a collection of 100,000
 * session-like documents, the shape of every per-request lookup (sessions, tokens, accounts):
 *   node --import @swc-node/register/esm-register bench/engine.bench.ts
 * FerretDB alone answers them with a table scan (≈ 227 ms at 100k); the engine's `_id` lookup
 * index (tools/ferretdb/idindex.go) turns them into an index search. The plan is checked first,
 * so a figure is never quoted for the wrong reason.
 */
import { createHash, randomInt } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { connectDatabase } from '../store/connection.js';
import { ensureFerretDbBinary } from '../store/ferretdb-binary.js';
import { collectionTable, databaseFile, idLookupPlan } from '../store/ferretdb-inspect.js';
import { startEmbeddedDatabase } from '../store/ferretdb-server.js';

export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  goal?: string;
}

const DOCUMENTS = 100_000;
const BATCH = 1_000;
const SAMPLES = 200;
const LOOKUP_GOAL_MS = 5;
const DB_NAME = 'engine_bench';

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const sessionId = (i: number) => createHash('sha256').update(`session-${i}`).digest('hex');

function session(i: number) {
  const now = Date.now();
  return {
    _id: sessionId(i),
    tenantId: `tenant-${i % 20}`,
    accountId: `acc-${i % 5000}`,
    createdAt: new Date(now - i * 1000),
    lastSeenAt: new Date(now - i * 500),
    expiresAt: new Date(now + 86_400_000),
    userAgentHash: createHash('sha256')
      .update(`ua-${i % 30}`)
      .digest('hex'),
    ipHash: createHash('sha256')
      .update(`ip-${i % 250}`)
      .digest('hex'),
  };
}

async function timed(samples: number, operation: (i: number) => Promise<unknown>): Promise<number> {
  const timings: number[] = [];
  for (let s = 0; s < samples; s++) {
    const started = performance.now();
    await operation(randomInt(DOCUMENTS));
    timings.push(performance.now() - started);
  }
  return median(timings);
}

export async function runEngineBench(
  log: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Promise<BenchRow[]> {
  const binary = await ensureFerretDbBinary(log);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'portal-engine-bench-'));
  const database = await startEmbeddedDatabase({ binary, dataDir });
  const connection = await connectDatabase(database.uri, { dbName: DB_NAME });
  try {
    // The driver's own collection API: what is measured is the engine, not mongoose's casting.
    const sessions = connection.db!.collection<{ _id: string }>('sessions');
    log(`seeding ${DOCUMENTS.toLocaleString('en-US')} session-like documents…`);
    const seedStarted = performance.now();
    for (let from = 0; from < DOCUMENTS; from += BATCH) {
      await sessions.insertMany(Array.from({ length: BATCH }, (_, k) => session(from + k)));
    }
    const seedSeconds = (performance.now() - seedStarted) / 1000;

    const table = await collectionTable(binary, databaseFile(dataDir, DB_NAME), 'sessions');
    const plan = table ? await idLookupPlan(binary, databaseFile(dataDir, DB_NAME), table) : 'no table';
    if (!plan.startsWith('SEARCH')) throw new Error(`bench: the _id lookup is not an index search: ${plan}`);

    log('_id point operations…');
    await timed(20, (i) => sessions.findOne({ _id: sessionId(i) })); // warm connections and caches
    const lookup = await timed(SAMPLES, async (i) => {
      if (!(await sessions.findOne({ _id: sessionId(i) }))) throw new Error('bench: a seeded session is missing');
    });
    const update = await timed(SAMPLES, (i) => sessions.updateOne({ _id: sessionId(i) }, { $set: { lastSeenAt: new Date() } }));
    const remove = await timed(SAMPLES / 2, (i) => sessions.deleteOne({ _id: sessionId(i) }));

    return [
      { name: 'engine seed (insertMany of 1,000)', value: Math.round(DOCUMENTS / seedSeconds), unit: 'docs/s' },
      { name: `engine findOne({_id}) median at 100k docs`, value: round(lookup), unit: 'ms', goal: `≤ ${LOOKUP_GOAL_MS}` },
      { name: 'engine findOne({_id}) ÷ goal', value: round(lookup / LOOKUP_GOAL_MS), unit: '×', goal: '≤ 1' },
      { name: 'engine updateOne({_id}, $set) median at 100k docs', value: round(update), unit: 'ms' },
      { name: 'engine deleteOne({_id}) median at 100k docs', value: round(remove), unit: 'ms' },
    ];
  } finally {
    await connection.close();
    await database.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const rows = await runEngineBench();
  const width = Math.max(...rows.map((r) => r.name.length));
  for (const row of rows) {
    process.stdout.write(
      `${row.name.padEnd(width)}  ${String(row.value).padStart(10)} ${row.unit.padEnd(6)} ${row.goal ? `goal ${row.goal}` : ''}\n`,
    );
  }
}
