/**
 * `npm run bench`: runs every benchmark suite in turn (each starts what it needs: an embedded
 * database, the Nextcloud simulator, a gateway) and prints one table of figures and goals.
 * Suites run one after another so they do not compete for the machine's cores.
 */
import 'reflect-metadata';

export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  /** A human-readable target, e.g. "≥ 1000" or "≤ 30". */
  goal?: string;
}

const suites: Array<{ name: string; load: () => Promise<() => Promise<BenchRow[]>> }> = [
  { name: 'engine', load: async () => (await import('./engine.bench.js')).runEngineBench },
  { name: 'audit', load: async () => (await import('./audit.bench.js')).runAuditBench },
  {
    name: 'audit-writers',
    load: async () => {
      const { runAuditWritersBench } = await import('./audit-writers.bench.js');
      return () => runAuditWritersBench({ seconds: Number(process.env.BENCH_AUDIT_WRITERS_SECONDS ?? 60) });
    },
  },
  { name: 'auth', load: async () => (await import('./auth.bench.js')).runAuthBench },
  { name: 'data', load: async () => (await import('./data.bench.js')).runDataBench },
  { name: 'web', load: async () => (await import('./web.bench.js')).runWebBench },
];

function format(value: number): string {
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
}

const only = process.argv.slice(2);
const rows: Array<BenchRow & { suite: string }> = [];
let failures = 0;
for (const suite of suites) {
  if (only.length && !only.includes(suite.name)) continue;
  process.stderr.write(`\n== ${suite.name} ==\n`);
  try {
    const run = await suite.load();
    for (const row of await run()) rows.push({ suite: suite.name, ...row });
  } catch (error) {
    failures++;
    process.stderr.write(`suite ${suite.name} failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  }
}

/**
 * measured ÷ goal for goals of the form "≤ N" or "≥ N" (a leading "|…|" compares the magnitude):
 * at most 1 meets a "≤" goal, at least 1 meets a "≥" goal. Other goals ("≈ 0 (flat)") get none.
 */
function ratioToGoal(row: Pick<BenchRow, 'value' | 'goal'>): string {
  const match = /^(\|[^|]*\|\s*)?([≤≥])\s*([\d,.]+)/.exec(row.goal ?? '');
  if (!match) return '';
  const goal = Number(match[3]!.replace(/,/g, ''));
  if (!goal) return '';
  const measured = match[1] ? Math.abs(row.value) : row.value;
  const ratio = measured / goal;
  const met = match[2] === '≤' ? ratio <= 1 : ratio >= 1;
  return `${ratio.toFixed(2)} ×${met ? '' : '  MISSED'}`;
}

const header = ['suite', 'measure', 'value', 'unit', 'goal', 'measured ÷ goal'];
const table = [header, ...rows.map((r) => [r.suite, r.name, format(r.value), r.unit, r.goal ?? '', ratioToGoal(r)])];
const widths = header.map((_, i) => Math.max(...table.map((line) => line[i]!.length)));
const print = (line: string[]) =>
  line.map((cell, i) => (i === 2 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  ');
process.stdout.write(`\n${print(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n`);
for (const line of table.slice(1)) process.stdout.write(`${print(line)}\n`);
process.exit(failures ? 1 : 0);
