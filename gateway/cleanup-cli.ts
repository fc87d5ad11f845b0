import { parseArgs } from 'node:util';
import type { Connection } from 'mongoose';
import { createLogger, type Logger } from '../core/logger.js';
import { createMetrics } from '../core/metrics.js';
import { cleanupDetailLines, type CleanupReport } from '../domain/avg/index.js';
import { createServices } from '../domain/composition/create-services.js';
import type { Services } from '../domain/services.js';
import { isDemoMode, type Config } from './config.js';
import { loadSecretKey } from './secret-key.js';

export const CLEANUP_USAGE = `Usage: portal cleanup [--tenant ID] [--dry-run]

Pseudonymises closed accounts whose retention period has ended (7 years after the client's newest
fiscal record, and no open invoice, active contract or open request), in Nextcloud and in the
portal store. Every tenant unless --tenant is given; --dry-run only reports.
Exit 0 when every tenant was checked, 1 when a Nextcloud was unreachable or an account failed.
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

const day = (date: Date) => date.toISOString().slice(0, 10);

function describe(report: CleanupReport, nextcloudUrl: string, demo: boolean): string[] {
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
  for (const account of report.accounts) {
    const until = account.heldUntil ? ` until ${day(account.heldUntil)}` : '';
    const why = account.reasons.length ? ` (${account.reasons.join(', ')})` : '';
    const what =
      account.outcome === 'HELD'
        ? `held${until}${why}`
        : account.outcome === 'FAILED'
          ? `failed${why}`
          : account.outcome === 'WOULD_PSEUDONYMISE'
            ? 'would be pseudonymised'
            : 'pseudonymised';
    lines.push(`  account ${account.accountId}: ${what}`, ...cleanupDetailLines(account));
  }
  const count = report.dryRun ? report.accounts.filter((a) => a.outcome === 'WOULD_PSEUDONYMISE').length : report.pseudonymised;
  lines.push(
    `${report.dryRun ? 'Dry run: would pseudonymise' : 'Pseudonymised'} ${count} closed account(s) in tenant ${report.tenantId}` +
      ` (${report.held} held, ${report.failed} failed, ${report.alreadyPseudonymised} done earlier).`,
  );
  return lines;
}

export type CleanupArgs =
  { kind: 'run'; tenant: string | null; dryRun: boolean } | { kind: 'help' } | { kind: 'invalid'; problem: string };

/** Reads `cleanup`'s arguments; no I/O, so a typo never opens the database. */
export function parseCleanupArgs(args: string[]): CleanupArgs {
  try {
    const { values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: { tenant: { type: 'string' }, 'dry-run': { type: 'boolean' }, help: { type: 'boolean' } },
    });
    if (values.help) return { kind: 'help' };
    if (values.tenant !== undefined && !values.tenant.trim()) return { kind: 'invalid', problem: '--tenant needs a tenant id' };
    return { kind: 'run', tenant: values.tenant?.trim() ?? null, dryRun: values['dry-run'] === true };
  } catch (error) {
    return { kind: 'invalid', problem: (error as Error).message };
  }
}

/** `portal cleanup`: the retention cleanup now, as the nightly job runs it. Returns the exit code. */
export async function runCleanupCommand(
  options: { tenant: string | null; dryRun: boolean },
  deps: CleanupCommandDeps,
): Promise<number> {
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

async function cleanTenants(
  options: { tenant: string | null; dryRun: boolean },
  deps: CleanupCommandDeps,
  services: Services,
): Promise<number> {
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
    const report = await retention.run(tenant.id, { dryRun: options.dryRun, actor: CLI_ACTOR });
    if (report.checked === 0) {
      deps.out.write(`Tenant ${tenant.id}: no closed accounts waiting for pseudonymisation.\n`);
      continue;
    }
    deps.out.write(`${describe(report, tenant.nextcloud.baseUrl, isDemoMode(config)).join('\n')}\n`);
    if (!report.nextcloudReachable || report.failed > 0) failed = true;
  }
  return failed ? 1 : 0;
}
