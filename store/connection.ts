import mongoose, { type Connection } from 'mongoose';
import { databaseEngine } from './engine.js';

/**
 * Opens a mongoose connection of our own (not the global default), so tests can hold several
 * databases side by side and nothing depends on module-level state.
 *
 * Short server-selection timeouts make an unreachable database fail requests within seconds
 * instead of queueing them; the driver keeps reconnecting in the background, so the gateway
 * recovers by itself when the database returns.
 */
export async function connectDatabase(uri: string, options: { dbName?: string } = {}): Promise<Connection> {
  const connection = mongoose.createConnection(uri, {
    dbName: options.dbName,
    serverSelectionTimeoutMS: 3_000,
    connectTimeoutMS: 3_000,
    heartbeatFrequencyMS: 2_000,
    maxPoolSize: 20,
    // FerretDB has no transactions or retryable writes; MongoDB does not need them here either.
    retryWrites: false,
    autoIndex: false,
  });
  await connection.asPromise();
  return connection;
}

/** Resolves when the database answers a ping within `timeoutMs`; rejects with the reason otherwise. */
export async function pingDatabase(connection: Connection, timeoutMs = 1_500): Promise<void> {
  const db = connection.db;
  if (!db) throw new Error('database connection is not open');
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      db.admin().command({ ping: 1 }),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`database did not answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Creates the collections and indexes of every model registered on the connection. Called once at
 * start-up (and by tests) because autoIndex is off: index builds must finish before traffic.
 *
 * On FerretDB 1.24 (SQLite) queries never use secondary indexes — only inserts consult the unique
 * ones — so there only unique indexes are built: the others would cost every insert and speed up
 * nothing. MongoDB gets every declared index.
 */
export async function initModels(connection: Connection): Promise<void> {
  const ferretDb = (await databaseEngine(connection)) === 'ferretdb';
  for (const model of Object.values(connection.models)) {
    await model.init();
    if (!ferretDb) {
      await model.createIndexes();
      continue;
    }
    for (const [fields, options] of model.schema.indexes()) {
      if (options?.unique) await model.collection.createIndex(fields as Record<string, 1 | -1>, options as object);
    }
  }
}
