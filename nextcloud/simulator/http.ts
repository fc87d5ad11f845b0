import type { IncomingMessage, ServerResponse } from 'node:http';
import { constants, gzipSync } from 'node:zlib';

/**
 * Response values and the one writer that puts them on the wire, so every route gets the headers
 * Nextcloud's base Response always sends (§12.2) and the compression behaviour of §12.3.
 */

export interface SimResponse {
  status: number;
  /** Serialised the way PHP's json_encode does it (escaped slashes and tags). */
  json?: unknown;
  body?: Uint8Array | string;
  contentType?: string;
  headers?: Record<string, string>;
  /** Only the app framework's output is compressed; file streams are not. */
  compressible?: boolean;
  /** §12.3: the objects list labels itself gzip when it holds more than 10 rows. */
  forceGzipLabel?: boolean;
}

export function json(status: number, body: unknown, headers?: Record<string, string>): SimResponse {
  return { status, json: body, headers, compressible: true };
}

/** Nextcloud's page for an uncaught exception (§4.4): HTML, status 500. */
export function exceptionPage(requestId: string): SimResponse {
  const body =
    '<!DOCTYPE html>\n<html class="ng-csp" data-placeholder-focus="false" lang="en">\n<head>\n' +
    '<meta charset="utf-8">\n<title>Nextcloud</title>\n</head>\n<body id="body-login">\n' +
    '<div class="guest-box">\n<h2>Internal Server Error</h2>\n' +
    '<p>The server was unable to complete your request.</p>\n' +
    '<p>If this happens again, please send the technical details below to the server administrator.</p>\n' +
    '<p>More details can be found in the server log.</p>\n' +
    `<h3>Technical details</h3>\n<ul>\n<li>Remote Address: 127.0.0.1</li>\n<li>Request ID: ${requestId}</li>\n</ul>\n` +
    '</div>\n</body>\n</html>\n';
  return { status: 500, body, contentType: 'text/html; charset=UTF-8', compressible: true };
}

export function notFoundPage(): SimResponse {
  const body =
    '<!DOCTYPE html>\n<html><head><title>Nextcloud</title></head><body><h2>Page not found</h2>' +
    '<p>The page could not be found on the server or you may not be allowed to see it.</p></body></html>\n';
  return { status: 404, body, contentType: 'text/html; charset=UTF-8', compressible: true };
}

/** PHP json_encode escapes `/`, and Nextcloud adds JSON_HEX_TAG; JSON parsers do not care. */
export function phpJson(value: unknown): string {
  return JSON.stringify(value).replace(/\//g, '\\/').replace(/</g, '\\u003C').replace(/>/g, '\\u003E');
}

/** A response as it goes on the wire: status, headers and the (possibly compressed) body. */
export interface EncodedResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** Serialises and compresses a response: the costly part, done before any simulated latency is waited out. */
export function encodeResponse(req: IncomingMessage, requestId: string, response: SimResponse): EncodedResponse {
  let body: Buffer;
  let contentType = response.contentType;
  if (response.json !== undefined) {
    body = Buffer.from(phpJson(response.json));
    contentType ??= 'application/json; charset=utf-8';
  } else {
    body = typeof response.body === 'string' ? Buffer.from(response.body) : Buffer.from(response.body ?? new Uint8Array());
  }
  const headers: Record<string, string> = {
    'Cache-Control': 'no-cache, no-store, must-revalidate',
    'X-Request-Id': requestId,
    'Content-Security-Policy': "default-src 'none';base-uri 'none';manifest-src 'self';frame-ancestors 'none'",
    'X-Robots-Tag': 'noindex, nofollow',
    ...(contentType ? { 'Content-Type': contentType } : {}),
    ...response.headers,
  };
  const acceptsGzip = /\bgzip\b/i.test(String(req.headers['accept-encoding'] ?? ''));
  // Nextcloud's CompressionMiddleware only compresses 200 answers of the app framework.
  if (response.compressible && response.status === 200 && acceptsGzip && body.length > 0) {
    // The fastest level: a client cannot tell levels apart, and this stand-in's own work should
    // weigh as little as it can in the gateway's figures.
    body = gzipSync(body, { level: constants.Z_BEST_SPEED });
    headers['Content-Encoding'] = 'gzip';
    headers['Vary'] = 'Accept-Encoding';
  } else if (response.forceGzipLabel) {
    headers['Content-Encoding'] = 'gzip';
    headers['Vary'] = 'Accept-Encoding';
  }
  if (response.status !== 204) headers['Content-Length'] = String(body.length);
  return { status: response.status, headers, body };
}

export function writeResponse(req: IncomingMessage, res: ServerResponse, encoded: EncodedResponse): void {
  res.writeHead(encoded.status, encoded.headers);
  res.end(encoded.status === 204 || req.method === 'HEAD' ? undefined : encoded.body);
}

const MAX_BODY = 10 * 1024 * 1024;

export async function readBody(req: IncomingMessage, maxBytes = MAX_BODY): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
