import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../core/logger.js';
import { connectDatabase } from '../store/connection.js';
import { parseConfig, type Config } from './config.js';
import { enginePortFile, openDatabase, type OpenedDatabase } from './database.js';

// The embedded engine of `npm start` (MONGODB_URI unset) keeps its port across restarts, so a
// replica or command that was given its address finds it again (issue 12, item 7).

const logger = createLogger({ level: 'silent' });

describe('embedded engine port', () => {
  let dataDir: string;
  let config: Config;
  const opened: OpenedDatabase[] = [];

  beforeEach(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'portal-port-'));
    config = parseConfig({ DATA_DIR: dataDir, NODE_ENV: 'test', LOG_LEVEL: 'silent' });
  });

  afterEach(async () => {
    for (const { connection, embedded } of opened.splice(0)) {
      await connection.close().catch(() => {});
      await embedded?.stop();
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  const open = async () => {
    const database = await openDatabase(config, logger, { dbName: 'portal' });
    opened.push(database);
    return database;
  };
  const close = async (database: OpenedDatabase) => {
    opened.splice(opened.indexOf(database), 1);
    await database.connection.close();
    await database.embedded?.stop();
  };

  it('is saved in DATA_DIR and reused by the next start, and a process that joined it reconnects', async () => {
    const first = await open();
    const port = first.embedded!.port;
    expect(readFileSync(enginePortFile(config), 'utf8').trim()).toBe(String(port));

    // Another process that was given the engine's address (a JOBS=off replica's MONGODB_URI).
    const replica = await connectDatabase(`mongodb://127.0.0.1:${port}`, { dbName: 'portal' });
    try {
      await replica.db!.collection('notes').insertOne({ _id: 'before' } as never);
      await close(first);

      const second = await open();
      expect(second.embedded!.port).toBe(port);
      // The replica's own connection finds the engine again once it is back; the data stayed.
      let found: unknown = null;
      const deadline = Date.now() + 15_000;
      while (!found && Date.now() < deadline) {
        found = await replica
          .db!.collection('notes')
          .findOne({ _id: 'before' } as never)
          .catch(() => null);
        if (!found) await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(found).toMatchObject({ _id: 'before' });
    } finally {
      await replica.close();
    }
  }, 60_000);

  it('moves to a free port (and saves it) when something else took the saved one', async () => {
    const first = await open();
    const port = first.embedded!.port;
    await close(first);

    const squatter = net.createServer();
    await new Promise<void>((resolve) => squatter.listen(port, '127.0.0.1', () => resolve()));
    try {
      const second = await open();
      expect(second.embedded!.port).not.toBe(port);
      expect(readFileSync(enginePortFile(config), 'utf8').trim()).toBe(String(second.embedded!.port));
      // It is the engine that answers there, not the squatter.
      expect(await second.connection.db!.admin().command({ ping: 1 })).toMatchObject({ ok: 1 });
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
  }, 60_000);
});
