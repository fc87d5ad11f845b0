import { describe, expect, it } from 'vitest';
import { testMongoUri, uniqueDatabaseName } from '../test/db.js';
import { runAuditWritersBench } from './audit-writers.bench.js';

/** The multi-writer benchmark, short, against the run's engine: it runs, and what it checks holds. */
describe('the audit writers benchmark', () => {
  it('three writers for 3 s: every audited action succeeds and the chain verifies', async () => {
    const rows = await runAuditWritersBench({
      seconds: 3,
      mongoUri: testMongoUri(),
      dbName: uniqueDatabaseName('bench'),
      log: () => {},
    });
    const row = (suffix: string) => rows.find((r) => r.name.endsWith(suffix))!;
    expect(row(': errors').value).toBe(0);
    expect(row('events)').value).toBe(1);
    // 3 writers × 5/s × 3 s = 45 on average; arrivals are random, so give or take.
    const written = Number(/all (\d+) events/.exec(row('events)').name)![1]);
    expect(written).toBeGreaterThan(15);
    expect(written).toBeLessThan(90);
    for (const writer of [1, 2, 3]) expect(row(`writer ${writer} p95`).value).toBeGreaterThan(0);
    // Latency ratios are for `npm run bench` on a quiet machine, not for a shared test run.
    expect(row('÷ single-writer p95').goal).toBe('≤ 2');
  }, 30_000);
});
