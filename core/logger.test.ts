import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { logger: createLogger({ level: 'info', destination }), lines };
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
});
