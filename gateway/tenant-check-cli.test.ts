import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startSimulator, type Simulator } from '../nextcloud/simulator/index.js';
import { projectRoot } from '../core/paths.js';
import { testMongoUri, useTestDatabase } from '../test/db.js';
import { parseConfig, type Config } from './config.js';
import { parseTenantCommand, runTenantCommand, type TenantCommand } from './tenant-cli.js';

const SERVICE = DEMO.users.service;

describe('parseTenantCommand check', () => {
  it('needs --id, takes --json and nothing else', () => {
    expect(parseTenantCommand(['check', '--id', 'demo', '--json'])).toEqual({
      ok: true,
      command: { action: 'check', id: 'demo', json: true },
    });
    expect(parseTenantCommand(['check'])).toEqual({ ok: false, problems: ['--id is required'] });
    expect(parseTenantCommand(['check', '--id', 'demo', '--login', 'x'])).toEqual({
      ok: false,
      problems: ['check does not take --login'],
    });
  });
});

describe('portal tenant check', () => {
  const db = useTestDatabase();
  let simulator: Simulator;
  let dataDir: string;
  let config: Config;
  const output = { out: '', err: '' };

  beforeAll(async () => {
    simulator = await startSimulator();
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'portal-check-'));
    config = parseConfig({ MONGODB_URI: testMongoUri(), DATA_DIR: dataDir, NODE_ENV: 'test', LOG_LEVEL: 'silent' });
    for (const id of ['demo', 'other']) {
      const url = simulator.instance(id).url;
      const args = ['add', '--id', id, '--nextcloud-url', url, '--login', SERVICE.login, '--app-password', SERVICE.appPassword];
      expect(await run(args)).toBe(0);
    }
  });
  afterAll(async () => {
    await simulator?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function run(args: string[]): Promise<number> {
    output.out = '';
    output.err = '';
    const parsed = parseTenantCommand(args);
    if (!parsed.ok) throw new Error(parsed.problems.join('; '));
    return runTenantCommand(parsed.command as TenantCommand, {
      connection: db(),
      config,
      out: { write: (text: string) => (output.out += text) },
      err: { write: (text: string) => (output.err += text) },
    });
  }
  const mappingFile = (name: string, mapping: unknown) => {
    const file = path.join(dataDir, name);
    writeFileSync(file, JSON.stringify(mapping));
    return file;
  };

  it('exits 0 on the demo tenants and says what it found', async () => {
    for (const id of ['demo', 'other']) {
      expect(await run(['check', '--id', id]), output.out).toBe(0);
      expect(output.out).toContain(`Tenant "${id}": Nextcloud ${simulator.instance(id).url}`);
      expect(output.out).toMatch(/Credentials {2}ok, signed in as portal-service/);
      expect(output.out).toMatch(/posTransaction\s+found via/);
      expect(output.out).toMatch(/invoice\s+\d+ in posTransaction, \d+ for the sampled clients/);
      expect(output.out).toMatch(/\nOK: every enabled feature can show data/);
      expect(output.out).not.toContain('ERROR');
    }
    // demo's register has no request-category catalogue: fine.
    expect(await run(['check', '--id', 'demo'])).toBe(0);
    expect(output.out).toMatch(/requestCategory\s+not configured \(optional, fine\)/);
  });

  it('exits 1 on a mapping that names a missing property, and prints the fix and the whole file', async () => {
    const file = mappingFile('bad.json', { invoice: { fields: { amount: ['grandTotal'], number: ['reference'] } } });
    expect(await run(['update', '--id', 'demo', '--field-mapping', file])).toBe(0);
    expect(await run(['check', '--id', 'demo'])).toBe(1);
    expect(output.out).toContain(
      'ERROR invoice: invoice.fields.amount names "grandTotal", which the posTransaction schema does not have',
    );
    expect(output.out).toContain('Fix: portal tenant update --id demo --field-mapping FILE');
    expect(output.out).toContain('with {"invoice":{"fields":{"amount":["total"]}}}');
    // The combined file keeps the operator's other override.
    const combined = output.out.slice(output.out.indexOf('All field-mapping fixes'));
    const json = JSON.parse(combined.slice(combined.indexOf('{'), combined.lastIndexOf('}') + 1)) as unknown;
    expect(json).toEqual({ invoice: { fields: { amount: ['total'], number: ['reference'] } } });
    expect(output.out).toMatch(/\nNOT OK: 1 problem keeps enabled features from showing data\.\n$/);

    // Applying the printed file makes the check pass.
    expect(await run(['update', '--id', 'demo', '--field-mapping', mappingFile('fixed.json', json)])).toBe(0);
    expect(await run(['check', '--id', 'demo'])).toBe(0);
    expect(await run(['update', '--id', 'demo', '--field-mapping', mappingFile('reset.json', {})])).toBe(0);
  });

  it('exits 1 on an owner field that does not exist, proposing the property that holds client ids', async () => {
    const file = mappingFile('owner.json', { contract: { owner: { client: 'klant' } } });
    expect(await run(['update', '--id', 'other', '--field-mapping', file])).toBe(0);
    try {
      expect(await run(['check', '--id', 'other'])).toBe(1);
      expect(output.out).toContain('contract.owner.client names "klant"');
      expect(output.out).toContain('with {"contract":{"owner":{"client":"clientRef"}}}');
    } finally {
      expect(await run(['update', '--id', 'other', '--field-mapping', mappingFile('reset.json', {})])).toBe(0);
    }
  });

  it('exits 1 naming the credentials when the app password was revoked, and prints JSON with --json', async () => {
    const user = simulator.instance('other').data.users.find((u) => u.id === SERVICE.login)!;
    user.appPassword = 'revoked-and-replaced';
    try {
      expect(await run(['check', '--id', 'other'])).toBe(1);
      expect(output.out).toMatch(/Credentials {2}NOT OK for portal-service/);
      expect(output.out).toContain(`ERROR Nextcloud rejected the service account '${SERVICE.login}'`);
      expect(output.out).toContain('Fix: portal tenant update --id other --login LOGIN --app-password -');
      expect(output.out).not.toContain(SERVICE.appPassword);
      expect(await run(['check', '--id', 'other', '--json'])).toBe(1);
      const report = JSON.parse(output.out) as { ok: boolean; credentials: { ok: boolean }; problems: Array<{ area: string }> };
      expect(report).toMatchObject({ ok: false, credentials: { ok: false } });
      expect(report.problems.map((p) => p.area)).toEqual(['credentials']);
    } finally {
      user.appPassword = SERVICE.appPassword;
    }
  });

  it('refuses an unknown tenant', async () => {
    expect(await run(['check', '--id', 'nobody'])).toBe(1);
    expect(output.err).toContain('There is no tenant "nobody"');
  });

  it('is wired into `npx portal` with exit codes 0 and 2', async () => {
    const env = {
      ...process.env,
      MONGODB_URI: `${testMongoUri()}/${db().name}`,
      DATA_DIR: dataDir,
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
    };
    // Asynchronously: the simulator answering the child's calls runs in this process.
    const portal = (...args: string[]) =>
      new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
        execFile(
          process.execPath,
          [path.join(projectRoot, 'bin', 'portal.js'), 'tenant', ...args],
          { env, encoding: 'utf8', timeout: 60_000 },
          (error, stdout, stderr) =>
            resolve({ status: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr }),
        );
      });
    const ok = await portal('check', '--id', 'demo', '--json');
    expect(ok.stderr).toBe('');
    expect(ok.status, ok.stdout.slice(0, 3000)).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ tenantId: 'demo', ok: true });
    const bad = await portal('check');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--id is required');
  }, 60_000);
});
