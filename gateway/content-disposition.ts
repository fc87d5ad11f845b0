/**
 * The `Content-Disposition` of every download: ASCII for old clients, RFC 5987 UTF-8 for the
 * rest (RFC 6266 §4.3). Its own module so document and export downloads share it without
 * importing each other.
 */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
