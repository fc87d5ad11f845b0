import { BadUserInputError, inputProblem, type InputProblem } from '../../core/errors.js';
import { checkAttachments, type AttachmentInput, type CheckedAttachment } from './attachment-rules.js';

export { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS, MAX_TOTAL_ATTACHMENT_BYTES } from './attachment-rules.js';
export type { AttachmentInput } from './attachment-rules.js';

/**
 * Checks on what a customer sends with a new request or a reply. Every problem is reported at
 * once, per field, so a form can mark them all; nothing is written until the input passes.
 */

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
  attachments: CheckedAttachment[];
}

export const MAX_SUBJECT_LENGTH = 200;
export const MAX_MESSAGE_LENGTH = 10_000;

export function checkSubmission(input: SubmitRequestInput): CleanSubmission {
  const problems: InputProblem[] = [];
  const subject = input.subject?.trim() ?? '';
  const body = input.body?.trim() ?? '';
  const category = input.category?.trim() || null;
  if (!subject) problems.push(inputProblem('subject', 'REQUIRED', 'Enter a subject.'));
  else if (subject.length > MAX_SUBJECT_LENGTH)
    problems.push(inputProblem('subject', 'TOO_LONG', `At most ${MAX_SUBJECT_LENGTH} characters.`, { max: MAX_SUBJECT_LENGTH }));
  if (!body) problems.push(inputProblem('body', 'REQUIRED', 'Enter a message.'));
  else if (body.length > MAX_MESSAGE_LENGTH)
    problems.push(inputProblem('body', 'TOO_LONG', `At most ${MAX_MESSAGE_LENGTH} characters.`, { max: MAX_MESSAGE_LENGTH }));
  if (category && category.length > 100)
    problems.push(inputProblem('category', 'TOO_LONG', 'At most 100 characters.', { max: 100 }));

  // Files are checked even when other fields fail, so the form can mark everything at once.
  const { attachments, problems: fileProblems } = checkAttachments(input.attachments ?? []);
  problems.push(...fileProblems);

  if (problems.length) throw new BadUserInputError('Some details of the request are missing or not valid.', problems);
  return { subject, body, category, attachments };
}

export function checkReply(message: string): string {
  const text = message?.trim() ?? '';
  if (!text) throw new BadUserInputError('Enter a message.', [inputProblem('message', 'REQUIRED', 'Enter a message.')]);
  if (text.length > MAX_MESSAGE_LENGTH) {
    throw new BadUserInputError('The message is too long.', [
      inputProblem('message', 'TOO_LONG', `At most ${MAX_MESSAGE_LENGTH} characters.`, { max: MAX_MESSAGE_LENGTH }),
    ]);
  }
  return text;
}
