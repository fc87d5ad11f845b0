#!/usr/bin/env node
// Runs the whole vitest suite and ends with the one line CI reads: "N passed, M failed".
// Vitest's own summary is not in that form, so the totals come from its JSON report.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const report = '.test-results/vitest.json';
mkdirSync('.test-results', { recursive: true });
rmSync(report, { force: true });

const run = spawnSync(
  'npx',
  ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)],
  { stdio: 'inherit' },
);

let passed = 0;
let failed;
if (existsSync(report)) {
  const totals = JSON.parse(readFileSync(report, 'utf8'));
  passed = totals.numPassedTests ?? 0;
  failed = (totals.numFailedTests ?? 0) + (totals.numRuntimeErrorTestSuites ?? 0);
  // A file that fails to load reports no tests at all; count it so it cannot hide.
  for (const file of totals.testResults ?? []) {
    if (file.status === 'failed' && (file.assertionResults ?? []).length === 0) failed += 1;
  }
} else {
  failed = 1;
}
if (run.status !== 0 && failed === 0) failed = 1;
process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
