import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenantDirectory } from '../domain/tenants/tenant-directory.js';
import { tenantModel, type TenantDocument } from '../domain/tenants/tenant.model.js';
import { DEMO, startSimulator, type Simulator } from '../nextcloud/simulator/index.js';
import { projectRoot } from '../core/paths.js';
import { testMongoUri, useTestDatabase } from '../test/db.js';
import { parseConfig, type Config } from './config.js';
import { loadSecretKey } from './secret-key.js';
import { parseTenantCommand, runTenantCommand, type TenantCommand } from './tenant-cli.js';

const SERVICE = DEMO.users.service;

describe('parseTenantCommand', () => {
  it('reads add with repeated --schema options', () => {
    const parsed = parseTenantCommand([
      'add',
      '--id',
      'bakker',
      '--nextcloud-url',
      'https://cloud.bakker.nl/',
      '--login',
      'portal-service',
      '--app-password',
      'a-b-c',
      '--schema',
      'client=klant',
      '--schema',
      'posTransaction=factuur',
      '--time-zone',
      'Europe/Brussels',
    ]);
    expect(parsed).toEqual({
      ok: true,
      command: {
        action: 'add',
        id: 'bakker',
        nextcloud: {
          baseUrl: 'https://cloud.bakker.nl',
          loginName: 'portal-service',
          appPassword: 'a-b-c',
          register: undefined,
          schemas: { client: 'klant', posTransaction: 'factuur' },
        },
        timeZone: 'Europe/Brussels',
      },
    });
  });

  it('reports every problem at once', () => {
    expect(
      parseTenantCommand([
        'add',
        '--id',
        'Bad_Id',
        '--nextcloud-url',
        'ftp://x',
        '--schema',
        'client',
        '--time-zone',
        'Mars/Olympus',
      ]),
    ).toEqual({
      ok: false,
      problems: [
        '--id "Bad_Id" must be lower-case letters, digits and dashes (at most 63)',
        '--login is required',
        '--app-password is required',
        '--nextcloud-url must be an http(s) URL',
        '--schema "client" must look like RESOURCE=SCHEMA, e.g. client=client',
        '--time-zone "Mars/Olympus" is not a time zone (e.g. Europe/Amsterdam)',
      ],
    });
    expect(parseTenantCommand(['update', '--id', 'bakker'])).toEqual({
      ok: false,
      problems: ['update needs at least one setting to change'],
    });
    expect(parseTenantCommand(['add', '--idd', 'x'])).toMatchObject({
      ok: false,
      problems: [expect.stringContaining("Unknown option '--idd'")],
    });
    expect(parseTenantCommand(['remove'])).toEqual({ ok: false, problems: [] });
  });
});

