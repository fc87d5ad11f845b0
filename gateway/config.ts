import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';

/**
 * The gateway's whole configuration, parsed once from the environment. Nothing else reads
 * `process.env`. Every problem is reported at once so an operator fixes them in one go.
 */
export interface Config {
  port: number;
  host: string;
  publicUrl: string;
  mongodbUri: string | null;
  dataDir: string;
  nextcloud: { url: string; user: string; appPassword: string } | null;
  /** From PORTAL_SECRET_KEY; null means "generate one and keep it in DATA_DIR" (never in production). */
  secretKey: string | null;
  smtpUrl: string | null;
  defaultTenant: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** LOG_FORMAT=pretty|json; null (unset): pretty lines on a terminal, pino's JSON lines otherwise. */
  logFormat: 'pretty' | 'json' | null;
  /** API requests per client address and minute before RATE_LIMITED (all replicas on the database together). */
  requestsPerMinute: number;
  /** Nextcloud calls one GraphQL request may need (UPSTREAM_CALLS_PER_REQUEST, default 20). */
  upstreamCallsPerRequest: number;
  /** One principal's Nextcloud calls in flight at once (UPSTREAM_CONCURRENCY_PER_PRINCIPAL, default 6). */
  upstreamConcurrencyPerPrincipal: number;
  nodeEnv: 'production' | 'development' | 'test';
  /** Express's `trust proxy` setting (TRUST_PROXY): which hops may set X-Forwarded-For/-Proto/-Host. */
  trustProxy: boolean | number | string[];
  /** MAIL_FROM: the sender address when a tenant names none; null = no-reply@<PUBLIC_URL's host>. */
  mailFrom: string | null;
  /** ALLOW_INSECURE_HTTP=1: production may use http:// for PUBLIC_URL and NEXTCLOUD_URL. */
  allowInsecureHttp: boolean;
  /** JOBS=on|off: whether this process runs the job worker (off: a web replica beside a dedicated worker). */
  jobs: boolean;
  /**
   * TRUSTED_DOCUMENTS=allow-raw|require-for-browsers (gateway/trusted-documents-gate.ts): whether
   * callers without a Bearer token may send documents other than the web app's. Default allow-raw.
   */
  trustedDocuments: TrustedDocumentsMode;
}

/**
 * TRUSTED_DOCUMENTS: `allow-raw` (default) answers trusted hashes and any document text;
 * `require-for-browsers` answers document text outside the web app's trusted list only for
 * callers that proved a Bearer token (partner systems, staff scripts: the GraphQL API). Everyone
 * else — cookie sessions and anonymous callers alike — may send only the web app's documents
 * (gateway/trusted-documents-gate.ts).
 */
export const TRUSTED_DOCUMENTS_MODES = ['allow-raw', 'require-for-browsers'] as const;
export type TrustedDocumentsMode = (typeof TRUSTED_DOCUMENTS_MODES)[number];

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const httpUrl = (name: string) =>
  z
    .string()
    .trim()
    .refine((value) => {
      try {
        return ['http:', 'https:'].includes(new URL(value).protocol);
      } catch {
        return false;
      }
    }, `${name} must be an http(s) URL`);

/** Express's named address ranges for `trust proxy` (proxy-addr). */
const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * TRUST_PROXY in Express's own syntax: `true`/`false`, a hop count, or a comma-separated list of
 * addresses, CIDR ranges and the names loopback, linklocal, uniquelocal. Checked here, because
 * Express would only fail on the first request.
 */
