import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { NotFoundError } from '../core/errors.js';
import type { NextcloudHttpClient, UpstreamResponse } from './http-client.js';
import { fileNameFromDisposition, parseFilePage } from './responses.js';
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
  const body = res.body ? Readable.fromWeb(res.body as unknown as NodeReadableStream<Uint8Array>) : Readable.from([]);
  return {
    body,
    contentType: res.headers.get('content-type') ?? 'application/octet-stream',
    fileName: fileNameFromDisposition(res.headers.get('content-disposition')) ?? `document-${fileId}`,
    size,
  };
}
