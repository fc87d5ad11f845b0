import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';
import { BadUserInputError, inputProblem } from '../../core/errors.js';

export const PASSWORD_MIN_LENGTH = 12;
/** Long passphrases are welcome; this only stops megabyte-sized inputs. */
export const PASSWORD_MAX_LENGTH = 256;
/** zxcvbn 0–4; 3 means "safely unguessable: moderate protection from offline slow-hash attacks". */
export const PASSWORD_MIN_SCORE = 3;

// Built once: loading the dictionaries takes a moment and they never change.
let factory: ZxcvbnFactory | undefined;
function estimator(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...english.dictionary },
    graphs: common.adjacencyGraphs,
    translations: english.translations,
  });
  return factory;
}

/**
 * Words an attacker who knows the person would try first: the address and its parts, names, the
 * portal's name. zxcvbn counts a password built from them as weak.
 */
export function contextWords(context: {
  email?: string | null;
  names?: Array<string | null | undefined>;
  tenantName?: string | null;
}): string[] {
  const words = new Set<string>(['pipelinq', 'portaal', 'klantportaal', 'portal', 'wachtwoord']);
  const add = (value: string | null | undefined) => {
    const v = value?.trim().toLowerCase();
    if (!v) return;
    words.add(v);
    // "Jan Jansen" and "jan.jansen" are also typed as "janjansen".
    words.add(v.replace(/[^\p{L}\p{N}]+/gu, ''));
    for (const part of v.split(/[^\p{L}\p{N}]+/u)) if (part.length >= 3) words.add(part);
  };
  add(context.email);
  add(context.email?.split('@')[0]);
  for (const name of context.names ?? []) add(name);
  add(context.tenantName);
  return [...words];
}

/**
 * Throws BAD_USER_INPUT unless the password is at least 12 characters and zxcvbn scores it 3 or
 * more with the context words as known inputs. The message carries zxcvbn's advice, so a form
 * can show why and what to do.
 */
export function assertStrongPassword(password: string, userInputs: string[], field = 'password'): void {
  if (typeof password !== 'string' || password.length < PASSWORD_MIN_LENGTH) {
    throw new BadUserInputError(`The password must be at least ${PASSWORD_MIN_LENGTH} characters long.`, [
      inputProblem(
        field,
        'PASSWORD_TOO_SHORT',
        `Use at least ${PASSWORD_MIN_LENGTH} characters; a few unrelated words make a good password.`,
        {
          min: PASSWORD_MIN_LENGTH,
        },
      ),
    ]);
  }
  if (password.length > PASSWORD_MAX_LENGTH) {
    throw new BadUserInputError(`The password must be at most ${PASSWORD_MAX_LENGTH} characters long.`, [
      inputProblem(field, 'TOO_LONG', `Use at most ${PASSWORD_MAX_LENGTH} characters.`, { max: PASSWORD_MAX_LENGTH }),
    ]);
  }
  const result = estimator().check(password, userInputs);
  if (result.score >= PASSWORD_MIN_SCORE) return;
  const advice = [result.feedback.warning, ...result.feedback.suggestions].filter((s): s is string => Boolean(s));
  const detail = advice.length ? advice.join(' ') : 'Add more unrelated words or characters.';
  throw new BadUserInputError(`This password is too easy to guess. ${detail}`, [
    inputProblem(field, 'PASSWORD_TOO_WEAK', detail),
  ]);
}
