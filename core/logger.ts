import { pino, type Logger } from 'pino';

/**
 * Paths pino replaces with "[redacted]" wherever they occur in a log record. Secrets must never
 * reach the logs, even when a whole request or config object is logged by mistake.
 */
export const redactedPaths = [
  'password',
  'newPassword',
  'appPassword',
  'token',
  'secret',
  'totpCode',
  'recoveryCode',
  'code',
  'authorization',
  'cookie',
  '*.password',
  '*.newPassword',
  '*.appPassword',
  '*.token',
  '*.secret',
  '*.totpCode',
  '*.recoveryCode',
  '*.authorization',
  '*.cookie',
  '*.secretKey',
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'variables.*',
];

export interface LoggerOptions {
  level?: string;
  /** Where to write; defaults to stdout. Tests pass a stream to inspect what was logged. */
  destination?: NodeJS.WritableStream;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      redact: { paths: redactedPaths, censor: '[redacted]' },
      base: { service: 'portal-gateway' },
    },
    options.destination ?? process.stdout,
  );
}

export type { Logger };
