import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { Connection } from 'mongoose';
import { fieldMappingProblems } from '../domain/portal-data/field-mapping-overrides.js';
import { DEFAULT_REGISTER, explicitSchemas } from '../domain/tenants/default-schemas.js';
import { checkNextcloudSettings, type CandidateNextcloud, type NextcloudCheck } from '../domain/tenants/nextcloud-check.js';
import { createTenantDirectory, type Tenant, type TenantDirectory } from '../domain/tenants/tenant-directory.js';
import { createMetrics } from '../core/metrics.js';
import { connectorForCheck } from '../domain/tenants/connection/check-connector.js';
import { checkTenantConnection } from '../domain/tenants/connection/connection-check.js';
import type { ConnectionReport } from '../domain/tenants/connection/report.js';
import { NextcloudConfigurationError } from '../nextcloud/errors.js';
import { formatConnectionReport } from './tenant-check-output.js';
import type { Config } from './config.js';
import { loadSecretKey } from './secret-key.js';

export const TENANT_USAGE = `Usage:
  portal tenant add --id ID --nextcloud-url URL --login LOGIN --app-password PASSWORD
                    [--register pipelinq] [--schema RESOURCE=SCHEMA ...] [--time-zone Europe/Amsterdam]
                    [--field-mapping FILE.json]
  portal tenant update --id ID [any option of add]
  portal tenant list [--json]
  portal tenant check --id ID [--json]

"check" connects with the tenant's stored credentials and checks register, schemas and field
mapping against live data; it prints every problem with the change that fixes it. Exit 0 when every
enabled feature can show data, 1 when not.

The app password is checked against Nextcloud before anything is saved, and stored encrypted.
Pass --app-password - to read it from standard input instead of the command line.
--field-mapping names a JSON file that overrides Pipelinq's property names per record kind
(e.g. {"invoice": {"fields": {"number": ["reference"]}}}); {} restores the defaults.
`;

interface NextcloudOptions {
  baseUrl?: string;
  loginName?: string;
  appPassword?: string;
  register?: string;
  schemas: Record<string, string>;
  /** Path of a JSON file with field-mapping overrides; read and checked before saving. */
  fieldMappingFile?: string;
}

export type TenantCommand =
  | { action: 'list'; json: boolean }
  | { action: 'check'; id: string; json: boolean }
  | { action: 'add' | 'update'; id: string; nextcloud: NextcloudOptions; timeZone?: string };

export type ParsedTenantCommand = { ok: true; command: TenantCommand } | { ok: false; problems: string[] };

const TENANT_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;
const SLUG = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;

function httpUrlProblem(value: string): string | null {
  try {
    const url = new URL(value);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return '--nextcloud-url must be an http(s) URL';
    if (url.username || url.password || url.search || url.hash)
      return '--nextcloud-url must not carry a login, query or fragment';
    return null;
  } catch {
    return `--nextcloud-url "${value}" is not a URL`;
  }
}

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** Reads the arguments of `portal tenant …` and reports every problem at once. No I/O. */
export function parseTenantCommand(args: string[]): ParsedTenantCommand {
  const [action, ...rest] = args;
  if (action !== 'add' && action !== 'update' && action !== 'list' && action !== 'check') return { ok: false, problems: [] };
  let values: Record<string, string | string[] | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: rest,
      strict: true,
      allowPositionals: false,
      options: {
        id: { type: 'string' },
        'nextcloud-url': { type: 'string' },
        login: { type: 'string' },
        'app-password': { type: 'string' },
        register: { type: 'string' },
        schema: { type: 'string', multiple: true },
        'time-zone': { type: 'string' },
        'field-mapping': { type: 'string' },
        json: { type: 'boolean' },
      },
    }));
  } catch (error) {
    return { ok: false, problems: [(error as Error).message] };
  }
  if (action === 'list') return { ok: true, command: { action, json: values.json === true } };
  if (action === 'check') return parseCheck(values);

  const text = (name: string) => (typeof values[name] === 'string' ? (values[name] as string).trim() : undefined);
  const problems: string[] = [];
  const id = text('id');
  const nextcloud: NextcloudOptions = {
    baseUrl: text('nextcloud-url')?.replace(/\/+$/, ''),
    loginName: text('login'),
    appPassword: typeof values['app-password'] === 'string' ? (values['app-password'] as string) : undefined,
    register: text('register'),
    schemas: {},
    fieldMappingFile: text('field-mapping'),
  };
  const timeZone = text('time-zone');

  if (!id) problems.push('--id is required');
  else if (!TENANT_ID.test(id)) problems.push(`--id "${id}" must be lower-case letters, digits and dashes (at most 63)`);
  if (action === 'add') {
    if (!nextcloud.baseUrl) problems.push('--nextcloud-url is required');
    if (!nextcloud.loginName) problems.push('--login is required');
    if (!nextcloud.appPassword) problems.push('--app-password is required');
  }
  if (nextcloud.baseUrl) {
    const problem = httpUrlProblem(nextcloud.baseUrl);
    if (problem) problems.push(problem);
  }
  if (nextcloud.loginName !== undefined && (!nextcloud.loginName || nextcloud.loginName.includes(':'))) {
    problems.push('--login must be a Nextcloud login name (not empty, no colon)');
  }
  if (nextcloud.appPassword !== undefined && !nextcloud.appPassword) problems.push('--app-password must not be empty');
  if (nextcloud.register !== undefined && !SLUG.test(nextcloud.register))
    problems.push(`--register "${nextcloud.register}" must be a register slug or id`);
  for (const entry of (values.schema as string[] | undefined) ?? []) {
    const match = /^([A-Za-z][A-Za-z0-9_]*)=(.+)$/.exec(entry.trim());
    if (!match || !SLUG.test(match[2]!)) problems.push(`--schema "${entry}" must look like RESOURCE=SCHEMA, e.g. client=client`);
    else nextcloud.schemas[match[1]!] = match[2]!;
  }
  if (timeZone !== undefined && !isTimeZone(timeZone))
    problems.push(`--time-zone "${timeZone}" is not a time zone (e.g. Europe/Amsterdam)`);
  const settingsGiven = [
    nextcloud.baseUrl,
    nextcloud.loginName,
    nextcloud.appPassword,
    nextcloud.register,
    nextcloud.fieldMappingFile,
    timeZone,
  ].some((v) => v !== undefined);
  if (action === 'update' && !settingsGiven && Object.keys(nextcloud.schemas).length === 0) {
    problems.push('update needs at least one setting to change');
  }
  return problems.length ? { ok: false, problems } : { ok: true, command: { action, id: id!, nextcloud, timeZone } };
}