export function parseTrustProxy(raw: string): { value: boolean | number | string[] } | { problem: string } {
  const text = raw.trim();
  if (text === 'true' || text === 'false') return { value: text === 'true' };
  if (/^\d+$/.test(text)) return { value: Number(text) };
  const entries = text.split(',').map((entry) => entry.trim());
  const wrong = entries.filter((entry) => {
    if (PROXY_RANGE_NAMES.has(entry)) return false;
    const [address, prefix, ...rest] = entry.split('/');
    const family = isIP(address ?? '');
    if (!family || rest.length) return true;
    if (prefix === undefined) return false;
    const bits = Number(prefix);
    return !/^\d+$/.test(prefix) || bits > (family === 4 ? 32 : 128);
  });
  return wrong.length
    ? {
        problem:
          `TRUST_PROXY: ${wrong.map((entry) => `"${entry}"`).join(', ')} is not an address, CIDR range or ` +
          'one of loopback, linklocal, uniquelocal (or use true, false or a hop count)',
      }
    : { value: entries };
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** http:// to a loopback address never leaves the machine, so production need not refuse it. */
const isPlainHttpOffMachine = (url: string) => {
  const parsed = new URL(url);
  return parsed.protocol === 'http:' && !LOOPBACK_HOSTS.has(parsed.hostname) && !parsed.hostname.startsWith('127.');
};

const envSchema = z.object({
  PORT: z.coerce.number({ message: 'PORT must be a number' }).int().min(0).max(65535).default(4000),
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  PUBLIC_URL: httpUrl('PUBLIC_URL').optional(),
  MONGODB_URI: optionalText.pipe(
    z
      .string()
      .regex(/^mongodb(\+srv)?:\/\//, 'MONGODB_URI must start with mongodb:// or mongodb+srv://')
      .optional(),
  ),
  DATA_DIR: z.string().trim().min(1).default('.data'),
  NEXTCLOUD_URL: optionalText.pipe(httpUrl('NEXTCLOUD_URL').optional()),
  NEXTCLOUD_USER: optionalText,
  NEXTCLOUD_APP_PASSWORD: optionalText,
  PORTAL_SECRET_KEY: optionalText.pipe(
    z.string().min(32, 'PORTAL_SECRET_KEY must be at least 32 characters (e.g. `openssl rand -base64 48`)').optional(),
  ),
  SMTP_URL: optionalText.pipe(
    z
      .string()
      .regex(/^smtps?:\/\//, 'SMTP_URL must start with smtp:// or smtps://')
      .optional(),
  ),
  DEFAULT_TENANT: optionalText.pipe(
    z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'DEFAULT_TENANT must be lower-case letters, digits and dashes')
      .optional(),
  ),
  RATE_LIMIT_PER_MINUTE: z.coerce
    .number({ message: 'RATE_LIMIT_PER_MINUTE must be a number' })
    .int()
    .min(1, 'RATE_LIMIT_PER_MINUTE must be at least 1')
    .default(600),
  UPSTREAM_CALLS_PER_REQUEST: z.coerce
    .number({ message: 'UPSTREAM_CALLS_PER_REQUEST must be a number' })
    .int()
    .min(1, 'UPSTREAM_CALLS_PER_REQUEST must be at least 1')
    .default(20),
  UPSTREAM_CONCURRENCY_PER_PRINCIPAL: z.coerce
    .number({ message: 'UPSTREAM_CONCURRENCY_PER_PRINCIPAL must be a number' })
    .int()
    .min(1, 'UPSTREAM_CONCURRENCY_PER_PRINCIPAL must be at least 1')
    // A dashboard's lists go out together: up to six list calls (two owner fields for transactions
    // and for requests, contracts, one more kind), so fewer would add a whole round trip.
    .default(6),
  TRUST_PROXY: z.string().trim().min(1).default('loopback'),
  MAIL_FROM: optionalText.pipe(
    z
      .string()
      .regex(/^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/, 'MAIL_FROM must be a plain address such as no-reply@portal.example.nl')
      .optional(),
  ),
  ALLOW_INSECURE_HTTP: z.enum(['0', '1', '']).default('0'),
  JOBS: z.enum(['on', 'off'], { message: 'JOBS must be on or off' }).default('on'),
  TRUSTED_DOCUMENTS: optionalText.pipe(
    z.enum(TRUSTED_DOCUMENTS_MODES, { message: 'TRUSTED_DOCUMENTS must be allow-raw or require-for-browsers' }).optional(),
  ),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_FORMAT: optionalText.pipe(z.enum(['pretty', 'json'], { message: 'LOG_FORMAT must be pretty or json' }).optional()),
  NODE_ENV: z.enum(['production', 'development', 'test']).default('development'),
});

export function parseConfig(env: Record<string, string | undefined>): Config {
  const parsed = envSchema.safeParse(env);
  const problems: string[] = parsed.success
    ? []
    : parsed.error.issues.map((issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`);
  if (!parsed.success) throw new ConfigError(problems);
  const e = parsed.data;

  if (e.NEXTCLOUD_URL && (!e.NEXTCLOUD_USER || !e.NEXTCLOUD_APP_PASSWORD)) {
    problems.push('NEXTCLOUD_USER and NEXTCLOUD_APP_PASSWORD are required when NEXTCLOUD_URL is set');
  }
  if (!e.NEXTCLOUD_URL && (e.NEXTCLOUD_USER || e.NEXTCLOUD_APP_PASSWORD)) {
    problems.push('NEXTCLOUD_URL is required when NEXTCLOUD_USER or NEXTCLOUD_APP_PASSWORD is set');
  }
  if (e.NODE_ENV === 'production' && !e.PORTAL_SECRET_KEY) {
    problems.push('PORTAL_SECRET_KEY is required when NODE_ENV=production');
  }
  if (e.NODE_ENV === 'production' && !e.NEXTCLOUD_URL) {
    problems.push('NEXTCLOUD_URL is required when NODE_ENV=production (the built-in simulator is for demos only)');
  }
  const trustProxy = parseTrustProxy(e.TRUST_PROXY);
  if ('problem' in trustProxy) problems.push(trustProxy.problem);
  const publicUrl = (e.PUBLIC_URL ?? `http://${e.HOST}:${e.PORT}`).replace(/\/+$/, '');
  if (e.NODE_ENV === 'production' && e.ALLOW_INSECURE_HTTP !== '1') {
    // Passwords, session cookies and app passwords would cross the network in clear text.
    for (const [name, url] of [
      ['PUBLIC_URL', publicUrl],
      ['NEXTCLOUD_URL', e.NEXTCLOUD_URL],
    ] as const) {
      if (url && isPlainHttpOffMachine(url)) {
        problems.push(
          `${name} must be https:// when NODE_ENV=production (it is ${new URL(url).origin}); ` +
            'set ALLOW_INSECURE_HTTP=1 only if you accept sending passwords unencrypted',
        );
      }
    }
  }
  if (problems.length) throw new ConfigError(problems);

  return {
    port: e.PORT,
    host: e.HOST,
    publicUrl,
    mongodbUri: e.MONGODB_URI ?? null,
    dataDir: path.resolve(e.DATA_DIR),
    nextcloud: e.NEXTCLOUD_URL
      ? { url: e.NEXTCLOUD_URL.replace(/\/+$/, ''), user: e.NEXTCLOUD_USER!, appPassword: e.NEXTCLOUD_APP_PASSWORD! }
      : null,
    secretKey: e.PORTAL_SECRET_KEY ?? null,
    smtpUrl: e.SMTP_URL ?? null,
    defaultTenant: e.DEFAULT_TENANT ?? (e.NEXTCLOUD_URL ? 'default' : 'demo'),
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT ?? null,
    requestsPerMinute: e.RATE_LIMIT_PER_MINUTE,
    upstreamCallsPerRequest: e.UPSTREAM_CALLS_PER_REQUEST,
    upstreamConcurrencyPerPrincipal: e.UPSTREAM_CONCURRENCY_PER_PRINCIPAL,
    nodeEnv: e.NODE_ENV,
    trustProxy: 'value' in trustProxy ? trustProxy.value : ['loopback'],
    mailFrom: e.MAIL_FROM ?? null,
    allowInsecureHttp: e.ALLOW_INSECURE_HTTP === '1',
    jobs: e.JOBS === 'on',
    trustedDocuments: e.TRUSTED_DOCUMENTS ?? 'allow-raw',
  };
}

/** True when the gateway serves the built-in Nextcloud simulator and its demo data. */
export const isDemoMode = (config: Config): boolean => config.nextcloud === null;

/**
 * For entry points: the parsed configuration, or null after printing every problem to stderr
 * (the caller then exits with code 2).
 */
export function parseConfigOrReport(env: Record<string, string | undefined>): Config | null {
  try {
    return parseConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return null;
  }
}
