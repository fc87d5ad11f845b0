import { appendFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { createLogger } from '../core/logger.js';
import { projectRoot } from '../core/paths.js';
import { ensureWebBundle } from '../gateway/web-bundle.js';
import { ensureFerretDbBinary } from '../store/ferretdb-binary.js';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../store/ferretdb-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    mongoUri: string;
  }
}

/** One embedded database engine per test run; each test file uses its own database name in it. */
export default async function setup(project: TestProject) {
  // The browser tests load the real bundle; build it once if this checkout has none yet.
  await ensureWebBundle(createLogger({ level: 'warn', destination: process.stderr }));
  let database: EmbeddedDatabase | undefined;
  let dataDir: string | undefined;
  let uri = process.env.TEST_MONGODB_URI;
  if (!uri) {
    const binary = await ensureFerretDbBinary((line) => process.stderr.write(`${line}\n`));
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'portal-test-db-'));
    // The engine's own lines, kept for the moment it stops by itself: then they are the only clue.
    const recent: string[] = [];
    const logFile = path.join(projectRoot, '.test-results', 'embedded-engine.log');
    database = await startEmbeddedDatabase({
      binary,
      dataDir,
      onLog: (line) => {
        recent.push(line);
        if (recent.length > 200) recent.shift();
      },
      onUnexpectedExit: (code, signal) => {
        // Said loudly and kept in a file; then started again on the same port and data, so the rest
        // of the run tests the product rather than failing on a refused connection.
        const report = `embedded engine stopped by itself (exit ${code}, signal ${signal}); its last lines:\n${recent.join('\n')}\n`;
        process.stderr.write(`\n!! ${report}!! restarting it on the same port; tests running at that moment may fail\n`);
        mkdirSync(path.dirname(logFile), { recursive: true });
        appendFileSync(logFile, `${new Date().toISOString()} ${report}`);
        void database?.restart().catch((error: unknown) => process.stderr.write(`!! engine restart failed: ${String(error)}\n`));
      },
    });
    uri = database.uri;
  }
  project.provide('mongoUri', uri);
  return async () => {
    await database?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
}
