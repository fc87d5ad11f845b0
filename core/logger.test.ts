import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, resolveLogFormat, type LogFormat } from './logger.js';

function capture(format?: LogFormat, isTTY = false) {
  const lines: string[] = [];
  const destination = Object.assign(
    new Writable({
      write(chunk, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    }),
    // A terminal is a stream with isTTY set; the factory looks at nothing else.
    isTTY ? { isTTY: true } : {},
  );
  return { logger: createLogger({ level: 'info', destination, format }), lines };
}

describe('logger', () => {
  it('redacts passwords, tokens, cookies and secrets wherever they appear', () => {
    const { logger, lines } = capture();
    logger.info(
      {
        password: 'pw-1',
        appPassword: 'pw-2',
        token: 'tok-3',
        input: { newPassword: 'pw-4', totpCode: '123456', recoveryCode: 'rc-5' },
        req: { headers: { authorization: 'Basic c2VjcmV0', cookie: 'portal_session=abc' } },
        config: { secretKey: 'key-6' },
        variables: { password: 'pw-7' },
      },
      'something happened',
    );
    const text = lines.join('');
    for (const secret of ['pw-1', 'pw-2', 'tok-3', 'pw-4', '123456', 'rc-5', 'c2VjcmV0', 'abc', 'key-6', 'pw-7']) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('[redacted]');
    expect(text).toContain('something happened');
  });

  it('writes one JSON object per line to a stream that is not a terminal (files, pipes, CI)', () => {
    const { logger, lines } = capture();
    logger.info({ port: 4000 }, 'gateway listening');
    logger.warn('second line');
    const records = lines
      .join('')
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({ level: 30, msg: 'gateway listening', port: 4000, service: 'portal-gateway' });
    expect(records[1]).toMatchObject({ level: 40, msg: 'second line' });
  });

  it('writes readable lines when pretty is chosen: time, level and message, context on the same line', () => {
    const { logger, lines } = capture('pretty');
    logger.info('Building the embedded database engine (FerretDB 1.24.2)…');
    logger.warn({ tenantId: 'demo' }, 'contact name lookup failed');
    const text = lines.join('');
    expect(text).toMatch(/^\[\d\d:\d\d:\d\d\] INFO: Building the embedded database engine \(FerretDB 1\.24\.2\)…\n/);
    expect(text).toMatch(/\] WARN: contact name lookup failed \{"tenantId":"demo"\}\n$/);
    // Not JSON, no escape codes on a stream that is no terminal, and no pid/hostname noise.
    expect(() => JSON.parse(lines[0]!) as unknown).toThrow();
    expect(text).not.toContain('\u001b[');
    expect(text).not.toMatch(/pid|hostname|portal-gateway/);
  });

  it('chooses pretty for a terminal and JSON otherwise unless a format is given', () => {
    const tty = Object.assign(new Writable(), { isTTY: true });
    expect(resolveLogFormat(null, tty)).toBe('pretty');
    expect(resolveLogFormat(undefined, new Writable())).toBe('json');
    expect(resolveLogFormat('json', tty)).toBe('json');
    expect(resolveLogFormat('pretty', new Writable())).toBe('pretty');
    const { logger, lines } = capture(undefined, true);
    logger.info('on a terminal');
    expect(lines.join('')).toMatch(/INFO.*on a terminal/);
    expect(lines.join('')).not.toContain('"msg"');
  });

  it('redacts secrets and scrubs quoted values in pretty lines too', () => {
    const { logger, lines } = capture('pretty');
    logger.info({ password: 'pw-1', input: { appPassword: 'pw-2' }, req: { headers: { cookie: 'sid=pw-3' } } }, 'signed in');
    logger.error({ err: new Error('Variable "$i" got invalid value { appPassword: "pw-4" }') }, 'bad request');
    const text = lines.join('');
    for (const secret of ['pw-1', 'pw-2', 'pw-3', 'pw-4']) expect(text).not.toContain(secret);
    expect(text).toContain('[redacted]');
  });
});
