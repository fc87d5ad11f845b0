import { parseArgs } from 'node:util';
import type { Connection } from 'mongoose';
import { createLogger, type Logger } from '../core/logger.js';
import { createMetrics } from '../core/metrics.js';
import { cleanupDetailLines, dayIn, startOfDayIn, type CleanupReport } from '../domain/avg/index.js';
import { createServices } from '../domain/composition/create-services.js';
import type { Services } from '../domain/services.js';
import { isDemoMode, type Config } from './config.js';
import { loadSecretKey } from './secret-key.js';

export const CLEANUP_USAGE = `Usage: portal cleanup [--tenant ID] [--dry-run [--as-of DATE]]

Pseudonymises closed accounts whose retention period has ended (7 years after the client's newest
fiscal record — from the end of its fiscal year or from the record date, per the tenant's
retention basis — and no open invoice, active contract or open request), in Nextcloud and in the
portal store. Every tenant unless --tenant is given; --dry-run only reports.
--as-of DATE (YYYY-MM-DD, the start of that day in the tenant's time zone, or an ISO date-time
with an offset) asks what would happen then; only with --dry-run.
Exit 0 when every tenant was checked, 1 when a Nextcloud was unreachable or an account failed,
2 on bad arguments.
`;

/** Who the audit trail names for changes made from the command line. */
export const CLI_ACTOR = 'cli:cleanup';

export interface CleanupCommandDeps {
  connection: Connection;
  config: Config;
  out: { write(text: string): unknown };
  err: { write(text: string): unknown };
  logger?: Logger;
}

const BASIS_WORDS: Record<CleanupReport['retentionBasis'], string> = {
  FISCAL_YEAR_END: 'from the end of the fiscal year of the newest fiscal record',
  RECORD_DATE: 'from the date of the newest fiscal record',
};

function describe(report: CleanupReport, tenant: { nextcloudUrl: string; timeZone: string }, demo: boolean): string[] {
  const { nextcloudUrl, timeZone } = tenant;
  const day = (date: Date) => dayIn(date, timeZone);
  const lines: string[] = [];
  if (!report.nextcloudReachable) {
    lines.push(
      `Tenant ${report.tenantId}: the Nextcloud at ${nextcloudUrl} is not reachable; nothing was changed (${report.checked} closed account(s) waiting).`,
    );
    if (demo)
      lines.push(
        '  In demo mode that Nextcloud is the simulator inside a running gateway: start it with `npm start`, then run this again.',
      );
    return lines;
  }
  const asOf = report.asOf.getTime() !== report.ranAt.getTime() ? `, as of ${day(report.asOf)}` : '';
  lines.push(
    `Tenant ${report.tenantId}: retention ${report.retentionBasis} (7 years ${BASIS_WORDS[report.retentionBasis]}, ${timeZone})${asOf}:`,
  );
  for (const account of report.accounts) {
    const until = account.heldUntil ? ` until ${day(account.heldUntil)}` : '';
    const why = account.reasons.length ? ` (${account.reasons.join(', ')})` : '';
    // The end of the fiscal retention for every account, so "when will X be pseudonymised" has an answer.
    const ended = account.heldUntil ? ` (retention ended ${day(account.heldUntil)})` : '';
    const what =
      account.outcome === 'HELD'
        ? `held${until}${why}`
        : account.outcome === 'FAILED'
          ? `failed${why}`
          : account.outcome === 'WOULD_PSEUDONYMISE'
            ? `would be pseudonymised${ended}`
            : `pseudonymised${ended}`;
    lines.push(`  account ${account.accountId}: ${what}`, ...cleanupDetailLines(account));
  }
  const count = report.dryRun ? report.accounts.filter((a) => a.outcome === 'WOULD_PSEUDONYMISE').length : report.pseudonymised;
  lines.push(
    `${report.dryRun ? 'Dry run: would pseudonymise' : 'Pseudonymised'} ${count} closed account(s) in tenant ${report.tenantId}` +
      ` (${report.held} held, ${report.failed} failed, ${report.alreadyPseudonymised} done earlier).`,
  );
  return lines;
}

/** `--as-of`: a day (its start in each tenant's time zone) or an exact moment. */
export type AsOf = { day: { year: number; month: number; day: number } } | { at: Date };

export interface CleanupOptions {
  tenant: string | null;
  dryRun: boolean;
  asOf: AsOf | null;
}

export type CleanupArgs = ({ kind: 'run' } & CleanupOptions) | { kind: 'help' } | { kind: 'invalid'; problem: string };

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
// A moment must say its offset: a bare local time would mean a different instant on every machine.
const MOMENT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

