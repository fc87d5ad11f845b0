import { createHash } from 'node:crypto';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from './paths.js';

export const FERRETDB_VERSION = '1.24.2';
const sourceDir = path.join(projectRoot, 'tools', 'ferretdb');
const cacheDir = path.join(projectRoot, '.cache', 'bin');

/** Thrown when the engine can be neither found nor built; its message tells the user what to do. */
export class EmbeddedDatabaseUnavailableError extends Error {}

/**
 * The binary's name carries a hash of the Go sources, so editing tools/ferretdb rebuilds it while
 * an unchanged checkout reuses the build from an earlier run (the first build takes minutes).
 */
export function ferretDbBinaryPath(): string {
  const hash = createHash('sha256');
  for (const file of ['main.go', 'go.mod', 'go.sum']) hash.update(readFileSync(path.join(sourceDir, file)));
  return path.join(cacheDir, `ferretdb-${FERRETDB_VERSION}-${hash.digest('hex').slice(0, 12)}`);
}

function goIsAvailable(goCommand: string): boolean {
  const probe = spawnSync(goCommand, ['version'], { stdio: 'ignore' });
  return probe.status === 0;
}

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
  mkdirSync(path.dirname(binary), { recursive: true });
  // Build under a unique temporary name and rename: concurrent starts never run a half-written file.
  const partial = `${binary}.${process.pid}.partial`;
  onProgress(`Building the embedded database engine (FerretDB ${FERRETDB_VERSION}); the first build takes a few minutes…`);
  await new Promise<void>((resolve, reject) => {
    const child = spawn(goCommand, ['build', '-v', '-trimpath', '-o', partial, '.'], {
      cwd: sourceDir,
      env: { ...process.env, CGO_ENABLED: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let lastLines: string[] = [];
    const collect = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        lastLines = [...lastLines.slice(-20), line];
        onProgress(`  go: ${line}`);
      }
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new EmbeddedDatabaseUnavailableError(`Building FerretDB failed (exit ${code}):\n${lastLines.join('\n')}`)),
    );
  }).catch((error) => {
    rmSync(partial, { force: true });
    throw error;
  });
  renameSync(partial, binary);
  onProgress('The embedded database engine is built and cached in .cache/bin.');
  return binary;
}
