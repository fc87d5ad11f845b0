import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { createLogger } from '../core/logger.js';
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
    database = await startEmbeddedDatabase({ binary, dataDir });
    uri = database.uri;
  }
  project.provide('mongoUri', uri);
  return async () => {
    await database?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
}
