import 'reflect-metadata';

const USAGE = `Usage: portal <command>

Commands:
  serve                            start the gateway (what \`npm start\` runs)
  audit verify --tenant ID         verify a tenant's audit chain; exit 0 when intact
  tenant add|update|list           define tenants (Nextcloud URL, login, app password); \`portal tenant help\`
  tenant check --id ID [--json]    check a tenant's Nextcloud connection and field mapping against live
                                   data; prints each problem with its fix; exit 0 when all features can show data
  cleanup [--tenant ID] [--dry-run]
                                   the retention cleanup now: pseudonymise closed accounts past retention
  simulator [--port N]             run the demo Nextcloud simulator on its own (demo, other instances); \`portal simulator help\`
  schema emit | check              write schema/schema.graphql, or fail when it is out of date
  help                             show this text
`;

/** Reads `--name value` pairs and bare `--flag`s. */
export function parseFlags(args: string[]): Record<string, string | true> {
  const flags: Record<string, string | true> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('--')) continue;
    const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
    const next = args[i + 1];
    if (inline !== undefined) flags[name] = inline;
    else if (next !== undefined && !next.startsWith('--')) flags[name] = args[++i]!;
    else flags[name] = true;
  }
  return flags;
}

/** The `portal` command line. Returns the process exit code. */
export async function runCli(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'serve':
      return (await import('./main.js')).serve(process.env);
    case 'audit':
      return auditCommand(rest);
    case 'tenant':
      return tenantCommand(rest);
    case 'cleanup':
      return cleanupCommand(rest);
    case 'schema':
      return schemaCommand(rest[0]);
    case 'simulator':
      return (await import('./simulator-cli.js')).runSimulatorCommand(rest, process.stdout, process.stderr);
    case undefined:
    case 'help':
    case '--help':
      process.stdout.write(USAGE);
      return command === undefined ? 2 : 0;
    default:
      process.stderr.write(`Unknown command "${[command, ...rest].join(' ')}".\n\n${USAGE}`);
      return 2;
  }
}

// Commands import what they need on demand, so `portal schema check` does not load the server.
async function schemaCommand(action: string | undefined): Promise<number> {
  const { emitSchemaFile, schemaFileIsCurrent } = await import('../resolvers/schema-file.js');
  if (action === 'emit') {
    await emitSchemaFile();
    process.stdout.write('schema/schema.graphql written\n');
    return 0;
  }
  if (action === 'check') {
    if (await schemaFileIsCurrent()) return 0;
    process.stderr.write('schema/schema.graphql is out of date: run `npm run schema:emit` and commit it\n');
    return 1;
  }
  process.stderr.write(USAGE);
  return 2;
}

async function auditCommand([action, ...args]: string[]): Promise<number> {
  if (action !== 'verify') {
    process.stderr.write(USAGE);
    return 2;
  }
  const tenant = parseFlags(args).tenant;
  const { withCliDatabase } = await import('./cli-database.js');
  const { runAuditVerifyCommand } = await import('../domain/audit/index.js');
  return withCliDatabase((connection) =>
    runAuditVerifyCommand({ connection, tenantId: typeof tenant === 'string' ? tenant : '', out: process.stdout }),
  );
}

async function tenantCommand(args: string[]): Promise<number> {
  const { parseTenantCommand, runTenantCommand, TENANT_USAGE } = await import('./tenant-cli.js');
  const parsed = parseTenantCommand(args);
  if (!parsed.ok && parsed.problems.length === 0) {
    const help = args[0] === 'help' || args[0] === '--help';
    (help ? process.stdout : process.stderr).write(TENANT_USAGE);
    return help ? 0 : 2;
  }
  if (!parsed.ok) {
    process.stderr.write(`${parsed.problems.map((p) => `  - ${p}`).join('\n')}\n\n${TENANT_USAGE}`);
    return 2;
  }
  const { withCliDatabase } = await import('./cli-database.js');
  return withCliDatabase((connection, config) =>
    runTenantCommand(parsed.command, { connection, config, out: process.stdout, err: process.stderr }),
  );
}

async function cleanupCommand(args: string[]): Promise<number> {
  const { CLEANUP_USAGE, parseCleanupArgs, runCleanupCommand } = await import('./cleanup-cli.js');
  const parsed = parseCleanupArgs(args);
  if (parsed.kind === 'help') {
    process.stdout.write(CLEANUP_USAGE);
    return 0;
  }
  if (parsed.kind === 'invalid') {
    process.stderr.write(`${parsed.problem}\n\n${CLEANUP_USAGE}`);
    return 2;
  }
  const { withCliDatabase } = await import('./cli-database.js');
  const { createLogger } = await import('../core/logger.js');
  return withCliDatabase((connection, config) =>
    runCleanupCommand(parsed, {
      connection,
      config,
      out: process.stdout,
      err: process.stderr,
      logger: createLogger({
        level: config.logLevel === 'info' ? 'warn' : config.logLevel,
        destination: process.stderr,
        format: config.logFormat,
      }),
    }),
  );
}
