import { pino, stdSerializers, type DestinationStream, type Logger } from 'pino';
import { isColorSupported, prettyFactory } from 'pino-pretty';

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
  'variables',
  '*.variables',
  '*.*.password',
  '*.*.newPassword',
  '*.*.appPassword',
  '*.*.token',
  '*.*.totpCode',
  '*.*.recoveryCode',
];

/**
 * GraphQL's own messages quote what the client sent: `Variable "$i" got invalid value { …,
 * appPassword: "…" }`, `Expected value of type "Int", found "…"`, `Int cannot represent
 * non-integer value: "…"`. Any of these may hold a password, token or code (issue 10, item 3),
 * so the quoted part is cut from every message and stack before it is written. The name of the
 * variable or argument stays, so the line still says what went wrong.
 */
const QUOTED_VALUE_PATTERNS: ReadonlyArray<[RegExp, string]> = [
  [/(got invalid value)[^\n]*/g, '$1 [redacted]'],
  [/(has invalid value)[^\n]*/g, '$1 [redacted]'],
  [/(Expected value of type "[^"\n]*", found)[^\n]*/g, '$1 [redacted]'],
  [/(cannot represent[^:\n]*:)[^\n]*/g, '$1 [redacted]'],
];

export function scrubQuotedValues(text: string): string {
  let scrubbed = text;
  for (const [pattern, replacement] of QUOTED_VALUE_PATTERNS) scrubbed = scrubbed.replace(pattern, replacement);
  return scrubbed;
}

function serializeError(error: Error): Record<string, unknown> {
  const serialized = stdSerializers.err(error) as unknown as Record<string, unknown>;
  for (const key of ['message', 'stack']) {
    if (typeof serialized[key] === 'string') serialized[key] = scrubQuotedValues(serialized[key]);
  }
  return serialized;
}

/** `json`: one pino JSON object per line (files, pipes, CI, log shippers). `pretty`: lines for people. */
export const LOG_FORMATS = ['pretty', 'json'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

export interface LoggerOptions {
  level?: string;
  /** Where to write; defaults to stdout. Tests pass a stream to inspect what was logged. */
  destination?: NodeJS.WritableStream;
  /** Unset: pretty when the destination is a terminal, JSON otherwise (LOG_FORMAT in gateway/config.ts). */
  format?: LogFormat | null;
}

const isTerminal = (stream: NodeJS.WritableStream): boolean => (stream as { isTTY?: boolean }).isTTY === true;

/** The format for `destination`: the chosen one, else pretty only for a person at a terminal. */
export function resolveLogFormat(format: LogFormat | null | undefined, destination: NodeJS.WritableStream): LogFormat {
  return format ?? (isTerminal(destination) ? 'pretty' : 'json');
}

/**
 * pino's JSON line turned into a readable one ("12:04:31 INFO: gateway listening {"port":4000}")
 * before it is written. It runs in-process and synchronously, so a line is out before the next
 * `process.stdout.write` (the start-up banner) and before a fatal exit; pino has already redacted
 * and scrubbed the record, so the pretty line holds nothing the JSON would not.
 */
function prettyStream(destination: NodeJS.WritableStream): DestinationStream {
  const prettify = prettyFactory({
    colorize: isColorSupported && isTerminal(destination),
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname,service',
    singleLine: true,
  });
  return { write: (line: string) => void destination.write(prettify(line)) };
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const destination = options.destination ?? process.stdout;
  const format = resolveLogFormat(options.format, destination);
  return pino(
    {
      level: options.level ?? 'info',
      redact: { paths: redactedPaths, censor: '[redacted]' },
      serializers: { err: serializeError },
      hooks: {
        // Messages are free text (Apollo's own log lines among them): scrub quoted values there too.
        logMethod(args, method) {
          method.apply(
            this,
            args.map((arg) => (typeof arg === 'string' ? scrubQuotedValues(arg) : arg)) as Parameters<typeof method>,
          );
        },
      },
      base: { service: 'portal-gateway' },
    },
    format === 'pretty' ? prettyStream(destination) : destination,
  );
}

export type { Logger };
