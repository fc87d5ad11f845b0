/**
 * What a customer's file really is, read from its bytes. The client's MIME type and the file's
 * extension are claims anyone can forge, so the type comes from magic numbers and, for the zip and
 * OLE containers, from the container's contents; the extension only has to agree with it, because
 * Nextcloud names the stored file's type after its extension and staff open it by that name.
 */

export type AttachmentKind =
  'pdf' | 'png' | 'jpeg' | 'gif' | 'webp' | 'docx' | 'xlsx' | 'pptx' | 'odt' | 'ods' | 'doc' | 'xls' | 'text' | 'csv';

export interface AllowedType {
  kind: AttachmentKind;
  mimeType: string;
  /** Extensions a file of this kind may carry (lower case, without the dot). */
  extensions: readonly string[];
}

export const ALLOWED_TYPES: Record<AttachmentKind, AllowedType> = {
  pdf: { kind: 'pdf', mimeType: 'application/pdf', extensions: ['pdf'] },
  png: { kind: 'png', mimeType: 'image/png', extensions: ['png'] },
  jpeg: { kind: 'jpeg', mimeType: 'image/jpeg', extensions: ['jpg', 'jpeg'] },
  gif: { kind: 'gif', mimeType: 'image/gif', extensions: ['gif'] },
  webp: { kind: 'webp', mimeType: 'image/webp', extensions: ['webp'] },
  docx: {
    kind: 'docx',
    mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['docx'],
  },
  xlsx: { kind: 'xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['xlsx'] },
  pptx: {
    kind: 'pptx',
    mimeType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    extensions: ['pptx'],
  },
  odt: { kind: 'odt', mimeType: 'application/vnd.oasis.opendocument.text', extensions: ['odt'] },
  ods: { kind: 'ods', mimeType: 'application/vnd.oasis.opendocument.spreadsheet', extensions: ['ods'] },
  doc: { kind: 'doc', mimeType: 'application/msword', extensions: ['doc'] },
  xls: { kind: 'xls', mimeType: 'application/vnd.ms-excel', extensions: ['xls'] },
  text: { kind: 'text', mimeType: 'text/plain', extensions: ['txt'] },
  csv: { kind: 'csv', mimeType: 'text/csv', extensions: ['csv'] },
};

export type Sniffed = { kind: 'allowed'; type: AllowedType } | { kind: 'executable' } | { kind: 'unknown' };

/**
 * Extensions that run code when opened. OpenRegister refuses these by name whatever the bytes
 * (reference: openregister-files.md, "Checks common to all three"), so the gateway names them as
 * executables too instead of letting upstream refuse them after the request exists.
 */
const EXECUTABLE_EXTENSIONS = new Set(
  (
    'exe com bat cmd msi msp scr pif cpl dll sys vbs vbe js jse mjs ws wsf wsc wsh hta ps1 psm1 ps1xml psc1 reg lnk inf ' +
    'sh bash csh ksh zsh fish run bin elf so dylib app deb rpm apk ipa jar class war ear php php3 php4 php5 phtml phar ' +
    'py pyc pyo pl cgi rb gadget application'
  ).split(' '),
);

export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 ? fileName.slice(dot + 1).toLowerCase() : '';
}

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0) =>
  bytes.length >= at + prefix.length && prefix.every((b, i) => bytes[at + i] === b);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/** Windows PE, ELF, Java class / Mach-O fat, Mach-O 32/64 in both byte orders. */
const EXECUTABLE_MAGIC = [
  ascii('MZ'),
  [0x7f, 0x45, 0x4c, 0x46],
  [0xca, 0xfe, 0xba, 0xbe],
  [0xfe, 0xed, 0xfa, 0xce],
  [0xfe, 0xed, 0xfa, 0xcf],
  [0xce, 0xfa, 0xed, 0xfe],
  [0xcf, 0xfa, 0xed, 0xfe],
];

/** Script markers upstream looks for in the first 1024 bytes: a shebang, PHP open tags. */
function hasScriptMarker(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  return head.startsWith('#!') || head.includes('<?php') || head.includes('<?=');
}

