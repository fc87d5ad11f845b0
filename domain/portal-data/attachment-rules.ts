import type { InputProblem } from '../../core/errors.js';
import { ALLOWED_TYPES, extensionOf, sniffAttachment } from './attachment-types.js';

/**
 * The gateway's rules for files sent with a new request, checked before anything is created in
 * Nextcloud: OpenRegister itself sets no size cap and no type allow-list on object files (reference
 * openregister-files.md), so these are the only ones. Each refusal names its file
 * (`attachments.N`) and carries a stable `code` with `params`, so clients can word it themselves.
 */

/** The original portal's limit (pipelinq-portal F26): 25 MiB per file. */
export const MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;
export const MAX_ATTACHMENTS = 5;
/**
 * All files of one request together. Bounds what one submission holds in memory (the JSON body
 * carries the files base64-encoded: the body limit in gateway/app.ts is derived from this).
 */
export const MAX_TOTAL_ATTACHMENT_BYTES = 50 * 1024 * 1024;

export type AttachmentProblemCode =
  | 'TOO_MANY_FILES'
  | 'FILES_TOO_LARGE_TOGETHER'
  | 'FILE_NAME_INVALID'
  | 'FILE_CONTENT_INVALID'
  | 'FILE_EMPTY'
  | 'FILE_TOO_LARGE'
  | 'FILE_EXECUTABLE'
  | 'FILE_TYPE_NOT_ALLOWED'
  | 'FILE_TYPE_MISMATCH';

export interface AttachmentInput {
  fileName: string;
  /** The client's claim; never trusted, only kept for the log. */
  mimeType?: string | null;
  /** The file's bytes, base64-encoded (a `data:…;base64,` prefix and line breaks are tolerated). */
  contentBase64: string;
}

export interface CheckedAttachment {
  fileName: string;
  /** From the bytes, not from the client. */
  mimeType: string;
  bytes: Buffer;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const MEGABYTE = 1024 * 1024;
const megabytes = (bytes: number) => Math.ceil(bytes / MEGABYTE);

function decodedSize(base64: string): number {
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  return Math.floor((base64.length * 3) / 4) - padding;
}

function problem(field: string, code: AttachmentProblemCode, message: string, params: InputProblem['params'] = {}): InputProblem {
  return { field, code, message, params };
}

/** One file: its name, encoding, size and real type. Returns the file or its one problem. */
function checkOne(attachment: AttachmentInput, index: number): CheckedAttachment | InputProblem {
  const field = `attachments.${index}`;
  const name = (attachment.fileName ?? '').trim();
  // Path separators and control characters have no place in a name shown to staff and used as a
  // Nextcloud file name; a leading dot would make a hidden file.
  if (!name || name.length > 255 || /[\\/\u0000-\u001f\u007f]/.test(name) || name.startsWith('.')) {
    return problem(field, 'FILE_NAME_INVALID', 'Give the file a plain name.', { index });
  }
  const content = (attachment.contentBase64 ?? '').replace(/^data:[^,]*;base64,/, '').replace(/\s+/g, '');
  if (!BASE64.test(content) || content.length % 4 !== 0) {
    return problem(field, 'FILE_CONTENT_INVALID', `The content of ${name} is not valid base64.`, { name });
  }
  const size = decodedSize(content);
  if (size === 0) return problem(field, 'FILE_EMPTY', `${name} is empty.`, { name });
  if (size > MAX_ATTACHMENT_BYTES) {
    return problem(field, 'FILE_TOO_LARGE', `A file may be at most 25 MB; ${name} is ${megabytes(size)} MB.`, {
      name,
      megabytes: megabytes(size),
      maxMegabytes: MAX_ATTACHMENT_BYTES / MEGABYTE,
    });
  }
  const bytes = Buffer.from(content, 'base64');
  const sniffed = sniffAttachment(name, bytes);
  if (sniffed.kind === 'executable') {
    return problem(field, 'FILE_EXECUTABLE', `${name} is a program or script; those cannot be sent.`, { name });
  }
  const extension = extensionOf(name);
  const isText = sniffed.kind === 'allowed' && (sniffed.type.kind === 'text' || sniffed.type.kind === 'csv');
  if (sniffed.kind === 'unknown' || (isText && !sniffed.type.extensions.includes(extension))) {
    return problem(field, 'FILE_TYPE_NOT_ALLOWED', `${name} is not a PDF, image, office document or text file.`, { name });
  }
  if (!sniffed.type.extensions.includes(extension)) {
    const expected = sniffed.type.extensions.map((e) => `.${e}`).join(', ');
    return problem(field, 'FILE_TYPE_MISMATCH', `${name} does not have the name its content needs (${expected}).`, {
      name,
      expected,
    });
  }
  return { fileName: name, mimeType: sniffed.type.mimeType, bytes };
}

/**
 * Two files of one request with the same name would collide in the request's Nextcloud folder
 * (OpenRegister does not reject an existing name), so later ones become `scan (2).pdf`, ….
 */
function uniqueNames(attachments: CheckedAttachment[]): void {
  const taken = new Set<string>();
  for (const attachment of attachments) {
    const dot = attachment.fileName.lastIndexOf('.');
    const stem = dot > 0 ? attachment.fileName.slice(0, dot) : attachment.fileName;
    const extension = dot > 0 ? attachment.fileName.slice(dot) : '';
    let name = attachment.fileName;
    for (let n = 2; taken.has(name.toLowerCase()); n += 1) name = `${stem} (${n})${extension}`;
    taken.add(name.toLowerCase());
    attachment.fileName = name;
  }
}

export function checkAttachments(given: readonly AttachmentInput[]): {
  attachments: CheckedAttachment[];
  problems: InputProblem[];
} {
  const problems: InputProblem[] = [];
  const attachments: CheckedAttachment[] = [];
  if (given.length > MAX_ATTACHMENTS) {
    problems.push(
      problem('attachments', 'TOO_MANY_FILES', `At most ${MAX_ATTACHMENTS} files.`, {
        max: MAX_ATTACHMENTS,
        count: given.length,
      }),
    );
    return { attachments, problems };
  }
  given.forEach((attachment, index) => {
    const checked = checkOne(attachment, index);
    if ('field' in checked) problems.push(checked);
    else attachments.push(checked);
  });
  uniqueNames(attachments);
  const total = attachments.reduce((sum, a) => sum + a.bytes.length, 0);
  if (total > MAX_TOTAL_ATTACHMENT_BYTES) {
    problems.push(
      problem(
        'attachments',
        'FILES_TOO_LARGE_TOGETHER',
        `All files together may be at most 50 MB; these are ${megabytes(total)} MB.`,
        {
          megabytes: megabytes(total),
          maxMegabytes: MAX_TOTAL_ATTACHMENT_BYTES / MEGABYTE,
        },
      ),
    );
  }
  return { attachments, problems };
}

/** The kinds of file accepted; the web app's file picker offers the same (checked by a test). */
export const ACCEPTED_EXTENSIONS: readonly string[] = Object.values(ALLOWED_TYPES).flatMap((t) => t.extensions);
