import { Readable } from 'node:stream';
import { BadUserInputError, NotFoundError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { NextcloudHttpClient, UpstreamResponse } from './http-client.js';
import { fileNameFromDisposition, parseFile, parseFilePage } from './responses.js';
import type { NcFile } from './types.js';

/**
 * Attachments of an object (reference §8): the paged metadata list and the byte stream. Both routes
 * are public upstream and the list does no access check at all (§15.14), so callers must already
 * have decided that the object is the customer's before asking for its files.
 */

const FILES_PAGE_SIZE = 100;
/** A runaway guard: 100 pages of 100 files is far beyond any portal record. */
const MAX_FILE_PAGES = 100;

export interface DownloadedFile {
  body: Readable;
  contentType: string;
  fileName: string;
  size: number | null;
}

function errorText(res: UpstreamResponse): string | null {
  const body = res.json;
  return typeof body === 'object' && body !== null && typeof (body as { error?: unknown }).error === 'string'
    ? (body as { error: string }).error
    : null;
}

export async function listAllFiles(
  http: NextcloudHttpClient,
  objectPath: string,
  resource: string,
  unexpected: (res: UpstreamResponse, what: string) => never,
): Promise<NcFile[]> {
  const files: NcFile[] = [];
  for (let page = 1; page <= MAX_FILE_PAGES; page += 1) {
    const res = await http.request({
      method: 'GET',
      path: `${objectPath}/files`,
      query: new URLSearchParams({ _limit: String(FILES_PAGE_SIZE), _page: String(page) }),
      resource,
    });
    if (res.status === 404) {
      // An object that never had an attachment has no folder yet: that is "no files", not an error.
      if (errorText(res) === 'Files folder not found') return files;
      throw new NotFoundError('The record');
    }
    if (res.status !== 200) unexpected(res, 'file list');
    const batch = parseFilePage(res.json);
    files.push(...batch.results);
    if (batch.results.length === 0 || page >= batch.pages) return files;
  }
  return files;
}

export async function downloadObjectFile(
  http: NextcloudHttpClient,
  objectPath: string,
  fileId: number,
  resource: string,
  unexpected: (res: UpstreamResponse, what: string) => never,
): Promise<DownloadedFile> {
  const res = await http.request({
    method: 'GET',
    path: `${objectPath}/files/${fileId}`,
    resource,
    stream: true,
  });
  if (res.status === 404) throw new NotFoundError('The document');
  if (res.status !== 200) unexpected(res, 'file download');
  const length = res.headers.get('content-length');
  // After transparent gzip decoding the header no longer describes the bytes the caller gets.
  const encoded = res.headers.get('content-encoding');
  const size = length !== null && !encoded && /^\d+$/.test(length) ? Number(length) : null;
  const body = res.body ?? Readable.from([]);
  return {
    body,
    contentType: res.headers.get('content-type') ?? 'application/octet-stream',
    fileName: fileNameFromDisposition(res.headers.get('content-disposition')) ?? `document-${fileId}`,
    size,
  };
}

/**
 * Nextcloud refused one uploaded file (OpenRegister's 400 `{error}`: an executable, a PHP upload
 * limit, a storage problem). Its text names server internals, so clients get a generic sentence;
 * the upstream text is logged by the connector.
 */
export class FileRefusedError extends BadUserInputError {
  constructor(readonly fileName: string) {
    super(`The records system did not accept the file ${fileName}.`);
    this.name = 'FileRefusedError';
  }
}

export interface FileUpload {
  name: string;
  bytes: Uint8Array;
}

/** Assumed slowest useful link to Nextcloud for an upload's timeout: 1 MB/s on top of the usual. */
const UPLOAD_BYTES_PER_SECOND = 1_000_000;

export function uploadTimeoutMs(baseTimeoutMs: number, bytes: number): number {
  return baseTimeoutMs + Math.ceil((bytes * 4) / 3 / UPLOAD_BYTES_PER_SECOND) * 1000;
}

/**
 * One file to an object through `POST …/{id}/files` with canonical base64 (openregister-files.md
 * §1), not `filesMultipart`. Both routes end in the same `addFile`, which decodes ANY content that
 * is canonical base64, raw multipart bytes included: a text attachment reading "test" or "twee"
 * would be stored as decoded junk. Sending every file base64-encoded makes that decoding the exact
 * inverse of ours, for every possible content. The price is a third more bytes on the wire; the
 * gateway holds each file in memory anyway (it checks type and size of all files before creating
 * the request), so streaming a multipart body would save no memory here.
 */
export async function uploadObjectFile(
  http: NextcloudHttpClient,
  objectPath: string,
  file: FileUpload,
  resource: string,
  options: { timeoutMs: number; logger: Logger; tenantId: string },
  unexpected: (res: UpstreamResponse, what: string) => never,
): Promise<NcFile> {
  const res = await http.request({
    method: 'POST',
    path: `${objectPath}/files`,
    // No `share`: a public link share would publish the customer's file to anyone with the URL.
    body: { name: file.name, content: Buffer.from(file.bytes).toString('base64') },
    resource,
    timeoutMs: uploadTimeoutMs(options.timeoutMs, file.bytes.length),
  });
  if (res.status === 404) throw new NotFoundError('The record');
  if (res.status === 400) {
    options.logger.warn(
      { tenant: options.tenantId, resource, upstreamError: errorText(res), size: file.bytes.length },
      'nextcloud refused an uploaded file',
    );
    throw new FileRefusedError(file.name);
  }
  if (res.status !== 200 && res.status !== 201) unexpected(res, 'file upload');
  const stored = parseFile(res.json);
  if (!stored) unexpected(res, 'file upload answer without an id');
  return stored;
}
