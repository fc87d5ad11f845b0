/** The request attachment limit of the gateway (SubmitRequestInput: at most 25 MB per file). */
export const MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;

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
