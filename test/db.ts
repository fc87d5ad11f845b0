import { randomBytes } from 'node:crypto';
import type { Connection } from 'mongoose';
import { afterAll, beforeAll, inject } from 'vitest';
import { connectDatabase } from '../store/connection.js';

/** A fresh database name, so test files (and tests that want isolation) never share data. */
export function uniqueDatabaseName(prefix = 't'): string {
  return `${prefix}_${randomBytes(6).toString('hex')}`;
}

export function testMongoUri(): string {
  return inject('mongoUri');
}

/**
 * Connects the calling test file to its own database on the run's embedded engine and drops it
 * afterwards. Use the returned getter inside tests: the connection exists only after beforeAll.
 */
export function useTestDatabase(): () => Connection {
  let connection: Connection | undefined;
  const dbName = uniqueDatabaseName();
  beforeAll(async () => {
    connection = await connectDatabase(testMongoUri(), { dbName });
  });
  afterAll(async () => {
    await connection?.dropDatabase().catch(() => {});
    await connection?.close();
  });
  return () => {
    if (!connection) throw new Error('useTestDatabase(): the connection is only available inside tests');
    return connection;
  };
}