function parseCheck(values: Record<string, string | string[] | boolean | undefined>): ParsedTenantCommand {
  const id = typeof values.id === 'string' ? values.id.trim() : '';
  const others = Object.keys(values).filter((name) => name !== 'id' && name !== 'json' && values[name] !== undefined);
  const problems = [
    ...(id
      ? TENANT_ID.test(id)
        ? []
        : [`--id "${id}" must be lower-case letters, digits and dashes (at most 63)`]
      : ['--id is required']),
    ...others.map((name) => `check does not take --${name}`),
  ];
  return problems.length ? { ok: false, problems } : { ok: true, command: { action: 'check', id, json: values.json === true } };
}

export interface TenantCommandDeps {
  connection: Connection;
  config: Config;
  out: { write(text: string): unknown };
  err: { write(text: string): unknown };
  /** Reads the app password when it is given as `-`. */
  readStdin?: () => Promise<string>;
  /** The live check; tests may shorten its timeout. */
  check?: (candidate: CandidateNextcloud) => Promise<NextcloudCheck>;
}

/** Runs a parsed `portal tenant …` command against the gateway's database. Returns the exit code. */
export async function runTenantCommand(command: TenantCommand, deps: TenantCommandDeps): Promise<number> {
  const directory = createTenantDirectory(deps.connection, loadSecretKey(deps.config));
  await directory.refresh();
  if (command.action === 'list') {
    const tenants = directory.list();
    deps.out.write(command.json ? `${JSON.stringify(tenants.map(publicView), null, 2)}\n` : listTable(tenants));
    return 0;
  }
  if (command.action === 'check') return runCheck(command, directory, deps);

  const existing = directory.get(command.id);
  if (command.action === 'add' && existing) {
    deps.err.write(`Tenant "${command.id}" already exists; change it with \`portal tenant update --id ${command.id} …\`.\n`);
    return 1;
  }
  if (command.action === 'update' && !existing) {
    deps.err.write(`There is no tenant "${command.id}"; create it with \`portal tenant add\`.\n`);
    return 1;
  }
  let appPassword = command.nextcloud.appPassword;
  if (appPassword === '-') {
    appPassword = (await (deps.readStdin ?? readStdin)()).trim();
    if (!appPassword) {
      deps.err.write('No app password on standard input. Nothing was saved.\n');
      return 1;
    }
  }
  const candidate: CandidateNextcloud = {
    tenantId: command.id,
    baseUrl: command.nextcloud.baseUrl ?? existing!.nextcloud.baseUrl,
    loginName: command.nextcloud.loginName ?? existing!.nextcloud.loginName,
    appPassword: appPassword || directory.appPasswordOf(command.id),
    register: command.nextcloud.register ?? existing?.nextcloud.register ?? DEFAULT_REGISTER,
    schemas: explicitSchemas({ ...existing?.nextcloud.schemas, ...command.nextcloud.schemas }),
  };

  let fieldMapping = existing?.nextcloud.fieldMapping ?? null;
  if (command.nextcloud.fieldMappingFile) {
    const loaded = await loadFieldMapping(command.nextcloud.fieldMappingFile);
    if (!loaded.ok) {
      deps.err.write(`${loaded.problems.map((p) => `--field-mapping: ${p}`).join('\n')}\nNothing was saved.\n`);
      return 1;
    }
    fieldMapping = Object.keys(loaded.mapping).length ? loaded.mapping : null;
  }

  const nextcloudChanged =
    !existing ||
    command.nextcloud.fieldMappingFile !== undefined ||
    Object.keys(command.nextcloud.schemas).length > 0 ||
    (['baseUrl', 'loginName', 'appPassword', 'register'] as const).some((key) => command.nextcloud[key] !== undefined);
  let serviceAccount = '';
  if (nextcloudChanged) {
    const check = await (deps.check ?? checkNextcloudSettings)(candidate);
    if (!check.ok) {
      deps.err.write(
        `Nextcloud check failed for ${candidate.loginName} at ${candidate.baseUrl}: ${check.reason}.\nNothing was saved.\n`,
      );
      return 1;
    }
    serviceAccount = ` as ${check.user.id}${check.user.displayName && check.user.displayName !== check.user.id ? ` (${check.user.displayName})` : ''}`;
  }
  const { tenantId, ...nextcloud } = candidate;
  await directory.upsert({
    id: tenantId,
    nextcloud: { ...nextcloud, fieldMapping },
    timeZone: command.timeZone ?? existing?.timeZone,
  });
  deps.out.write(
    command.action === 'add'
      ? `Tenant "${tenantId}" added: Nextcloud ${candidate.baseUrl}${serviceAccount}, register ${candidate.register}. ` +
          'Its portal shows the defaults until its admin saves a configuration.\n'
      : `Tenant "${tenantId}" updated${nextcloudChanged ? `: Nextcloud ${candidate.baseUrl}${serviceAccount} checked` : ''}.\n`,
  );
  return 0;
}

