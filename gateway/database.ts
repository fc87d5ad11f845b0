import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Connection } from 'mongoose';
import type { Logger } from '../core/logger.js';
import { connectDatabase } from '../store/connection.js';
import { ensureFerretDbBinary } from '../store/ferretdb-binary.js';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../store/ferretdb-server.js';
import type { Config } from './config.js';

export interface OpenedDatabase {
  connection: Connection;
  /** Present when this process runs its own embedded FerretDB. */
  embedded: EmbeddedDatabase | null;
}

const endpointFile = (config: Config) => path.join(config.dataDir, 'db', 'endpoint.json');
/** The embedded engine's port, kept across restarts (store/ferretdb-server.ts stablePort). */
export const enginePortFile = (config: Config) => path.join(config.dataDir, 'db', 'engine.port');

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The embedded engine a running gateway published, if that gateway is still alive. */
function runningEmbeddedUri(config: Config): string | null {
  try {
    const { uri, pid } = JSON.parse(readFileSync(endpointFile(config), 'utf8')) as { uri: string; pid: number };
    return isAlive(pid) ? uri : null;
  } catch {
    return null;
  }
}

/**
 * MONGODB_URI when given (production: a MongoDB replica set); otherwise an embedded FerretDB with
 * its data under DATA_DIR/db, built on first use. The database name defaults to "portal" when the
 * URI names none.
 *
 * Two processes must not run engines on the same data files, so the server publishes its
 * engine's address in DATA_DIR/db/endpoint.json and the command line (`reuseRunning`) connects
 * to that engine while the server runs. The engine keeps its port across restarts
 * (DATA_DIR/db/engine.port, reused while free), so a replica started with
 * MONGODB_URI=mongodb://127.0.0.1:<port> reconnects by itself when this process comes back.
 */
export async function openDatabase(
  config: Config,
  logger: Logger,
  options: { dbName?: string; reuseRunning?: boolean } = {},
): Promise<OpenedDatabase> {
  if (config.mongodbUri) {
    const connection = await connectDatabase(config.mongodbUri, { dbName: options.dbName ?? dbNameFromUri(config.mongodbUri) });
    return { connection, embedded: null };
  }
  const dbName = options.dbName ?? 'portal';
  const running = options.reuseRunning ? runningEmbeddedUri(config) : null;
  if (running) return { connection: await connectDatabase(running, { dbName }), embedded: null };

  const binary = await ensureFerretDbBinary((line) => logger.info(line));
  const embedded = await startEmbeddedDatabase({
    binary,
    dataDir: path.join(config.dataDir, 'db'),
    portFile: enginePortFile(config),
    onPortMoved: (from, to) =>
      logger.warn(
        { from, to },
        'the embedded database port of the last run is taken; it listens on a new port now (update MONGODB_URI of processes that join it)',
      ),
    onLog: (line) => logger.debug({ component: 'ferretdb' }, line),
  });
  logger.info({ uri: embedded.uri }, 'embedded database (FerretDB, SQLite) started');
  try {
    const connection = await connectDatabase(embedded.uri, { dbName });
    if (!options.reuseRunning) writeFileSync(endpointFile(config), JSON.stringify({ uri: embedded.uri, pid: process.pid }));
    return {
      connection,
      embedded: {
        ...embedded,
        stop: async () => {
          if (!options.reuseRunning) rmSync(endpointFile(config), { force: true });
          await embedded.stop();
        },
      },
    };
  } catch (error) {
    await embedded.stop();
    throw error;
  }
}

function dbNameFromUri(uri: string): string {
  const match = /^mongodb(?:\+srv)?:\/\/[^/]+\/([^?]+)/.exec(uri);
  return match?.[1] ? decodeURIComponent(match[1]) : 'portal';
}
