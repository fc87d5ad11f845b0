import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EmbeddedDatabaseUnavailableError, ensureFerretDbBinary, ferretDbBinaryPath } from './ferretdb-binary.js';

describe('embedded engine binary', () => {
  it('is cached under a name that carries the FerretDB version and a hash of the Go sources', () => {
    expect(path.basename(ferretDbBinaryPath())).toMatch(/^ferretdb-1\.24\.2-[0-9a-f]{12}$/);
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
