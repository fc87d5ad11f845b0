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

  const refusalOf = (password: string, inputs: string[] = context, field?: string) => {
    try {
      assertStrongPassword(password, inputs, field);
    } catch (error) {
      return error;
    }
    throw new Error('accepted');
  };

  it('tells the form the minimum and maximum length, on the field it names', () => {
    expect(refusalOf('Xk9#mQ2$vLp', context, 'newPassword')).toMatchObject({
      message: 'The password must be at least 12 characters long.',
      extensions: {
        problems: [
          {
            field: 'newPassword',
            code: 'PASSWORD_TOO_SHORT',
            message: 'Use at least 12 characters; a few unrelated words make a good password.',
            params: { min: 12 },
          },
        ],
      },
    });
    expect(() => assertStrongPassword('Xk9#mQ2$vLp7', [])).not.toThrow();
    const longest = 'kompas-vioolbrug-Zeil71-'.repeat(11).slice(0, 256);
    expect(() => assertStrongPassword(longest, [])).not.toThrow();
    expect(refusalOf(`${longest}x`)).toMatchObject({
      message: 'The password must be at most 256 characters long.',
      extensions: {
        problems: [{ field: 'password', code: 'TOO_LONG', message: 'Use at most 256 characters.', params: { max: 256 } }],
      },
    });
    expect(refusalOf(undefined as never)).toMatchObject({ extensions: { problems: [{ code: 'PASSWORD_TOO_SHORT' }] } });
  });

  it('a weak password names the problem on the field, with advice', () => {
    const refusal = refusalOf('password1234', context, 'newPassword') as Error & {
      extensions: { problems: { field: string; code: string; message: string }[] };
    };
    const [problem] = refusal.extensions.problems;
    expect(problem).toMatchObject({ field: 'newPassword', code: 'PASSWORD_TOO_WEAK' });
    expect(refusal.message).toBe(`This password is too easy to guess. ${problem!.message}`);
    expect(problem!.message).not.toBe('');
  });

  it('counts the address, its parts, each name and the portal name as guessable words', () => {
    const words = contextWords({
      email: 'Petra.de-Wit@Bakkerij.nl',
      names: [null, 'Petra de Wit', undefined],
      tenantName: ' Groen Hoveniers ',
    });
    expect(words).toEqual(
      expect.arrayContaining([
        'petra.de-wit@bakkerij.nl',
        'petradewitbakkerijnl',
        'petra.de-wit',
        'petradewit',
        'petra',
        'wit',
        'bakkerij',
        'petra de wit',
        'groen hoveniers',
        'groenhoveniers',
        'groen',
        'hoveniers',
        'pipelinq',
        'portaal',
        'klantportaal',
        'portal',
        'wachtwoord',
      ]),
    );
    // Parts shorter than three characters are too common to count.
    expect(words).not.toContain('de');
    expect(words).not.toContain('nl');
    expect(words).not.toContain('');
    expect(contextWords({})).toEqual(['pipelinq', 'portaal', 'klantportaal', 'portal', 'wachtwoord']);
  });

  it('accepts a password zxcvbn rates exactly at the bar (score 3)', () => {
    expect(() => assertStrongPassword('correcthorsebattery', [])).not.toThrow();
  });

  it("passes on every piece of zxcvbn's advice, as sentences", () => {
    // zxcvbn gives no warning here, only two suggestions.
    expect(refusalOf('Abcdef123456', [])).toMatchObject({
      message: 'This password is too easy to guess. Add more words that are less common. Capitalize more than the first letter.',
      extensions: {
        problems: [
          {
            field: 'password',
            code: 'PASSWORD_TOO_WEAK',
            message: 'Add more words that are less common. Capitalize more than the first letter.',
          },
        ],
      },
    });
  });
});
