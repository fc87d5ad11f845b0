import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config.js';

const problemsOf = (env: Record<string, string>) => {
  try {
    parseConfig(env);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
};

describe('configuration', () => {
  it('has working defaults for a demo start', () => {
    const config = parseConfig({});
    expect(config).toMatchObject({
      port: 4000,
      host: '127.0.0.1',
      publicUrl: 'http://127.0.0.1:4000',
      mongodbUri: null,
      nextcloud: null,
      defaultTenant: 'demo',
      smtpUrl: null,
      nodeEnv: 'development',
    });
    expect(config.dataDir).toBe(path.resolve('.data'));
  });

  it('treats empty variables as unset', () => {
    expect(parseConfig({ MONGODB_URI: '', SMTP_URL: '  ' })).toMatchObject({ mongodbUri: null, smtpUrl: null });
  });

  it('reads a real Nextcloud and defaults the tenant to "default"', () => {
    const config = parseConfig({
      NEXTCLOUD_URL: 'https://cloud.example.nl/',
      NEXTCLOUD_USER: 'portal',
      NEXTCLOUD_APP_PASSWORD: 'xxxxx-xxxxx',
    });
    expect(config.nextcloud).toEqual({ url: 'https://cloud.example.nl', user: 'portal', appPassword: 'xxxxx-xxxxx' });
    expect(config.defaultTenant).toBe('default');
  });

  it('lists every problem in one error', () => {
    const problems = problemsOf({
      PORT: 'eighty',
      MONGODB_URI: 'postgres://nope',
      LOG_LEVEL: 'loud',
      PUBLIC_URL: 'ftp://x',
    });
    expect(problems).toHaveLength(4);
    expect(problems.join('\n')).toMatch(/PORT/);
    expect(problems.join('\n')).toMatch(/MONGODB_URI must start with mongodb/);
    expect(problems.join('\n')).toMatch(/LOG_LEVEL/);
    expect(problems.join('\n')).toMatch(/PUBLIC_URL must be an http/);
  });

  it('requires Nextcloud credentials together with the URL', () => {
    expect(problemsOf({ NEXTCLOUD_URL: 'https://cloud.example.nl' })).toEqual([
      'NEXTCLOUD_USER and NEXTCLOUD_APP_PASSWORD are required when NEXTCLOUD_URL is set',
    ]);
    expect(problemsOf({ NEXTCLOUD_USER: 'portal' })).toHaveLength(1);
  });

  it('requires a strong secret key and a real Nextcloud in production', () => {
    const problems = problemsOf({ NODE_ENV: 'production' });
    expect(problems).toContain('PORTAL_SECRET_KEY is required when NODE_ENV=production');
    expect(problems.some((p) => p.startsWith('NEXTCLOUD_URL is required'))).toBe(true);
    expect(problemsOf({ PORTAL_SECRET_KEY: 'short' })[0]).toMatch(/at least 32 characters/);
  });

  it('never echoes a secret value in its messages', () => {
    const error = (() => {
      try {
        parseConfig({ PORTAL_SECRET_KEY: 'hunter2-but-too-short', NEXTCLOUD_APP_PASSWORD: 'app-secret-value' });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error?.message).not.toContain('hunter2');
    expect(error?.message).not.toContain('app-secret-value');
  });
});
