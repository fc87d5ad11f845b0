import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { goToolBinaryPath, goToolSourceFiles } from '../core/go-tool.js';
import { projectRoot } from './paths.js';
import { EmbeddedDatabaseUnavailableError, ensureFerretDbBinary, ferretDbBinaryPath } from './ferretdb-binary.js';

describe('embedded engine binary', () => {
  it('is cached under a name that carries the FerretDB version and a hash of the Go sources', () => {
    expect(path.basename(ferretDbBinaryPath())).toMatch(/^ferretdb-1\.24\.2-[0-9a-f]{12}$/);
  });

  it('gets a new name, so a rebuild, when any of its Go sources changes, not only main.go', () => {
    const sourceDir = mkdtempSync(path.join(os.tmpdir(), 'go-tool-hash-'));
    try {
      for (const file of ['main.go', 'go.mod', 'go.sum']) {
        copyFileSync(path.join(projectRoot, 'tools', 'ferretdb', file), path.join(sourceDir, file));
      }
      const nameNow = () => goToolBinaryPath({ sourceDir, cacheDir: '/cache', name: 'tool' });
      const names = [nameNow()];
      writeFileSync(path.join(sourceDir, 'extra.go'), 'package main\n');
      names.push(nameNow());
      writeFileSync(path.join(sourceDir, 'extra.go'), 'package main\n\n// changed\n');
      names.push(nameNow());
      writeFileSync(path.join(sourceDir, 'notes.txt'), 'not read by go build');
      expect(nameNow()).toBe(names[2]);
      expect(new Set(names).size).toBe(3);
    } finally {
      rmSync(sourceDir, { recursive: true, force: true });
    }
  });

  it('hashes the index keeper and every other Go file of tools/ferretdb', () => {
    expect(goToolSourceFiles(path.join(projectRoot, 'tools', 'ferretdb'))).toEqual(
      expect.arrayContaining(['main.go', 'idindex.go', 'query.go', 'go.mod', 'go.sum']),
    );
  });

  it('reuses the cached build without calling Go', async () => {
    const built = await ensureFerretDbBinary();
    await expect(ensureFerretDbBinary(() => {}, { binary: built, goCommand: 'no-such-go-command' })).resolves.toBe(built);
  });

  it('stops with one message naming both ways out when it is missing and Go is not installed', async () => {
    const missing = path.join(os.tmpdir(), `no-ferretdb-${process.pid}`, 'ferretdb');
    const attempt = ensureFerretDbBinary(() => {}, { binary: missing, goCommand: 'no-such-go-command' });
    await expect(attempt).rejects.toBeInstanceOf(EmbeddedDatabaseUnavailableError);
    await expect(attempt).rejects.toThrow(/install Go.*MONGODB_URI|MONGODB_URI.*install Go/s);
    await expect(attempt).rejects.toThrow(/docker compose up -d mongo/);
  });
});
