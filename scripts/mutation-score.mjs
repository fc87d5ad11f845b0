#!/usr/bin/env node
// The mutation score of the modules `npm run mutate` covers, put together from every Stryker report
// in reports/ (`reports/stryker-*.json`, the incremental files that runs module by module write).
// A full run over all modules takes hours on two cores, so the score is collected piecewise; this
// adds the pieces up the way Stryker counts: killed and timed-out mutants are detected, survivors
// and mutants no test reaches are not, compile and runtime errors do not count.
//
//   npm run mutate:score            totals, and the modules not measured yet
//   npm run mutate:score -- --all   one line per measured module as well
//
// Modules no report covers are instrumented here (Stryker's own instrumenter, the same mutators),
// without running a test: that tells a module with no mutants (types only, re-exports) from one not
// measured yet, and gives the whole scope's figure, in which unmeasured mutants count as undetected.
//
// Runs with different test selections see different survivors, so the reports on a module are
// combined mutant by mutant: a mutant counts as detected when any report made on the module's
// current source says a test detected it (tests are added, not taken away; after removing tests,
// re-run with --force). Reports made on an older source are left out: their verdicts describe
// other code, and a module with only such reports is listed as stale.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { Instrumenter } from '@stryker-mutator/instrumenter';
import config from '../stryker.config.mjs';

const REPORTS = 'reports';
const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);

/** A glob of the Stryker config as a regular expression over forward-slash paths. */
function globToRegExp(glob) {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i];
    if (char === '*' && glob[i + 1] === '*') {
      // `**/` matches any number of folders, none included.
      source += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += glob[i + 2] === '/' ? 2 : 1;
    } else if (char === '*') source += '[^/]*';
    else source += /[.+?^${}()|[\]\\]/.test(char) ? `\\${char}` : char;
  }
  return new RegExp(`^${source}$`);
}

function modulesInScope() {
  const include = config.mutate.filter((glob) => !glob.startsWith('!')).map(globToRegExp);
  const exclude = config.mutate.filter((glob) => glob.startsWith('!')).map((glob) => globToRegExp(glob.slice(1)));
  const roots = [...new Set(config.mutate.filter((glob) => !glob.startsWith('!')).map((glob) => glob.split('/')[0]))];
  const files = roots.flatMap((root) =>
    readdirSync(root, { recursive: true }).map((file) => path.posix.join(root, String(file).split(path.sep).join('/'))),
  );
  return files.filter((file) => include.some((re) => re.test(file)) && !exclude.some((re) => re.test(file))).sort();
}

/** Per module, every report's verdicts on it, oldest report first. */
function reportsByModule() {
  let names = [];
  try {
    names = readdirSync(REPORTS).filter((name) => /^stryker-.*\.json$/.test(name));
  } catch {
    // No reports yet: every module is unmeasured.
  }
  const byAge = names.map((name) => path.join(REPORTS, name)).sort((a, b) => statSync(a).mtimeMs - statSync(b).mtimeMs);
  const reports = new Map();
  for (const file of byAge) {
    const report = JSON.parse(readFileSync(file, 'utf8'));
    for (const [module, result] of Object.entries(report.files ?? {})) {
      reports.set(module, [...(reports.get(module) ?? []), { ...result, report: file }]);
    }
  }
  return reports;
}

const mutantKey = (mutant) =>
  `${mutant.location.start.line}:${mutant.location.start.column}-${mutant.location.end.line}:${mutant.location.end.column} ${mutant.mutatorName} ${mutant.replacement ?? ''}`;

/** Detected and undetected mutants of one module over the reports made on its current source. */
function combined(results) {
  const detected = new Set();
  const seen = new Set();
  for (const result of results) {
    for (const mutant of result.mutants) {
      if (!DETECTED.has(mutant.status) && !UNDETECTED.has(mutant.status)) continue;
      seen.add(mutantKey(mutant));
      if (DETECTED.has(mutant.status)) detected.add(mutantKey(mutant));
    }
  }
  return { detected: detected.size, undetected: seen.size - detected.size };
}

const silent = () => {};
const no = () => false;
/** The instrumenter logs only through this; counting mutants needs none of it. */
const quietLogger = {
  trace: silent,
  debug: silent,
  info: silent,
  warn: silent,
  error: silent,
  fatal: silent,
  isTraceEnabled: no,
  isDebugEnabled: no,
  isInfoEnabled: no,
};

/** How many mutants Stryker would make in each module, found by instrumenting them (no tests run). */
async function mutantCounts(modules) {
  if (modules.length === 0) return new Map();
  const files = modules.map((name) => ({ name, content: readFileSync(name, 'utf8'), mutate: true }));
  const { mutants } = await new Instrumenter(quietLogger).instrument(files, {
    plugins: null,
    excludedMutations: [],
    ignorers: [],
  });
  const counts = new Map(modules.map((module) => [module, 0]));
  for (const mutant of mutants) counts.set(mutant.fileName, counts.get(mutant.fileName) + 1);
  return counts;
}

const showAll = process.argv.includes('--all');
const reports = reportsByModule();
const totals = { detected: 0, undetected: 0, modules: 0 };
const uncovered = [];
const stale = [];
const rows = [];
for (const module of modulesInScope()) {
  const all = reports.get(module);
  if (!all) {
    uncovered.push(module);
    continue;
  }
  const source = readFileSync(module, 'utf8');
  const current = all.filter((result) => result.source === source);
  if (current.length === 0) {
    stale.push(module);
    continue;
  }
  const { detected, undetected } = combined(current);
  if (detected + undetected === 0) continue;
  totals.detected += detected;
  totals.undetected += undetected;
  totals.modules += 1;
  rows.push({ module, detected, undetected, report: current.map((result) => path.basename(result.report)).join(', ') });
}

const percent = (detected, undetected) => `${((100 * detected) / (detected + undetected)).toFixed(1)} %`;
if (showAll) {
  for (const row of rows) {
    process.stdout.write(
      `${percent(row.detected, row.undetected).padStart(7)}  ${String(row.detected).padStart(4)} of ${String(row.detected + row.undetected).padEnd(4)} ${row.module}  (${row.report})\n`,
    );
  }
}
const counts = await mutantCounts([...uncovered, ...stale]);
const withoutMutants = uncovered.filter((module) => counts.get(module) === 0);
const unmeasured = uncovered.filter((module) => counts.get(module) > 0);
const unmeasuredMutants = [...unmeasured, ...stale].reduce((sum, module) => sum + counts.get(module), 0);
if (stale.length) process.stdout.write(`stale (source changed since every report on it; re-run them): ${stale.join(', ')}\n`);
process.stdout.write(`no mutants to make (${withoutMutants.length}): ${withoutMutants.join(', ') || 'none'}\n`);
process.stdout.write(
  `not measured yet (${unmeasured.length}): ${unmeasured.map((module) => `${module} (${counts.get(module)})`).join(', ') || 'none'}\n`,
);
if (totals.modules === 0) {
  process.stdout.write('no measured modules\n');
} else {
  process.stdout.write(
    `${totals.modules} modules measured: ${totals.detected} of ${totals.detected + totals.undetected} mutants detected, ${percent(totals.detected, totals.undetected)}\n`,
  );
}
const scopeUndetected = totals.undetected + unmeasuredMutants;
process.stdout.write(
  `whole scope (unmeasured and stale mutants counted as undetected): ${totals.detected} of ${totals.detected + scopeUndetected}, ${percent(totals.detected, scopeUndetected)}\n`,
);
