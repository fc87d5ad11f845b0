import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../core/errors.js';
import { PROBLEM_CODES, problemCodes } from '../core/problem-codes.js';
import { projectRoot } from '../core/paths.js';

/**
 * Every code the API can put on an error or a field problem has words in every language of the web
 * app, so a Dutch session never falls back to the server's English. The web app is type-checked by
 * its own tsconfig, so its modules are loaded by path (vite resolves them).
 */
const web = (file: string) => import(/* @vite-ignore */ path.join(projectRoot, 'web', 'src', 'lib', file));
const LANGUAGES = [
  { language: 'nl', locale: 'nl-NL' },
  { language: 'en', locale: 'en-GB' },
] as const;

async function dictionaryOf(language: string): Promise<Record<string, string>> {
  return ((await web(`i18n/${language}.ts`)) as Record<string, Record<string, string>>)[language]!;
}

type Render = (dictionary: Record<string, string>, locale: string, problem: { code?: string; params?: object }) => string;
const renderer = async () => ((await web('i18n/problem-text.ts')) as { renderProblem: Render }).renderProblem;

/** A value of the kind the gateway sends for each parameter name. */
function sampleParams(code: keyof typeof PROBLEM_CODES): Record<string, string | number> {
  const numeric = /^(max|min|count|megabytes|maxMegabytes|maxKilobytes|contrastRatio|requiredMinimum)$/;
  return Object.fromEntries(
    (PROBLEM_CODES[code] as readonly string[]).map((name) => [
      name,
      numeric.test(name) ? 12.5 : name === 'earliest' ? '2026-12-31' : `«${name}»`,
    ]),
  );
}

describe('problem texts in the web app', () => {
  it.each(LANGUAGES)('every problem code of the API has a text in $language', async ({ language }) => {
    const dictionary = await dictionaryOf(language);
    const missing = problemCodes().filter((code) => !dictionary[`problem.${code}`]?.trim());
    expect(missing).toEqual([]);
    expect(dictionary['problem.unknown']?.trim()).toBeTruthy();
  });

  it.each(LANGUAGES)(
    'every problem code renders in $language with all its parameters and nothing left over',
    async ({ language, locale }) => {
      const dictionary = await dictionaryOf(language);
      const render = await renderer();
      for (const code of problemCodes()) {
        const params = sampleParams(code);
        const text = render(dictionary, locale, { code, params });
        expect(text, code).not.toMatch(/undefined|null|NaN|\{\w+\}/);
        expect(text, code).not.toBe(dictionary['problem.unknown']);
        // Each parameter the server sends is shown (a text that ignores one hides what went wrong).
        for (const [name, value] of Object.entries(params)) {
          if (typeof value === 'string' && value.startsWith('«')) expect(text, `${code} shows ${name}`).toContain(value);
        }
      }
    },
  );

  it('writes numbers and dates the way the reader writes them', async () => {
    const render = await renderer();
    const contrast = { code: 'CONTRAST_TOO_LOW', params: { contrastRatio: 2.14, requiredMinimum: 4.5 } };
    expect(render(await dictionaryOf('nl'), 'nl-NL', contrast)).toContain('2,14:1');
    expect(render(await dictionaryOf('nl'), 'nl-NL', contrast)).toContain('4,5:1');
    expect(render(await dictionaryOf('en'), 'en-GB', contrast)).toContain('2.14:1');
    const early = { code: 'DATE_TOO_EARLY', params: { earliest: '2026-12-31' } };
    expect(render(await dictionaryOf('nl'), 'nl-NL', early)).toContain('31 december 2026');
    expect(render(await dictionaryOf('en'), 'en-GB', early)).toContain('31 December 2026');
  });

  it('a code the app does not know yet gets a general sentence in the reader’s language, not the server’s English', async () => {
    const render = await renderer();
    const nl = await dictionaryOf('nl');
    expect(render(nl, 'nl-NL', { code: 'SOMETHING_NEW' })).toBe(nl['problem.unknown']);
  });
});

describe('error codes in the web app', () => {
  it.each(LANGUAGES)('every top-level error code (extensions.code) has a text in $language', async ({ language }) => {
    const dictionary = await dictionaryOf(language);
    const missing = Object.values(ErrorCode).filter((code) => !dictionary[`error.${code}`]?.trim());
    expect(missing).toEqual([]);
  });
});
