import path from 'node:path';
import type { Connection } from 'mongoose';
import type { Logger } from '../core/logger.js';
import { connectDatabase } from '../store/connection.js';
import { ensureFerretDbBinary } from '../store/ferretdb-binary.js';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../store/ferretdb-server.js';
import type { Config } from './config.js';

export interface OpenedDatabase {
  connection: Connection;
  /** Present when the gateway runs its own embedded FerretDB. */
  embedded: EmbeddedDatabase | null;
}

/**
 * MONGODB_URI when given (production: a MongoDB replica set); otherwise an embedded FerretDB with
 * its data under DATA_DIR/db, built on first use. The database name defaults to "portal" when the
 * URI names none.
 */
export async function openDatabase(config: Config, logger: Logger, dbName?: string): Promise<OpenedDatabase> {
  if (config.mongodbUri) {
    const connection = await connectDatabase(config.mongodbUri, { dbName: dbName ?? dbNameFromUri(config.mongodbUri) });
    return { connection, embedded: null };
  }
  const binary = await ensureFerretDbBinary((line) => logger.info(line));
  const embedded = await startEmbeddedDatabase({
    binary,
    dataDir: path.join(config.dataDir, 'db'),
    onLog: (line) => logger.debug({ component: 'ferretdb' }, line),
  });
  logger.info({ uri: embedded.uri }, 'embedded database (FerretDB, SQLite) started');
  try {
    return { connection: await connectDatabase(embedded.uri, { dbName: dbName ?? 'portal' }), embedded };
  } catch (error) {
    await embedded.stop();
    throw error;
  }
}

function dbNameFromUri(uri: string): string {
  const match = /^mongodb(?:\+srv)?:\/\/[^/]+\/([^?]+)/.exec(uri);
  return match?.[1] ? decodeURIComponent(match[1]) : 'portal';
}
