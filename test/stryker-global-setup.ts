import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { projectRoot } from '../core/paths.js';
import { ensureFerretDbBinary, ferretDbBinaryPath } from '../store/ferretdb-binary.js';
import { startEmbeddedDatabase } from '../store/ferretdb-server.js';

/**
 * The global setup of `npm run mutate`. Stryker runs the tests in a copy of the checkout under
 * .stryker-tmp/, without .cache/ (hundreds of MB of built engines): the engine is taken from the
 * real checkout's cache instead of being rebuilt in every sandbox. The web bundle is not built:
 * the mutated modules are server code and the browser tests are not part of this run.
 */
export default async function setup(project: TestProject) {
  const sandboxed = path.basename(path.dirname(projectRoot)) === '.stryker-tmp';
  const checkoutCache = path.join(projectRoot, '..', '..', '.cache', 'bin');
  const binary = sandboxed ? path.join(checkoutCache, path.basename(ferretDbBinaryPath())) : ferretDbBinaryPath();
  await ensureFerretDbBinary((line) => process.stderr.write(`${line}\n`), { binary });
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'portal-mutate-db-'));
  const database = await startEmbeddedDatabase({ binary, dataDir });
  project.provide('mongoUri', database.uri);
  return async () => {
    await database.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
