import { execFile } from 'node:child_process';
import { writeFileSync, readFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureGoTool } from './core/go-tool.js';
import { projectRoot } from './core/paths.js';

const run = promisify(execFile);

/** The parts of `compose-check -json` (the normalised Compose model) the shape test reads. */
interface ComposeService {
  image?: string;
  command?: string[];
  environment: Record<string, string | undefined>;
  ports?: Array<{ published?: string; target: number }>;
  networks?: Record<string, { ipv4_address?: string } | null>;
  volumes?: Array<{ target: string }>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test?: string[] };
}
interface ComposeProject {
  services: Record<string, ComposeService>;
  networks?: Record<string, { ipam?: { config?: Array<{ subnet?: string }> } }>;
}
const productionEnv = {
  NEXTCLOUD_URL: 'https://cloud.example.nl',
  NEXTCLOUD_USER: 'portal-service',
  NEXTCLOUD_APP_PASSWORD: 'xxxxx-xxxxx-xxxxx-xxxxx-xxxxx',
  PORTAL_SECRET_KEY: 'a-secret-key-that-is-long-enough-0123456789',
};

/**
 * `docker compose config` without Docker: tools/compose-check loads the file with the
 * compose-spec loader that Docker Compose itself uses (schema validation and interpolation).
 */
describe('docker-compose.yml', () => {
  let checker: string;
  beforeAll(async () => {
    checker = await ensureGoTool({
      sourceDir: path.join(projectRoot, 'tools', 'compose-check'),
      cacheDir: path.join(projectRoot, '.cache', 'bin'),
      name: 'compose-check',
    });
  }, 300_000);

  const check = async (file: string, env: Record<string, string>, flags: string[] = []) => {
    try {
      const { stdout } = await run(checker, [...flags, '-f', file], { env: { PATH: process.env.PATH ?? '', ...env } });
      return { code: 0, output: stdout };
    } catch (error) {
      const failed = error as { code: number; stderr: string };
      return { code: failed.code, output: failed.stderr };
    }
  };

  it('validates, with MongoDB as a replica set, the gateway as a non-root image and a mail catcher', async () => {
    const { code, output } = await check(path.join(projectRoot, 'docker-compose.yml'), productionEnv);
    expect(code).toBe(0);
    expect(output).toContain('--replSet');
    expect(output).toContain('MONGODB_URI: mongodb://mongo:27017/portal?replicaSet=rs0');
    expect(output).toContain('SMTP_URL: smtp://mail:1025');
    expect(output).toContain('NODE_ENV: production');
    expect(readFileSync(path.join(projectRoot, 'Dockerfile'), 'utf8')).toMatch(/^USER node$/m);
  });

  it('has the scaled shape: two web replicas behind a proxy that alone is trusted, one worker, one database', async () => {
    const { code, output } = await check(path.join(projectRoot, 'docker-compose.yml'), productionEnv, ['-json']);
    expect(code).toBe(0);
    const project = JSON.parse(output) as ComposeProject;
    const { services } = project;
    expect(Object.keys(services).sort()).toEqual(['gateway-a', 'gateway-b', 'mail', 'mongo', 'proxy', 'worker']);

    const gateways = ['gateway-a', 'gateway-b', 'worker'].map((name) => services[name]!);
    // One portal: every process on the same replica set, with the same key and settings.
    const shared = ['MONGODB_URI', 'PORTAL_SECRET_KEY', 'PUBLIC_URL', 'NEXTCLOUD_URL', 'SMTP_URL'];
    for (const name of shared) expect(new Set(gateways.map((g) => g.environment[name])).size).toBe(1);
    expect(services.worker!.environment.MONGODB_URI).toBe('mongodb://mongo:27017/portal?replicaSet=rs0');
    expect(services.worker!.environment.PORTAL_SECRET_KEY).toBe(productionEnv.PORTAL_SECRET_KEY);

    // Exactly one process runs jobs; the web replicas run none and publish no port of their own.
    expect(gateways.map((g) => g.environment.JOBS)).toEqual(['off', 'off', 'on']);
    for (const g of gateways) expect(g.ports ?? []).toEqual([]);

    // The proxy reaches both web replicas (not the worker) and is the only hop they trust.
    const caddyfile = readFileSync(path.join(projectRoot, 'deploy', 'Caddyfile'), 'utf8');
    expect(caddyfile).toMatch(/reverse_proxy gateway-a:4000 gateway-b:4000/);
    expect(caddyfile).not.toContain('worker');
    const proxyAddress = services.proxy!.networks?.edge?.ipv4_address;
    expect(proxyAddress).toMatch(/^172\.28\.0\.\d+$/);
    for (const name of ['gateway-a', 'gateway-b']) {
      expect(services[name]!.environment.TRUST_PROXY).toBe(proxyAddress);
      expect(Object.keys(services[name]!.networks ?? {})).toContain('edge');
    }
    expect(Object.keys(services.worker!.networks ?? {})).not.toContain('edge');
    expect(services.proxy!.volumes?.map((v) => v.target)).toContain('/etc/caddy/Caddyfile');
    expect(services.proxy!.ports?.map((p) => p.published)).toEqual(['8080']);
    expect(project.networks?.edge?.ipam?.config?.[0]?.subnet).toBe('172.28.0.0/24');

    // MongoDB as a replica set that initiates itself, and everything waits until it is healthy.
    expect(services.mongo!.command).toEqual(['--replSet', 'rs0', '--bind_ip_all']);
    expect(services.mongo!.healthcheck?.test?.join(' ')).toContain('rs.initiate');
    for (const g of gateways) expect(g.depends_on?.mongo?.condition).toBe('service_healthy');
    expect(services.mail!.image).toMatch(/mailpit/);
  });

  it('refuses to start production without the Nextcloud and secret settings', async () => {
    const { code, output } = await check(path.join(projectRoot, 'docker-compose.yml'), {});
    expect(code).not.toBe(0);
    expect(output).toMatch(/required variable \w+ is missing a value/);
  });

  it('catches an invalid file (the checker is not a rubber stamp)', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'compose-'));
    try {
      const broken = readFileSync(path.join(projectRoot, 'docker-compose.yml'), 'utf8').replace(
        'service_healthy',
        'service_ready',
      );
      writeFileSync(path.join(dir, 'docker-compose.yml'), broken);
      const { code, output } = await check(path.join(dir, 'docker-compose.yml'), productionEnv);
      expect(code).not.toBe(0);
      expect(output).toContain('condition must be one of');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
