import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { connectDatabase } from './connection.js';
import { ensureFerretDbBinary } from './ferretdb-binary.js';
import { collectionTable, databaseFile, idLookupPlan, tableIndexes } from './ferretdb-inspect.js';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './ferretdb-server.js';

/**
 * The embedded engine keeps an index on the exact expression FerretDB writes for an `_id` lookup,
 * so finding a session, token or account by `_id` is an index search instead of a table scan.
 * This file runs an engine of its own: it reads the SQLite files in the engine's data folder and
 * starts it with and without the index keeper.
 */
describe('embedded engine: _id lookups use an index', () => {
  let binary: string;
  let dataDir: string;
  let engine: EmbeddedDatabase | undefined;
  const logs: string[] = [];
  const connections: Connection[] = [];

  const start = async (idIndexIntervalMs?: number) => {
    engine = await startEmbeddedDatabase({ binary, dataDir, idIndexIntervalMs, onLog: (line) => logs.push(line) });
    return engine;
  };
  const connect = async (dbName: string) => {
    const connection = await connectDatabase(engine!.uri, { dbName });
    connections.push(connection);
    return connection;
  };
  const closeConnections = async () => {
    for (const connection of connections.splice(0)) await connection.close();
  };
  const tableOf = async (dbName: string, collection: string) => {
    const table = await collectionTable(binary, databaseFile(dataDir, dbName), collection);
    if (!table) throw new Error(`no table for ${dbName}.${collection}`);
    return table;
  };
  /** Polls until the keeper has indexed the table; the keeper looks every 100 ms in these tests. */
  const waitForIdIndex = (dbName: string, table: string) =>
    vi.waitFor(
      async () => {
        const indexes = await tableIndexes(binary, databaseFile(dataDir, dbName), table);
        expect(indexes).toContain(`${table}_pipelinq_id_lookup`);
      },
      { timeout: 10_000, interval: 50 },
    );

  beforeAll(async () => {
    binary = await ensureFerretDbBinary();
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'portal-id-index-'));
  });

  afterAll(async () => {
    await closeConnections();
    await engine?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('indexes collections that already exist when the engine starts', async () => {
    // Without the keeper the lookup is the table scan FerretDB ships with: FerretDB's own _id
    // index is on the same path written differently, which SQLite does not match.
    await start(0);
    const sessions = (await connect('existing')).collection('sessions');
    await sessions.insertMany(Array.from({ length: 50 }, (_, i) => ({ _id: `s-${i}` as never, n: i })));
    const table = await tableOf('existing', 'sessions');
    expect(await idLookupPlan(binary, databaseFile(dataDir, 'existing'), table)).toMatch(/^SCAN /);
    await closeConnections();
    await engine!.stop();

    await start(100);
    await waitForIdIndex('existing', table);
    expect(await idLookupPlan(binary, databaseFile(dataDir, 'existing'), table)).toBe(
      `SEARCH ${table} USING INDEX ${table}_pipelinq_id_lookup (<expr>=?)`,
    );
    // The engine still finds, updates and deletes by _id, and its own indexes are unchanged.
    const again = (await connect('existing')).collection('sessions');
    expect(await again.findOne({ _id: 's-7' as never })).toMatchObject({ n: 7 });
    await again.updateOne({ _id: 's-7' as never }, { $set: { n: 70 } });
    expect(await again.findOne({ _id: 's-7' as never })).toMatchObject({ n: 70 });
    await again.deleteOne({ _id: 's-8' as never });
    expect(await again.countDocuments()).toBe(49);
    expect((await again.listIndexes().toArray()).map((index) => index.name)).toEqual(['_id_']);
  });

  it('indexes a collection and a database created after the engine started', async () => {
    if (!engine) await start(100);
    const tokens = (await connect('later')).collection('tokens');
    await tokens.insertOne({ _id: 'first' as never, owner: 'a' });
    const table = await tableOf('later', 'tokens');
    await waitForIdIndex('later', table);
    expect(await idLookupPlan(binary, databaseFile(dataDir, 'later'), table)).toMatch(
      new RegExp(`^SEARCH ${table} USING INDEX ${table}_pipelinq_id_lookup`),
    );

    // A second collection in a database that already has an indexed one.
    const accounts = (await connect('later')).collection('accounts');
    await accounts.insertOne({ _id: 'acc-1' as never });
    const accountsTable = await tableOf('later', 'accounts');
    await waitForIdIndex('later', accountsTable);
  });

  it('keeps going, without reporting failures, while collections and databases are dropped and recreated', async () => {
    if (!engine) await start(100);
    const connection = await connect('churn');
    for (let round = 0; round < 3; round++) {
      await connection.collection('short_lived').insertOne({ _id: `r${round}` as never });
      await connection.collection('short_lived').drop();
      await connection.dropDatabase();
    }
    const kept = connection.collection('kept');
    await kept.insertOne({ _id: 'k' as never });
    const table = await tableOf('churn', 'kept');
    await waitForIdIndex('churn', table);
    expect(await kept.findOne({ _id: 'k' as never })).toEqual({ _id: 'k' });
    expect(logs.filter((line) => line.includes('_id lookup index'))).toEqual([]);
  });

  it('refuses to read a database file that does not exist rather than creating it', async () => {
    const missing = databaseFile(dataDir, 'never_created');
    await expect(tableIndexes(binary, missing, 'anything')).rejects.toThrow();
    await expect(collectionTable(binary, databaseFile(dataDir, 'existing'), 'no_such_collection')).resolves.toBeUndefined();
  });
});