describe('portal tenant add | update | list', () => {
  const db = useTestDatabase();
  let simulator: Simulator;
  let dataDir: string;
  let config: Config;
  let nextcloudUrl: string;
  const output = { out: '', err: '' };

  beforeAll(async () => {
    simulator = await startSimulator();
    nextcloudUrl = simulator.instance('demo').url;
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'portal-cli-'));
    config = parseConfig({ MONGODB_URI: testMongoUri(), DATA_DIR: dataDir, NODE_ENV: 'test', LOG_LEVEL: 'silent' });
  });
  afterAll(async () => {
    await simulator?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function run(args: string[], stdin = ''): Promise<number> {
    output.out = '';
    output.err = '';
    const parsed = parseTenantCommand(args);
    if (!parsed.ok) throw new Error(parsed.problems.join('; '));
    return runTenantCommand(parsed.command as TenantCommand, {
      connection: db(),
      config,
      out: { write: (text: string) => (output.out += text) },
      err: { write: (text: string) => (output.err += text) },
      readStdin: async () => stdin,
    });
  }
  const stored = (id: string) => tenantModel(db()).findById(id).lean<TenantDocument>();
  const add = (id: string, password: string, extra: string[] = []) =>
    run(['add', '--id', id, '--nextcloud-url', nextcloudUrl, '--login', SERVICE.login, '--app-password', password, ...extra]);

  it('saves nothing when Nextcloud rejects the app password, and says why', async () => {
    expect(await add('acme', 'not-the-app-password')).toBe(1);
    expect(output.err).toBe(
      `Nextcloud check failed for ${SERVICE.login} at ${nextcloudUrl}: Nextcloud rejected the service account '${SERVICE.login}' ` +
        '(wrong login name or app password, or not an app password).\nNothing was saved.\n',
    );
    expect(await stored('acme')).toBeNull();
  });

  it('saves nothing when Nextcloud cannot be reached or a schema does not exist', async () => {
    expect(
      await run(['add', '--id', 'acme', '--nextcloud-url', 'http://127.0.0.1:9', '--login', 'x', '--app-password', 'y']),
    ).toBe(1);
    expect(output.err).toContain('Nextcloud at http://127.0.0.1:9 could not be reached or answered with an error');
    expect(await add('acme', SERVICE.appPassword, ['--schema', 'client=no-such-schema'])).toBe(1);
    expect(output.err).toMatch(/no-such-schema/);
    expect(await stored('acme')).toBeNull();
  });

  it('adds a tenant after a live check, with the app password encrypted at rest', async () => {
    expect(await add('acme', SERVICE.appPassword, ['--time-zone', 'Europe/Brussels'])).toBe(0);
    expect(output.out).toMatch(new RegExp(`^Tenant "acme" added: Nextcloud ${nextcloudUrl} as ${SERVICE.login}`));
    const doc = await stored('acme');
    expect(doc?.portal ?? null).toBeNull();
    expect(doc).toMatchObject({
      timeZone: 'Europe/Brussels',
      nextcloud: { baseUrl: nextcloudUrl, loginName: SERVICE.login, register: 'pipelinq' },
    });
    expect(JSON.stringify(doc)).not.toContain(SERVICE.appPassword);
    // The gateway, with the same secret key, can open it.
    const directory = createTenantDirectory(db(), loadSecretKey(config));
    await directory.refresh();
    expect(directory.appPasswordOf('acme')).toBe(SERVICE.appPassword);

    expect(await add('acme', SERVICE.appPassword)).toBe(1);
    expect(output.err).toContain('Tenant "acme" already exists');
  });

  it('lists tenants without any secret', async () => {
    expect(await run(['list'])).toBe(0);
    expect(output.out).toMatch(/^ID\s+NEXTCLOUD\s+LOGIN\s+REGISTER\s+TIME ZONE\s+PORTAL\s+DOMAIN\n/);
    expect(output.out).toMatch(
      new RegExp(`acme\\s+${nextcloudUrl}\\s+${SERVICE.login}\\s+pipelinq\\s+Europe/Brussels\\s+defaults\\s+-`),
    );
    expect(await run(['list', '--json'])).toBe(0);
    const listed = JSON.parse(output.out) as Array<Record<string, unknown>>;
    expect(listed.find((t) => t.id === 'acme')).toMatchObject({
      login: SERVICE.login,
      configured: false,
      // Only explicit choices are stored; the rest is found as Pipelinq finds it (its settings, its slugs).
      schemas: {},
    });
    expect(output.out).not.toMatch(/appPassword|Sealed|v1:/);
  });

  it('updates a tenant, re-checking Nextcloud only when its settings change', async () => {
    const before = await stored('acme');
    expect(await run(['update', '--id', 'acme', '--app-password', 'wrong'])).toBe(1);
    expect(output.err).toContain('Nothing was saved.');
    expect((await stored('acme'))!.nextcloud.appPasswordSealed).toBe(before!.nextcloud.appPasswordSealed);

    // A time zone change needs no Nextcloud: it works while Nextcloud is down.
    simulator.instance('demo').setFaults({ down: true });
    try {
      expect(await run(['update', '--id', 'acme', '--time-zone', 'Europe/Amsterdam'])).toBe(0);
    } finally {
      simulator.instance('demo').resetFaults();
    }
    expect(output.out).toBe('Tenant "acme" updated.\n');
    expect(await stored('acme')).toMatchObject({ timeZone: 'Europe/Amsterdam', nextcloud: { loginName: SERVICE.login } });

    expect(await run(['update', '--id', 'acme', '--app-password', '-'], `${SERVICE.appPassword}\n`)).toBe(0);
    expect(output.out).toContain('checked');
    expect(await run(['update', '--id', 'nobody', '--time-zone', 'UTC'])).toBe(1);
    expect(output.err).toContain('There is no tenant "nobody"');
  });

  it('stores a checked field-mapping override and refuses a wrong one, saving nothing', async () => {
    const file = (name: string, content: string) => {
      const target = path.join(dataDir, name);
      writeFileSync(target, content);
      return target;
    };
    const good = file('mapping.json', JSON.stringify({ invoice: { fields: { number: ['reference'] } } }));
    expect(await run(['update', '--id', 'acme', '--field-mapping', good])).toBe(0);
    expect((await stored('acme'))!.nextcloud.fieldMapping).toEqual({ invoice: { fields: { number: ['reference'] } } });

    const bad = file('bad.json', JSON.stringify({ invoices: {}, invoice: { fields: { number: 'reference' } } }));
    expect(await run(['update', '--id', 'acme', '--field-mapping', bad])).toBe(1);
    expect(output.err).toBe(
      '--field-mapping: invoices is not a field-mapping setting\n' +
        '--field-mapping: invoice.fields.number must be a list of property names\nNothing was saved.\n',
    );
    expect(await run(['update', '--id', 'acme', '--field-mapping', file('broken.json', '{ nope')])).toBe(1);
    expect(output.err).toMatch(/^--field-mapping: cannot read .*broken\.json as JSON/);
    expect((await stored('acme'))!.nextcloud.fieldMapping).toEqual({ invoice: { fields: { number: ['reference'] } } });

    expect(await run(['update', '--id', 'acme', '--field-mapping', file('reset.json', '{}')])).toBe(0);
    expect((await stored('acme'))!.nextcloud.fieldMapping).toBeNull();
  });

  it('is wired into `npx portal`', () => {
    const env = {
      ...process.env,
      MONGODB_URI: `${testMongoUri()}/${db().name}`,
      DATA_DIR: dataDir,
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
    };
    const list = spawnSync(process.execPath, [path.join(projectRoot, 'bin', 'portal.js'), 'tenant', 'list'], {
      env,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(list.stderr).toBe('');
    expect(list.status).toBe(0);
    expect(list.stdout).toMatch(/^acme\s/m);
    const bad = spawnSync(process.execPath, [path.join(projectRoot, 'bin', 'portal.js'), 'tenant', 'add', '--id', 'x'], {
      env,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--nextcloud-url is required');
  });
});
