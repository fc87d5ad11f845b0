import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { AUDIT_COLLECTION, AuditService, auditClientHashKey } from '../domain/audit/index.js';
import { initModels } from '../store/connection.js';
import { projectRoot } from '../core/paths.js';
import { testMongoUri, useTestDatabase } from '../test/db.js';
import { parseFlags } from './cli.js';

const run = promisify(execFile);

/** Runs `portal …` as a user would, against the test database; resolves with code and output. */
async function portal(args: string[], env: Record<string, string>) {
  try {
    const { stdout, stderr } = await run(process.execPath, [path.join(projectRoot, 'bin', 'portal.js'), ...args], {
      cwd: projectRoot,
      env: { ...process.env, LOG_LEVEL: 'silent', ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('portal command line', () => {
  const db = useTestDatabase();

  it('parses --flag value, --flag=value and bare flags', () => {
    expect(parseFlags(['--tenant', 'demo', '--dry-run', '--x=1'])).toEqual({ tenant: 'demo', 'dry-run': true, x: '1' });
  });

  it('audit verify exits 0 on an intact chain and 1 with the broken seq after tampering', async () => {
    const audit = new AuditService({
      connection: db(),
      clientHashKey: auditClientHashKey('cli-test-secret-0123456789abcdef0123'),
    });
    await initModels(db());
    for (let i = 0; i < 3; i++) await audit.append({ tenantId: 'demo', type: 'logout', actor: `staff:t${i}` });
    const env = { MONGODB_URI: `${testMongoUri()}/${db().name}` };

    const intact = await portal(['audit', 'verify', '--tenant', 'demo'], env);
    expect(intact.stdout).toContain('intact: 3 events checked');
    expect(intact.code).toBe(0);

    await db()
      .db!.collection(AUDIT_COLLECTION)
      .updateOne({ tenantId: 'demo', seq: 2 }, { $set: { actor: 'staff:mallory' } });
    const broken = await portal(['audit', 'verify', '--tenant', 'demo'], env);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain('BROKEN at seq 2');
  }, 60_000);

  it('reports configuration problems and usage with exit code 2', async () => {
    const bad = await portal(['audit', 'verify', '--tenant', 'demo'], { MONGODB_URI: 'postgres://x' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('MONGODB_URI must start with mongodb://');
    const unknown = await portal(['frobnicate'], {});
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Usage: portal');
  }, 60_000);
});
