#!/usr/bin/env node
// Runs the whole vitest suite and ends with the one line CI reads: "N passed, M failed".
// Vitest's own summary is not in that form, so the totals come from its JSON report, which also
// gives each file's duration: the slowest files are listed just above that line.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ensureChromium } from './chromium.mjs';

// One report per run: two `npm test` runs in one checkout must not read each other's totals.
const report = `.test-results/vitest-${process.pid}.json`;
const args = process.argv.slice(2);
/** The suite should stay below this on a 2-core machine; past it the run says so. */
const BUDGET_MS = 15 * 60_000;
const SLOWEST_SHOWN = 8;

// The browser tests need Chromium. Get it (or fail at once, naming the fix) before vitest and the
// embedded database spend minutes starting. A run limited to other files does not need it.
const wantsBrowser = args.filter((arg) => !arg.startsWith('-')).length === 0 || args.some((arg) => arg.includes('e2e'));
if (wantsBrowser) {
  const chromium = ensureChromium({ log: (line) => process.stderr.write(`npm test: ${line}\n`) });
  if (chromium.problem) {
    process.stderr.write(`npm test: ${chromium.problem}\n`);
    process.exit(1);
  }
  process.env.CHROMIUM_PATH = chromium.path;
}

mkdirSync('.test-results', { recursive: true });
rmSync(report, { force: true });

const started = Date.now();
const run = spawnSync('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...args], {
  stdio: 'inherit',
});
const elapsed = Date.now() - started;

let passed = 0;
let failed;
let files = [];
if (existsSync(report)) {
  const totals = JSON.parse(readFileSync(report, 'utf8'));
  passed = totals.numPassedTests ?? 0;
  failed = (totals.numFailedTests ?? 0) + (totals.numRuntimeErrorTestSuites ?? 0);
  files = totals.testResults ?? [];
  // A file that fails to load reports no tests at all; count it so it cannot hide.
  for (const file of files) {
    if (file.status === 'failed' && (file.assertionResults ?? []).length === 0) failed += 1;
  }
  rmSync(report, { force: true });
} else {
  failed = 1;
}
if (run.status !== 0 && failed === 0) failed = 1;

const seconds = (ms) => `${(ms / 1000).toFixed(1)}s`;
const slowest = files
  .filter((file) => file.startTime && file.endTime)
  .map((file) => ({ name: path.relative(process.cwd(), file.name), ms: file.endTime - file.startTime }))
  .sort((a, b) => b.ms - a.ms)
  .slice(0, SLOWEST_SHOWN);
if (slowest.length) {
  process.stdout.write(`\nSlowest test files (whole run ${seconds(elapsed)}):\n`);
  for (const file of slowest) process.stdout.write(`  ${seconds(file.ms).padStart(7)}  ${file.name}\n`);
}
if (elapsed > BUDGET_MS) {
  process.stdout.write(`The suite took ${seconds(elapsed)}, over its ${seconds(BUDGET_MS)} budget: speed up the files above.\n`);
}
process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
