/** The request attachment limits of the gateway (RequestAttachmentInput): 5 files, 25 MB each. */
export const MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;
export const MAX_ATTACHMENTS = 5;
/** What the file picker offers; the gateway decides from the bytes, this only narrows the choice. */
export const ACCEPTED_FILES = '.pdf,.png,.jpg,.jpeg,.gif,.webp,.docx,.xlsx,.pptx,.odt,.ods,.doc,.xls,.txt,.csv';

/** A file's bytes as base64, for `RequestAttachmentInput.contentBase64`. */
export function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(reader.error ?? new Error('could not read the file'));
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.readAsDataURL(file);
  });
}

/** Index of the file a problem is about (`attachments.N`), or null for the whole list. */
export function attachmentIndexOf(field: string): number | null {
  const match = /^attachments\.(\d+)/.exec(field);
  return match ? Number(match[1]) : null;
}