/** `tenant check`: the deep connection check with the stored credentials; exit 0 only when all is well. */
async function runCheck(
  command: { id: string; json: boolean },
  directory: TenantDirectory,
  deps: TenantCommandDeps,
): Promise<number> {
  const tenant = directory.get(command.id);
  if (!tenant) {
    deps.err.write(`There is no tenant "${command.id}"; create it with \`portal tenant add\`.\n`);
    return 1;
  }
  let report: ConnectionReport;
  try {
    const connector = connectorForCheck(tenant, directory.appPasswordOf(tenant.id), { metrics: createMetrics() });
    report = await checkTenantConnection(tenant, connector);
  } catch (error) {
    // The stored base URL itself is unusable (the connector refuses to be built with it).
    if (!(error instanceof NextcloudConfigurationError)) throw error;
    deps.err.write(`Tenant "${tenant.id}": ${error.reason}. Fix: portal tenant update --id ${tenant.id} --nextcloud-url URL\n`);
    return 1;
  }
  deps.out.write(
    command.json ? `${JSON.stringify(report, null, 2)}\n` : formatConnectionReport(report, tenant.nextcloud.fieldMapping),
  );
  return report.ok ? 0 : 1;
}

/** Reads a field-mapping file and checks it against the shape of Pipelinq's defaults. */
async function loadFieldMapping(
  file: string,
): Promise<{ ok: true; mapping: Record<string, unknown> } | { ok: false; problems: string[] }> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    return { ok: false, problems: [`cannot read ${file} as JSON (${(error as Error).message})`] };
  }
  const problems = fieldMappingProblems(parsed);
  return problems.length ? { ok: false, problems } : { ok: true, mapping: parsed as Record<string, unknown> };
}

/** What `list` shows: never the app password, sealed or not. */
function publicView(tenant: Tenant) {
  return {
    id: tenant.id,
    nextcloudUrl: tenant.nextcloud.baseUrl,
    login: tenant.nextcloud.loginName,
    register: tenant.nextcloud.register,
    schemas: tenant.nextcloud.schemas,
    fieldMapping: tenant.nextcloud.fieldMapping,
    timeZone: tenant.timeZone,
    configured: tenant.portalSaved,
    customDomain: tenant.portal.customDomain,
    subdomain: tenant.portal.subdomain,
  };
}

function listTable(tenants: Tenant[]): string {
  if (tenants.length === 0) return 'No tenants yet; add one with `portal tenant add`.\n';
  const rows = [
    ['ID', 'NEXTCLOUD', 'LOGIN', 'REGISTER', 'TIME ZONE', 'PORTAL', 'DOMAIN'],
    ...tenants.map((t) => [
      t.id,
      t.nextcloud.baseUrl,
      t.nextcloud.loginName,
      t.nextcloud.register,
      t.timeZone,
      t.portalSaved ? 'configured' : 'defaults',
      [t.portal.customDomain, t.portal.subdomain && `${t.portal.subdomain}.*`].filter(Boolean).join(', ') || '-',
    ]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  return (
    rows
      .map((row) =>
        row
          .map((cell, i) => cell.padEnd(widths[i]!))
          .join('  ')
          .trimEnd(),
      )
      .join('\n') + '\n'
  );
}

async function readStdin(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) text += chunk;
  return text;
}
