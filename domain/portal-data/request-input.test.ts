import { describe, expect, it } from 'vitest';
import { BadUserInputError } from '../../core/errors.js';
import { checkReply, checkSubmission, MAX_MESSAGE_LENGTH, MAX_SUBJECT_LENGTH } from './request-input.js';

/** What a form gets back: each field's problem, all at once. */
function problemsOf(check: () => unknown): Array<{ field: string; code: string; message: string; params: unknown }> {
  try {
    check();
  } catch (error) {
    expect(error).toBeInstanceOf(BadUserInputError);
    return (error as BadUserInputError).extensions.problems as never;
  }
  throw new Error('the input was accepted');
}

describe('a new request', () => {
  it('is kept trimmed; a blank category counts as none', () => {
    expect(checkSubmission({ subject: '  Storing  ', body: '\nHet licht is uit.\n', category: '   ' })).toEqual({
      subject: 'Storing',
      body: 'Het licht is uit.',
      category: null,
      attachments: [],
    });
    expect(checkSubmission({ subject: 'S', body: 'B', category: ' Levering ' }).category).toBe('Levering');
  });

  it('names every missing or too long field at once, with its limit', () => {
    expect(() =>
      checkSubmission({ subject: 'S', body: 'B', attachments: [{ fileName: '.x.pdf', contentBase64: 'JVBERi0=' }] }),
    ).toThrow('Some details of the request are missing or not valid.');
    expect(problemsOf(() => checkSubmission({ subject: ' ', body: '' })).map((p) => [p.field, p.code, p.message])).toEqual([
      ['subject', 'REQUIRED', 'Enter a subject.'],
      ['body', 'REQUIRED', 'Enter a message.'],
    ]);
    const tooLong = problemsOf(() =>
      checkSubmission({
        subject: 's'.repeat(MAX_SUBJECT_LENGTH + 1),
        body: 'b'.repeat(MAX_MESSAGE_LENGTH + 1),
        category: 'c'.repeat(101),
        attachments: [{ fileName: '.verborgen.pdf', contentBase64: 'JVBERi0=' }],
      }),
    );
    expect(tooLong).toEqual([
      { field: 'subject', code: 'TOO_LONG', message: 'At most 200 characters.', params: { max: 200 } },
      { field: 'body', code: 'TOO_LONG', message: 'At most 10000 characters.', params: { max: 10_000 } },
      { field: 'category', code: 'TOO_LONG', message: 'At most 100 characters.', params: { max: 100 } },
      expect.objectContaining({ field: 'attachments.0', code: 'FILE_NAME_INVALID' }),
    ]);
  });

  it('takes fields exactly at their limits', () => {
    const clean = checkSubmission({
      subject: 's'.repeat(MAX_SUBJECT_LENGTH),
      body: 'b'.repeat(MAX_MESSAGE_LENGTH),
      category: 'c'.repeat(100),
      attachments: [{ fileName: 'ok.pdf', contentBase64: 'JVBERi0=' }],
    });
    expect([clean.subject.length, clean.body.length, clean.category?.length, clean.attachments.length]).toEqual([
      200, 10_000, 100, 1,
    ]);
  });

  it('survives fields a client left out', () => {
    const problems = problemsOf(() => checkSubmission({} as never));
    expect(problems.map((p) => p.field)).toEqual(['subject', 'body']);
  });
});

describe('a reply', () => {
  it('is kept trimmed, up to the message limit', () => {
    expect(checkReply('  Donderdag schikt.  ')).toBe('Donderdag schikt.');
    expect(checkReply('m'.repeat(MAX_MESSAGE_LENGTH))).toHaveLength(MAX_MESSAGE_LENGTH);
  });

  it('refuses an empty or too long message with its own text', () => {
    for (const message of ['', '  \n ', undefined as unknown as string]) {
      expect(() => checkReply(message)).toThrow('Enter a message.');
      expect(problemsOf(() => checkReply(message))).toEqual([
        { field: 'message', code: 'REQUIRED', message: 'Enter a message.', params: {} },
      ]);
    }
    expect(() => checkReply('m'.repeat(MAX_MESSAGE_LENGTH + 1))).toThrow('The message is too long.');
    expect(problemsOf(() => checkReply('m'.repeat(MAX_MESSAGE_LENGTH + 1)))).toEqual([
      { field: 'message', code: 'TOO_LONG', message: 'At most 10000 characters.', params: { max: 10_000 } },
    ]);
  });
});
