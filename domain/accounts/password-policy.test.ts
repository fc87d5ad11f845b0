import { describe, expect, it } from 'vitest';
import { assertStrongPassword, contextWords } from './password-policy.js';

const context = contextWords({ email: 'jan.jansen@example.nl', names: ['Jan Jansen'], tenantName: 'Warmtewerk Installaties' });

describe('password policy', () => {
  it('accepts a long, unrelated passphrase', () => {
    expect(() => assertStrongPassword('kompas-vioolbrug-Zeil71', context)).not.toThrow();
    expect(() => assertStrongPassword('Portaal-Demo-2026!', [])).not.toThrow();
  });

  it('refuses anything shorter than 12 characters, with a field problem', () => {
    try {
      assertStrongPassword('Xk9#mQ2$vL', context);
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({
        extensions: { code: 'BAD_USER_INPUT', problems: [{ field: 'password' }] },
        message: expect.stringContaining('at least 12 characters'),
      });
    }
  });

  it('refuses common passwords even when long enough', () => {
    expect(() => assertStrongPassword('password1234', context)).toThrow(/too easy to guess/);
    expect(() => assertStrongPassword('qwertyuiop123', context)).toThrow(/too easy to guess/);
  });

  it('refuses passwords built from the person and the portal', () => {
    expect(() => assertStrongPassword('janjansen2026', context)).toThrow(/too easy to guess/);
    expect(() => assertStrongPassword('Warmtewerk2026!', context)).toThrow(/too easy to guess/);
  });

  it('includes zxcvbn feedback in the message', () => {
    try {
      assertStrongPassword('aaaaaaaaaaaaaaa', context);
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message.length).toBeGreaterThan('This password is too easy to guess. '.length);
    }
  });
});
