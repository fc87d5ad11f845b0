/**
 * A small MIME reader for tests: enough for what nodemailer writes (nested multiparts, base64 and
 * quoted-printable parts, RFC 2047 encoded-word headers, folded lines). It lets tests read a mail
 * the way a mail client would, without adding a parsing library to the project.
 */

export interface MimePart {
  /** Header names lower-cased; values unfolded and with encoded words decoded. */
  headers: Record<string, string>;
  /** e.g. `text/plain`, lower-cased, without parameters. */
  contentType: string;
  params: Record<string, string>;
  /** The decoded body of a leaf part (empty for multiparts). */
  body: Buffer;
  parts: MimePart[];
}

export interface ParsedMail {
  headers: Record<string, string>;
  subject: string;
  from: string;
  to: string;
  /** The first text/plain and text/html parts, decoded to strings ('' when absent). */
  text: string;
  html: string;
  root: MimePart;
}

export function parseMail(raw: string | Buffer): ParsedMail {
  // Work on a byte-for-byte "binary" string so 8bit bodies survive until their charset is known.
  const root = parsePart(Buffer.isBuffer(raw) ? raw.toString('latin1') : Buffer.from(raw, 'utf8').toString('latin1'));
  const leaves = flatten(root);
  const firstOf = (type: string) => {
    const part = leaves.find((p) => p.contentType === type && !/attachment/i.test(p.headers['content-disposition'] ?? ''));
    // Text travels with CRLF line ends; readers (and assertions) want the text as written.
    return part ? decodeCharset(part.body, part.params.charset).replace(/\r\n/g, '\n') : '';
  };
  return {
    headers: root.headers,
    subject: root.headers.subject ?? '',
    from: root.headers.from ?? '',
    to: root.headers.to ?? '',
    text: firstOf('text/plain'),
    html: firstOf('text/html'),
    root,
  };
}

/** Bare addresses in an address header: `"Jan" <jan@x.nl>, piet@y.nl` → ['jan@x.nl', 'piet@y.nl']. */
export function addressesIn(value: string): string[] {
  return [...value.matchAll(/<([^<>\s]+@[^<>\s]+)>|([^\s<>",;:]+@[^\s<>",;]+)/g)].map((m) => (m[1] ?? m[2])!.toLowerCase());
}

function parsePart(binary: string): MimePart {
  const split = /\r?\n\r?\n/.exec(binary);
  const head = split ? binary.slice(0, split.index) : binary;
  const body = split ? binary.slice(split.index + split[0].length) : '';
  const headers = parseHeaders(head);
  const [contentType, params] = parseContentType(headers['content-type'] ?? 'text/plain; charset=us-ascii');
  if (contentType.startsWith('multipart/') && params.boundary) {
    return { headers, contentType, params, body: Buffer.alloc(0), parts: splitMultipart(body, params.boundary).map(parsePart) };
  }
  return { headers, contentType, params, body: decodeTransfer(body, headers['content-transfer-encoding']), parts: [] };
}

function parseHeaders(head: string): Record<string, string> {
  const headers: Record<string, string> = {};
  const unfolded = head.replace(/\r?\n(?=[ \t])/g, '');
  for (const line of unfolded.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = decodeWords(Buffer.from(line.slice(colon + 1).trim(), 'latin1').toString('utf8'));
    headers[name] ??= value; // the first occurrence wins (Received: and friends repeat)
  }
  return headers;
}

function parseContentType(value: string): [string, Record<string, string>] {
  const [type, ...rest] = value.split(';');
  const params: Record<string, string> = {};
  for (const match of rest.join(';').matchAll(/([\w!#$%&'*+.^`|~-]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;\s]*)/g)) {
    const raw = match[2]!;
    params[match[1]!.toLowerCase()] = raw.startsWith('"') ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw;
  }
  return [type!.trim().toLowerCase(), params];
}

function splitMultipart(body: string, boundary: string): string[] {
  const parts: string[] = [];
  let current: string[] | null = null;
  for (const line of body.split(/\r?\n/)) {
    if (line.trimEnd() === `--${boundary}--`) break;
    if (line.trimEnd() === `--${boundary}`) {
      if (current) parts.push(current.join('\r\n'));
      current = [];
    } else current?.push(line);
  }
  if (current) parts.push(current.join('\r\n'));
  return parts;
}

function decodeTransfer(body: string, encoding = '7bit'): Buffer {
  switch (encoding.trim().toLowerCase()) {
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64');
    case 'quoted-printable':
      return decodeQuotedPrintable(body.replace(/[ \t]+(\r?\n)/g, '$1').replace(/=\r?\n/g, ''));
    default:
      return Buffer.from(body, 'latin1');
  }
}

function decodeQuotedPrintable(text: string): Buffer {
  return Buffer.from(
    text.replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    'latin1',
  );
}

/**
 * RFC 2047: `=?UTF-8?Q?Caf=C3=A9?=` → `Café`. Adjacent encoded words (only whitespace between)
 * are one run: their bytes are joined before decoding, since an encoder may split a character.
 */
function decodeWords(value: string): string {
  const word = /=\?([^?*]+)(?:\*[^?]*)?\?([QqBb])\?([^?]*)\?=/g;
  const run = /=\?[^?]+\?[QqBb]\?[^?]*\?=(?:\s+=\?[^?]+\?[QqBb]\?[^?]*\?=)*/g;
  return value.replace(run, (words) => {
    let out = '';
    let charset = '';
    let bytes: Buffer[] = [];
    const flush = () => {
      if (bytes.length) out += decodeCharset(Buffer.concat(bytes), charset);
      bytes = [];
    };
    for (const [, wordCharset, kind, text] of words.matchAll(word)) {
      if (wordCharset!.toLowerCase() !== charset) flush();
      charset = wordCharset!.toLowerCase();
      bytes.push(kind!.toUpperCase() === 'B' ? Buffer.from(text!, 'base64') : decodeQuotedPrintable(text!.replace(/_/g, ' ')));
    }
    flush();
    return out;
  });
}

function decodeCharset(bytes: Buffer, charset = 'utf-8'): string {
  try {
    return new TextDecoder(charset.toLowerCase() === 'us-ascii' ? 'utf-8' : charset).decode(bytes);
  } catch {
    return bytes.toString('utf8');
  }
}

function flatten(part: MimePart): MimePart[] {
  return part.parts.length ? part.parts.flatMap(flatten) : [part];
}
