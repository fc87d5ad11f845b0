import type { Connection } from 'mongoose';
import { createLogger } from '../core/logger.js';
import { parseConfigOrReport, type Config } from './config.js';
import { openDatabase } from './database.js';
import { checkedSecretKey } from './secret-key-check.js';
import { SecretKeyMismatchError } from './secret-key-fingerprint.js';

/**
 * Runs a command-line action against the gateway's database: the configured MONGODB_URI, or the
 * running gateway's embedded engine, or (when no gateway runs) an embedded engine of its own for
 * the duration of the command. Returns the action's exit code; configuration problems exit 2.
 */
export async function withCliDatabase(
  action: (connection: Connection, config: Config) => Promise<number>,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const config = parseConfigOrReport(env);
  if (!config) return 2;
  const logger = createLogger({
    level: config.logLevel === 'info' ? 'warn' : config.logLevel,
    destination: process.stderr,
    format: config.logFormat,
  });
  const { connection, embedded } = await openDatabase(config, logger, { reuseRunning: true });
  try {
    // A command with another key than the gateway's would seal or open credentials wrongly.
    await checkedSecretKey(connection, config);
    return await action(connection, config);
  } catch (error) {
    if (!(error instanceof SecretKeyMismatchError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 2;
  } finally {
    await connection.close();
    await embedded?.stop();
  }
}
