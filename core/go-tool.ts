import { createHash } from 'node:crypto';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';

/**
 * Builds the project's small Go programs (tools/<name>) into .cache/bin once per machine. The
 * binary's name carries a hash of the sources, so editing them rebuilds while an unchanged
 * checkout reuses the earlier build.
 */
export interface GoToolOptions {
  sourceDir: string;
  cacheDir: string;
  /** Base of the binary's file name, e.g. "ferretdb-1.24.2". */
  name: string;
  goCommand?: string;
  onProgress?: (line: string) => void;
}

export class GoMissingError extends Error {}

/** Every file `go build` reads from the tool's folder: its Go sources (any number), go.mod and go.sum. */
export function goToolSourceFiles(sourceDir: string): string[] {
  const goFiles = readdirSync(sourceDir)
    .filter((file) => file.endsWith('.go'))
    .sort();
  return [...goFiles, 'go.mod', 'go.sum'];
}

export function goToolBinaryPath({ sourceDir, cacheDir, name }: Pick<GoToolOptions, 'sourceDir' | 'cacheDir' | 'name'>): string {
  const hash = createHash('sha256');
  // Each file's name and length go in before its bytes, so moving code between files or renaming
  // one also yields a new binary name.
  for (const file of goToolSourceFiles(sourceDir)) {
    const content = readFileSync(path.join(sourceDir, file));
    hash.update(`${file}\0${content.length}\0`).update(content);
  }
  return path.join(cacheDir, `${name}-${hash.digest('hex').slice(0, 12)}`);
}

export function goIsAvailable(goCommand = 'go'): boolean {
  return spawnSync(goCommand, ['version'], { stdio: 'ignore' }).status === 0;
}

/** Builds `binary` from `sourceDir`, streaming Go's progress lines; concurrent builds never clash. */
export async function buildGoTool(binary: string, options: GoToolOptions): Promise<void> {
  const goCommand = options.goCommand ?? 'go';
  if (!goIsAvailable(goCommand)) throw new GoMissingError(`Go is not installed (no "${goCommand}" command).`);
  mkdirSync(path.dirname(binary), { recursive: true });
  // Build under a unique temporary name and rename, so a concurrent start never runs a half-written file.
  const partial = `${binary}.${process.pid}.partial`;
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn(goCommand, ['build', '-v', '-trimpath', '-o', partial, '.'], {
        cwd: options.sourceDir,
        env: { ...process.env, CGO_ENABLED: '0' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let lastLines: string[] = [];
      const collect = (chunk: Buffer) => {
        for (const line of chunk.toString().split('\n').filter(Boolean)) {
          lastLines = [...lastLines.slice(-20), line];
          options.onProgress?.(`  go: ${line}`);
        }
      };
      child.stdout.on('data', collect);
      child.stderr.on('data', collect);
      child.on('error', reject);
      child.on('exit', (code) =>
        code === 0 ? resolve() : reject(new Error(`go build of ${options.name} failed (exit ${code}):\n${lastLines.join('\n')}`)),
      );
    });
    renameSync(partial, binary);
  } finally {
    rmSync(partial, { force: true });
  }
}

/** The cached binary, built first when missing. */
export async function ensureGoTool(options: GoToolOptions): Promise<string> {
  const binary = goToolBinaryPath(options);
  if (!existsSync(binary)) await buildGoTool(binary, options);
  return binary;
}