export function isExecutable(fileName: string, bytes: Uint8Array): boolean {
  if (EXECUTABLE_EXTENSIONS.has(extensionOf(fileName))) return true;
  return EXECUTABLE_MAGIC.some((magic) => startsWith(bytes, magic)) || hasScriptMarker(bytes);
}

/** Names of the entries in a zip's central directory; null when it is not a readable zip. */
function zipEntryNames(bytes: Uint8Array): string[] | null {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record sits in the last 22 + 65535 (comment) bytes.
  const from = Math.max(0, buf.length - 22 - 65_535);
  let eocd = -1;
  for (let i = buf.length - 22; i >= from; i -= 1) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let n = 0; n < count; n += 1) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== 0x02014b50) return null;
    const nameLength = buf.readUInt16LE(at + 28);
    const extraLength = buf.readUInt16LE(at + 30);
    const commentLength = buf.readUInt16LE(at + 32);
    if (at + 46 + nameLength > buf.length) return null;
    names.push(buf.toString('utf8', at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

/** OpenDocument puts an uncompressed `mimetype` entry first, so its text sits at a fixed offset. */
function openDocumentMime(bytes: Uint8Array): string | null {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < 38 || buf.toString('latin1', 30, 38) !== 'mimetype') return null;
  const size = buf.readUInt32LE(18);
  const start = 30 + buf.readUInt16LE(26) + buf.readUInt16LE(28);
  return size > 0 && size < 100 && start + size <= buf.length ? buf.toString('latin1', start, start + size) : null;
}

function sniffZip(bytes: Uint8Array): AllowedType | null {
  const odf = openDocumentMime(bytes);
  if (odf === ALLOWED_TYPES.odt.mimeType) return ALLOWED_TYPES.odt;
  if (odf === ALLOWED_TYPES.ods.mimeType) return ALLOWED_TYPES.ods;
  const names = zipEntryNames(bytes);
  if (!names || !names.includes('[Content_Types].xml')) return null;
  // Macro-enabled documents (docm, xlsm, …) carry a VBA project: code, so not accepted.
  if (names.some((name) => /(^|\/)vbaProject\.bin$/i.test(name))) return null;
  if (names.some((name) => name.startsWith('word/'))) return ALLOWED_TYPES.docx;
  if (names.some((name) => name.startsWith('xl/'))) return ALLOWED_TYPES.xlsx;
  if (names.some((name) => name.startsWith('ppt/'))) return ALLOWED_TYPES.pptx;
  return null;
}

/**
 * Plain text: no NUL or other control bytes besides tab, line breaks and form feed. UTF-8 and the
 * Windows code pages spreadsheets export CSV in both pass; binary formats do not.
 */
function looksLikeText(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) return false;
  return true;
}

export function sniffAttachment(fileName: string, bytes: Uint8Array): Sniffed {
  if (isExecutable(fileName, bytes)) return { kind: 'executable' };
  const found = (type: AllowedType): Sniffed => ({ kind: 'allowed', type });
  if (startsWith(bytes, ascii('%PDF-'))) return found(ALLOWED_TYPES.pdf);
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return found(ALLOWED_TYPES.png);
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return found(ALLOWED_TYPES.jpeg);
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return found(ALLOWED_TYPES.gif);
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return found(ALLOWED_TYPES.webp);
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    const office = sniffZip(bytes);
    return office ? found(office) : { kind: 'unknown' };
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    // An OLE container holds Word, Excel, PowerPoint, Outlook mail, … alike; which one it is needs a
    // full directory walk, so the extension decides among the two legacy formats accepted.
    const extension = extensionOf(fileName);
    if (extension === 'doc') return found(ALLOWED_TYPES.doc);
    if (extension === 'xls') return found(ALLOWED_TYPES.xls);
    return { kind: 'unknown' };
  }
  if (bytes.length > 0 && looksLikeText(bytes))
    return found(extensionOf(fileName) === 'csv' ? ALLOWED_TYPES.csv : ALLOWED_TYPES.text);
  return { kind: 'unknown' };
}
