import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';
import { createGunzip, gunzipSync } from 'node:zlib';

/**
 * One HTTP exchange with a Nextcloud server over node:http(s), on keep-alive connections. The
 * connector used the global `fetch` before; profiling a dashboard (five list calls) showed fetch's
 * web streams, abort signals and streaming gunzip costing about 6 ms of the gateway's CPU per
 * dashboard against about 2 ms for the same exchange here, so this thin layer replaces it.
 *
 * What it keeps from fetch: redirects are not followed (the client decides), a response body
 * labelled gzip is decoded, and downloads can stay a stream. What it adds: a body that is labelled
 * gzip but is not (OpenRegister labels lists of more than 10 rows by hand, reference §12.3) is
 * read as it is instead of failing the call.
 */

export interface TransportRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  /** Keep the body as a stream instead of reading it whole. */
  stream: boolean;
  /** Until the whole body is read (for a stream: until the headers are in); then the socket is destroyed. */
  timeoutMs: number;
}

/** The exchange ran out of time (as opposed to a refused or broken connection). */
export class TransportTimeoutError extends Error {
  constructor() {
    super('upstream exchange timed out');
    this.name = 'TransportTimeoutError';
  }
}

/** Just enough of the fetch Headers API for the callers: one header by (any-case) name. */
export interface ResponseHeaders {
  get(name: string): string | null;
}

export interface TransportResponse {
  status: number;
  headers: ResponseHeaders;
  /** The whole decoded body; null when streamed. */
  bytes: Buffer | null;
  /** The decoded body as a stream, when asked for one. */
  stream: Readable | null;
}

/**
 * The most a whole (not streamed) answer may hold, decoded. A page of 100 records is well under a
 * megabyte; the cap keeps a misbehaving or hostile server (a tenant's Nextcloud URL is the
 * tenant's choice) from filling the gateway's memory with one endless or highly compressed body.
 */
export const MAX_BODY_BYTES = 32 * 1024 * 1024;

/** The answer was larger than MAX_BODY_BYTES (as sent, or once decoded). */
export class TransportBodyTooLargeError extends Error {
  constructor() {
    super(`upstream answer larger than ${MAX_BODY_BYTES} bytes`);
    this.name = 'TransportBodyTooLargeError';
  }
}

const GZIP_MAGIC_0 = 0x1f;
const GZIP_MAGIC_1 = 0x8b;

export function headersOf(raw: IncomingHttpHeaders): ResponseHeaders {
  return {
    get(name) {
      const value = raw[name.toLowerCase()];
      if (value === undefined) return null;
      return Array.isArray(value) ? value.join(', ') : value;
    },
  };
}

const isGzipLabelled = (headers: IncomingHttpHeaders) => /^\s*(?:x-)?gzip\s*$/i.test(headers['content-encoding'] ?? '');

/** A gzip-labelled body is decoded only when it really starts like gzip (§12.3: the label can lie). */
export function decodeBody(bytes: Buffer, headers: IncomingHttpHeaders): Buffer {
  if (!isGzipLabelled(headers) || bytes.length < 2) return bytes;
  if (bytes[0] !== GZIP_MAGIC_0 || bytes[1] !== GZIP_MAGIC_1) return bytes;
  // One synchronous call: these bodies are small, and a stream costs more than the inflating.
  try {
    return gunzipSync(bytes, { maxOutputLength: MAX_BODY_BYTES });
  } catch (error) {
    if (error instanceof RangeError) throw new TransportBodyTooLargeError();
    throw error;
  }
}

/** A stream of the decoded body; the label is trusted here (file streams are never compressed by hand). */
function decodedStream(res: IncomingMessage): Readable {
  if (!isGzipLabelled(res.headers)) return res;
  const gunzip = createGunzip();
  res.on('error', (error) => gunzip.destroy(error));
  return res.pipe(gunzip);
}

/**
 * Keep-alive agents for one base URL. Idle sockets are closed after 4 s unless the server announces
 * a shorter keep-alive (node's agent honours `Keep-Alive: timeout=`), like fetch's default pool;
 * a GET that meets a socket closed under it is retried by the client.
 */
export function createAgent(baseUrl: string): http.Agent {
  const options = { keepAlive: true, timeout: 4_000 };
  return baseUrl.startsWith('https:') ? new https.Agent(options) : new http.Agent(options);
}

export function exchange(agent: http.Agent, req: TransportRequest): Promise<TransportResponse> {
  return new Promise<TransportResponse>((resolve, reject) => {
    const send = req.url.startsWith('https:') ? https.request : http.request;
    const headers =
      req.body === undefined ? req.headers : { ...req.headers, 'Content-Length': String(Buffer.byteLength(req.body)) };
    const outgoing = send(req.url, { method: req.method, headers, agent });
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outcome();
    };
    // A plain timer rather than an AbortSignal: cheaper, and the socket is destroyed either way.
    const timer = setTimeout(() => {
      settle(() => reject(new TransportTimeoutError()));
      outgoing.destroy();
    }, req.timeoutMs);
    // `on`, not `once`: a socket can fail more than once, and an unheard 'error' would crash the process.
    outgoing.on('error', (error) => settle(() => reject(error)));
    outgoing.once('response', (res) => {
      const status = res.statusCode ?? 0;
      if (req.stream && status >= 200 && status < 300) {
        // The caller owns the stream now; the timeout covered the wait for the headers only.
        settle(() => resolve({ status, headers: headersOf(res.headers), bytes: null, stream: decodedStream(res) }));
        return;
      }
      const chunks: Buffer[] = [];
      let received = 0;
      res.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received > MAX_BODY_BYTES) {
          settle(() => reject(new TransportBodyTooLargeError()));
          outgoing.destroy();
          return;
        }
        chunks.push(chunk);
      });
      res.on('error', (error) => settle(() => reject(error)));
      res.once('aborted', () => settle(() => reject(new Error('upstream response aborted'))));
      res.once('end', () =>
        settle(() => {
          try {
            resolve({
              status,
              headers: headersOf(res.headers),
              bytes: decodeBody(Buffer.concat(chunks), res.headers),
              stream: null,
            });
          } catch (error) {
            reject(error);
          }
        }),
      );
    });
    outgoing.end(req.body);
  });
}
