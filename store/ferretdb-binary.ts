import { existsSync } from 'node:fs';
import path from 'node:path';
import { buildGoTool, goIsAvailable, goToolBinaryPath } from '../core/go-tool.js';
import { projectRoot } from './paths.js';

export const FERRETDB_VERSION = '1.24.2';
const sourceDir = path.join(projectRoot, 'tools', 'ferretdb');
const cacheDir = path.join(projectRoot, '.cache', 'bin');
const name = `ferretdb-${FERRETDB_VERSION}`;

/** Thrown when the engine can be neither found nor built; its message tells the user what to do. */
export class EmbeddedDatabaseUnavailableError extends Error {}

export const ferretDbBinaryPath = (): string => goToolBinaryPath({ sourceDir, cacheDir, name });

export interface BinaryOptions {
  /** Where the binary is (or will be built); defaults to the hashed name in .cache/bin. */
  binary?: string;
  /** The Go command; tests point it at something missing. */
  goCommand?: string;
}

/**
 * Returns the path of a runnable embedded FerretDB, building it with Go when it is missing.
 * `onProgress` receives the build's lines so a first start does not look hung.
 */
export async function ensureFerretDbBinary(
  onProgress: (line: string) => void = () => {},
  { binary = ferretDbBinaryPath(), goCommand = 'go' }: BinaryOptions = {},
): Promise<string> {
  if (existsSync(binary)) return binary;
  if (!goIsAvailable(goCommand)) {
    throw new EmbeddedDatabaseUnavailableError(
      'No database: MONGODB_URI is not set and Go is not installed, so the embedded FerretDB engine cannot be built. ' +
        'Either install Go 1.24 or newer (https://go.dev/dl/) and start again, ' +
        'or run MongoDB (for example `docker compose up -d mongo`) and set MONGODB_URI=mongodb://127.0.0.1:27017/portal.',
    );
  }
  onProgress(`Building the embedded database engine (FerretDB ${FERRETDB_VERSION}); the first build takes a few minutes…`);
  try {
    await buildGoTool(binary, { sourceDir, cacheDir, name, goCommand, onProgress });
  } catch (error) {
    throw new EmbeddedDatabaseUnavailableError(error instanceof Error ? error.message : String(error));
  }
  onProgress('The embedded database engine is built and cached in .cache/bin.');
  return binary;
}
