import { BadUserInputError } from '../../core/errors.js';

/**
 * Checks on what a customer sends with a new request or a reply. Every problem is reported at
 * once, per field, so a form can mark them all; nothing is written until the input passes.
 */

export interface AttachmentInput {
  fileName: string;
  mimeType: string;
  /** The file's bytes, base64-encoded. */
  contentBase64: string;
}

export interface SubmitRequestInput {
  subject: string;
  body: string;
  category?: string | null;
  attachments?: AttachmentInput[] | null;
}

export interface CleanSubmission {
  subject: string;
  body: string;
  category: string | null;
  attachments: Array<{ fileName: string; mimeType: string; bytes: Buffer }>;
}

/** The original portal's limit (pipelinq-portal F26): 25 MiB per file. */
export const MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;
export const MAX_ATTACHMENTS = 5;
export const MAX_SUBJECT_LENGTH = 200;
export const MAX_MESSAGE_LENGTH = 10_000;

type Problem = { field: string; message: string };

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function decodedSize(base64: string): number {
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  return Math.floor((base64.length * 3) / 4) - padding;
}

export function checkSubmission(input: SubmitRequestInput): CleanSubmission {
  const problems: Problem[] = [];
  const subject = input.subject?.trim() ?? '';
  const body = input.body?.trim() ?? '';
  const category = input.category?.trim() || null;
  if (!subject) problems.push({ field: 'subject', message: 'Enter a subject.' });
  else if (subject.length > MAX_SUBJECT_LENGTH)
    problems.push({ field: 'subject', message: `At most ${MAX_SUBJECT_LENGTH} characters.` });
  if (!body) problems.push({ field: 'body', message: 'Enter a message.' });
  else if (body.length > MAX_MESSAGE_LENGTH)
    problems.push({ field: 'body', message: `At most ${MAX_MESSAGE_LENGTH} characters.` });
  if (category && category.length > 100) problems.push({ field: 'category', message: 'At most 100 characters.' });

  const attachments: CleanSubmission['attachments'] = [];
  const given = input.attachments ?? [];
  if (given.length > MAX_ATTACHMENTS) problems.push({ field: 'attachments', message: `At most ${MAX_ATTACHMENTS} files.` });
  given.slice(0, MAX_ATTACHMENTS).forEach((attachment, index) => {
    const field = `attachments.${index}`;
    const content = attachment.contentBase64.replace(/\s+/g, '');
    const fileName = attachment.fileName.trim();
    // Path separators and control characters have no place in a file name shown to staff.

    if (!fileName || fileName.length > 255 || /[\\/\u0000-\u001f]/.test(fileName)) {
      problems.push({ field: `${field}.fileName`, message: 'Give the file a plain name.' });
    }
    if (!BASE64.test(content) || content.length % 4 !== 0) {
      problems.push({ field: `${field}.contentBase64`, message: 'The file content is not valid base64.' });
      return;
    }
    const size = decodedSize(content);
    if (size > MAX_ATTACHMENT_BYTES) {
      const megabytes = Math.ceil(size / (1024 * 1024));
      problems.push({ field, message: `A file may be at most 25 MB; this file is ${megabytes} MB.` });
      return;
    }
    attachments.push({
      fileName,
      mimeType: attachment.mimeType.trim() || 'application/octet-stream',
      bytes: Buffer.from(content, 'base64'),
    });
  });

  if (problems.length) throw new BadUserInputError('Some details of the request are missing or not valid.', problems);
  return { subject, body, category, attachments };
}

export function checkReply(message: string): string {
  const text = message?.trim() ?? '';
  if (!text) throw new BadUserInputError('Enter a message.', [{ field: 'message', message: 'Enter a message.' }]);
  if (text.length > MAX_MESSAGE_LENGTH) {
    throw new BadUserInputError('The message is too long.', [
      { field: 'message', message: `At most ${MAX_MESSAGE_LENGTH} characters.` },
    ]);
  }
  return text;
}
