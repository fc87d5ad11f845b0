import { execFile } from 'node:child_process';
import { writeFileSync, readFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureGoTool } from './core/go-tool.js';
import { projectRoot } from './core/paths.js';

const run = promisify(execFile);
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

  const check = async (file: string, env: Record<string, string>) => {
    try {
      const { stdout } = await run(checker, ['-f', file], { env: { PATH: process.env.PATH ?? '', ...env } });
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
