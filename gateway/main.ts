import type { Logger } from '../core/logger.js';
import { createLogger } from '../core/logger.js';
import { EmbeddedDatabaseUnavailableError } from '../store/ferretdb-binary.js';
import { isDemoMode, parseConfigOrReport, type Config } from './config.js';
import { SecretKeyMismatchError } from './secret-key-fingerprint.js';
import { startGateway } from './server.js';
import { ensureWebBundle } from './web-bundle.js';

const DEMO_SIGN_INS = [
  ['B2C customer Jan Jansen', 'demo', 'jan.jansen@example.nl / Portaal-Demo-2026!'],
  ['B2B customer Bakkerij Bakker B.V.', 'demo', 'inkoop@bakkerij-bakker.example / Portaal-Demo-2026!'],
  ['B2C customer Piet de Vries', 'other', 'piet@example.org / Portaal-Demo-2026!'],
  ['tenant admin (staff)', 'demo, other', 'admin / demo-admin-app-password'],
  ['DPO (staff)', 'demo, other', 'dpo / demo-dpo-app-password'],
];

function banner(url: string, config: Config): string {
  const lines = [
    '',
    `  Pipelinq Portal Gateway is running`,
    `    GraphQL       ${url}/graphql`,
    `    Portal        ${url}/portal/`,
    `    Health        ${url}/healthz  ${url}/readyz  ${url}/metrics`,
    `    Nextcloud     ${isDemoMode(config) ? 'built-in simulator with demo data' : config.nextcloud!.url}`,
    `    Database      ${config.mongodbUri ? 'MONGODB_URI' : `embedded FerretDB in ${config.dataDir}/db`}`,
  ];
  if (isDemoMode(config)) {
    lines.push('', '  Demo sign-ins (tenant: sign-in)');
    for (const [who, tenant, signIn] of DEMO_SIGN_INS) lines.push(`    ${who.padEnd(34)} ${tenant.padEnd(12)} ${signIn}`);
  }
  return `${lines.join('\n')}\n\n`;
}

/** `npm start`: run until SIGINT/SIGTERM, then shut down gracefully. Returns the exit code. */
export async function serve(env: NodeJS.ProcessEnv): Promise<number> {
  const config = parseConfigOrReport(env);
  if (!config) return 2;
  const logger: Logger = createLogger({ level: config.logLevel, format: config.logFormat });
  let gateway;
  try {
    await ensureWebBundle(logger);
    gateway = await startGateway(config, { logger });
  } catch (error) {
    if (error instanceof EmbeddedDatabaseUnavailableError || error instanceof SecretKeyMismatchError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    logger.fatal({ err: error }, 'the gateway could not start');
    return 1;
  }
  process.stdout.write(banner(gateway.url, config));

  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      logger.info({ signal }, 'shutting down');
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await gateway.close();
  return 0;
}