export function parseAsOf(raw: string): AsOf | null {
  const value = raw.trim();
  const day = DAY.exec(value);
  if (day) {
    const [year, month, date] = [Number(day[1]), Number(day[2]), Number(day[3])];
    // Round-trip through UTC so that 2034-02-30 is refused rather than rolled over to March.
    const check = new Date(Date.UTC(year, month - 1, date));
    const real = check.getUTCFullYear() === year && check.getUTCMonth() === month - 1 && check.getUTCDate() === date;
    return real ? { day: { year, month, day: date } } : null;
  }
  if (!MOMENT.test(value)) return null;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? null : { at };
}

/** The moment `--as-of` names for a tenant: a day starts at 00:00 on the tenant's wall clock. */
export function asOfMoment(asOf: AsOf, timeZone: string): Date {
  return 'at' in asOf ? asOf.at : startOfDayIn(asOf.day.year, asOf.day.month, asOf.day.day, timeZone);
}

/** Reads `cleanup`'s arguments; no I/O, so a typo never opens the database. */
export function parseCleanupArgs(args: string[]): CleanupArgs {
  try {
    const { values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        tenant: { type: 'string' },
        'dry-run': { type: 'boolean' },
        'as-of': { type: 'string' },
        help: { type: 'boolean' },
      },
    });
    if (values.help) return { kind: 'help' };
    if (values.tenant !== undefined && !values.tenant.trim()) return { kind: 'invalid', problem: '--tenant needs a tenant id' };
    const dryRun = values['dry-run'] === true;
    let asOf: AsOf | null = null;
    if (values['as-of'] !== undefined) {
      // Nothing may be pseudonymised on a date that has not come: another date is a question only.
      if (!dryRun) return { kind: 'invalid', problem: '--as-of only goes with --dry-run (it asks what would happen then).' };
      asOf = parseAsOf(values['as-of']);
      if (!asOf)
        return {
          kind: 'invalid',
          problem: `--as-of "${values['as-of'].slice(0, 40)}" is not a date: use YYYY-MM-DD or an ISO date-time with an offset (2034-01-02T09:00:00+01:00).`,
        };
    }
    return { kind: 'run', tenant: values.tenant?.trim() ?? null, dryRun, asOf };
  } catch (error) {
    return { kind: 'invalid', problem: (error as Error).message };
  }
}

/** `portal cleanup`: the retention cleanup now, as the nightly job runs it. Returns the exit code. */
export async function runCleanupCommand(options: CleanupOptions, deps: CleanupCommandDeps): Promise<number> {
  const { connection, config } = deps;
  // The same services the gateway runs, reading the tenants once (a command must be able to end).
  const composed = await createServices({
    connection,
    secretKey: loadSecretKey(config),
    logger: deps.logger ?? createLogger({ level: 'silent' }),
    metrics: createMetrics(),
    dataDir: config.dataDir,
    publicUrl: config.publicUrl,
    mail: { smtpUrl: config.smtpUrl, from: config.mailFrom },
    tenants: 'once',
  });
  try {
    return await cleanTenants(options, deps, composed.services);
  } finally {
    await composed.close();
  }
}

async function cleanTenants(options: CleanupOptions, deps: CleanupCommandDeps, services: Services): Promise<number> {
  const { config } = deps;
  const { tenants } = services;
  const selected = options.tenant ? [tenants.get(options.tenant)].filter((t) => t !== undefined) : tenants.list();
  if (options.tenant && selected.length === 0) {
    deps.err.write(`There is no tenant "${options.tenant}".\n`);
    return 1;
  }
  if (selected.length === 0) {
    deps.out.write('No tenants yet; nothing to clean up.\n');
    return 0;
  }
  const retention = services.avg.retention;

  let failed = false;
  for (const tenant of selected) {
    const asOf = options.asOf ? asOfMoment(options.asOf, tenant.timeZone) : null;
    const report = await retention.run(tenant.id, { dryRun: options.dryRun, asOf, actor: CLI_ACTOR });
    if (report.checked === 0) {
      deps.out.write(`Tenant ${tenant.id}: no closed accounts waiting for pseudonymisation.\n`);
      continue;
    }
    const where = { nextcloudUrl: tenant.nextcloud.baseUrl, timeZone: tenant.timeZone };
    deps.out.write(`${describe(report, where, isDemoMode(config)).join('\n')}\n`);
    if (!report.nextcloudReachable || report.failed > 0) failed = true;
  }
  return failed ? 1 : 0;
}
