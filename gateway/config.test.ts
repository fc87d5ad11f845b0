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

  const production = {
    NODE_ENV: 'production',
    PORTAL_SECRET_KEY: 'a-secret-key-that-is-long-enough-0123456789',
    NEXTCLOUD_URL: 'https://cloud.example.nl',
    NEXTCLOUD_USER: 'portal',
    NEXTCLOUD_APP_PASSWORD: 'xxxxx-xxxxx',
    PUBLIC_URL: 'https://portaal.example.nl',
  };

  it('refuses plain http to Nextcloud or for PUBLIC_URL in production unless explicitly allowed', () => {
    expect(parseConfig(production).allowInsecureHttp).toBe(false);
    expect(
      problemsOf({ ...production, NEXTCLOUD_URL: 'http://cloud.example.nl', PUBLIC_URL: 'http://portaal.example.nl' }),
    ).toEqual([
      'PUBLIC_URL must be https:// when NODE_ENV=production (it is http://portaal.example.nl); ' +
        'set ALLOW_INSECURE_HTTP=1 only if you accept sending passwords unencrypted',
      'NEXTCLOUD_URL must be https:// when NODE_ENV=production (it is http://cloud.example.nl); ' +
        'set ALLOW_INSECURE_HTTP=1 only if you accept sending passwords unencrypted',
    ]);
    // Without PUBLIC_URL the default http://HOST:PORT is refused too, unless HOST is loopback.
    const { PUBLIC_URL: _unset, ...withoutPublicUrl } = production;
    expect(problemsOf({ ...withoutPublicUrl, HOST: '0.0.0.0' })[0]).toMatch(/^PUBLIC_URL must be https:/);
    expect(problemsOf(withoutPublicUrl)).toEqual([]);
    expect(problemsOf({ ...production, PUBLIC_URL: 'http://localhost:4000', NEXTCLOUD_URL: 'http://127.0.0.1:8080' })).toEqual(
      [],
    );
    const allowed = parseConfig({ ...production, NEXTCLOUD_URL: 'http://cloud.example.nl', ALLOW_INSECURE_HTTP: '1' });
    expect(allowed.allowInsecureHttp).toBe(true);
    expect(parseConfig({ ...production, NODE_ENV: 'development', NEXTCLOUD_URL: 'http://cloud.example.nl' }).nextcloud?.url).toBe(
      'http://cloud.example.nl',
    );
  });

  it('reads TRUST_PROXY in Express’s syntax, loopback by default, and names a wrong entry', () => {
    expect(parseConfig({}).trustProxy).toEqual(['loopback']);
    expect(parseConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(parseConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(parseConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8,fd00::/8, 192.0.2.7' }).trustProxy).toEqual([
      'loopback',
      '10.0.0.0/8',
      'fd00::/8',
      '192.0.2.7',
    ]);
    expect(problemsOf({ TRUST_PROXY: 'loopback,proxy.internal,10.0.0.0/33' })).toEqual([
      'TRUST_PROXY: "proxy.internal", "10.0.0.0/33" is not an address, CIDR range or one of loopback, linklocal, ' +
        'uniquelocal (or use true, false or a hop count)',
    ]);
  });

  it('takes MAIL_FROM as a plain address', () => {
    expect(parseConfig({}).mailFrom).toBeNull();
    expect(parseConfig({ MAIL_FROM: 'portaal@bakker.example' }).mailFrom).toBe('portaal@bakker.example');
    expect(problemsOf({ MAIL_FROM: 'Portaal <portaal@bakker.example>' })[0]).toMatch(/MAIL_FROM must be a plain address/);
  });

  it('takes LOG_FORMAT pretty or json, and leaves the choice to the terminal when unset', () => {
    expect(parseConfig({}).logFormat).toBeNull();
    expect(parseConfig({ LOG_FORMAT: '' }).logFormat).toBeNull();
    expect(parseConfig({ LOG_FORMAT: 'json' }).logFormat).toBe('json');
    expect(parseConfig({ LOG_FORMAT: 'pretty' }).logFormat).toBe('pretty');
    expect(problemsOf({ LOG_FORMAT: 'colour' })).toEqual(['LOG_FORMAT: LOG_FORMAT must be pretty or json']);
  });

  it('takes TRUSTED_DOCUMENTS allow-raw (the default) or require-for-browsers, and names a wrong value', () => {
    expect(parseConfig({}).trustedDocuments).toBe('allow-raw');
    expect(parseConfig({ TRUSTED_DOCUMENTS: '' }).trustedDocuments).toBe('allow-raw');
    expect(parseConfig({ TRUSTED_DOCUMENTS: 'require-for-browsers' }).trustedDocuments).toBe('require-for-browsers');
    expect(problemsOf({ TRUSTED_DOCUMENTS: 'on' })).toEqual([
      'TRUSTED_DOCUMENTS: TRUSTED_DOCUMENTS must be allow-raw or require-for-browsers',
    ]);
  });
});
