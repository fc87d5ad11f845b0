import { canRead } from './access.js';
import type { RequestContext } from './context.js';
import { nowC } from './dates.js';
import { executableMessage, isExecutableFile } from './executables.js';
import { exceptionPage, json, readBody, type SimResponse } from './http.js';
import { etagFor } from './ids.js';
import { parsePhpQuery, phpInt, type QueryMap, type QueryValue } from './php-query.js';
import { renderFile } from './render.js';
import { findObjectAnywhere, findRegister, findSchema, schemaById } from './resolve.js';
import type { SimFile, SimObject } from './types.js';

/**
 * Uploads to an object (reference openregister-files.md §1 and §3): `POST …/{id}/files` (JSON or
 * form fields, one file) and `POST …/{id}/filesMultipart` (multipart/form-data). Both need a
 * logged-in user (the router refuses anonymous callers) and no CSRF token. OpenRegister sets no
 * size cap or type allow-list; PHP's limits apply, modelled by the `postMaxSize` and
 * `uploadMaxFilesize` instance options. `share` is accepted and ignored: the simulator has no link
 * shares, so `accessUrl`/`downloadUrl` stay null.
 */

/** Well above the gateway's 25 MB per file even when base64-inflated; PHP's limits are the options. */
const MAX_UPLOAD_BODY = 80 * 1024 * 1024;

/** Nextcloud names a file's type after its extension (its mimetype mapping), not after the bytes. */
const MIME_BY_EXTENSION: Record<string, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  txt: 'text/plain',
  csv: 'text/csv',
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  zip: 'application/zip',
};

function mimeTypeOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return (dot >= 0 && MIME_BY_EXTENSION[name.slice(dot + 1).toLowerCase()]) || 'application/octet-stream';
}

const STRICT_BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * CreateFileHandler's encoding rule: a `data:…;base64,` prefix goes, then content that is strict
 * base64 AND re-encodes to the identical text is decoded; anything else is stored as it came. So
 * raw text such as "test" is decoded into junk, which is why clients must always send base64.
 */
export function storedBytes(content: string | Uint8Array): Uint8Array {
  const raw = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
  let text = raw.toString('latin1');
  const prefix = /^data:[^,]*;base64,/.exec(text);
  if (prefix) text = text.slice(prefix[0].length);
  if (text !== '' && STRICT_BASE64.test(text)) {
    const decoded = Buffer.from(text, 'base64');
    if (decoded.toString('base64') === text) return new Uint8Array(decoded);
  }
  return new Uint8Array(prefix ? Buffer.from(text, 'latin1') : raw);
}

function tagsFrom(value: QueryValue | unknown): string[] {
  const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
  return items.filter((t): t is string => typeof t === 'string').map((t) => t.trim());
}

/** Stores one file on the object, with the automatic `object:<uuid>` tag upstream adds. */
function addFile(ctx: RequestContext, object: SimObject, name: string, bytes: Uint8Array, tags: string[]): SimFile {
  const now = nowC();
  const file: SimFile = {
    id: ctx.data.nextFileId++,
    objectUuid: object.uuid,
    name,
    mimeType: mimeTypeOf(name),
    bytes,
    etag: etagFor(bytes),
    created: now,
    modified: now,
    labels: [...tags, `object:${object.uuid}`],
  };
  ctx.data.files.push(file);
  return file;
}

/** The object as the caller may read it (RBAC and multitenancy on), or null. */
function readableObject(ctx: RequestContext, id: string): SimObject | null {
  const object = findObjectAnywhere(ctx.data, id);
  if (!object || object.deleted) return null;
  const schema = schemaById(ctx.data, object.schema);
  return schema && canRead(ctx.data, ctx.user, schema, object) ? object : null;
}

/** The body as PHP's `getParams()` sees it: JSON or urlencoded; empty past `post_max_size`. */
async function formParams(ctx: RequestContext): Promise<Record<string, unknown>> {
  const body = await readBody(ctx.req, MAX_UPLOAD_BODY);
  const postMax = ctx.data.options.postMaxSize;
  if (postMax !== undefined && body.length > postMax) return {};
  const type = String(ctx.req.headers['content-type'] ?? '').toLowerCase();
  if (type.startsWith('application/json')) {
    try {
      const parsed: unknown = JSON.parse(body.toString('utf8'));
      return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  }
  if (type.startsWith('application/x-www-form-urlencoded')) return parsePhpQuery(body.toString('utf8'));
  return {};
}

/** `POST …/{id}/files`: one file from JSON or form fields; 200 with its metadata. */
export async function createFile(ctx: RequestContext, params: Record<string, string>): Promise<SimResponse> {
  // setRegister/setSchema run before the controller's try block: unknown ones are a 500 page.
  if (!findRegister(ctx.data, params.register!) || !findSchema(ctx.data, params.schema!)) return exceptionPage(ctx.requestId);
  const object = readableObject(ctx, params.id!);
  if (!object) return json(404, { error: 'Object not found' });
  const body = await formParams(ctx);
  const rawName = body.name ?? body.filename;
  const name = typeof rawName === 'string' || typeof rawName === 'number' ? String(rawName) : '';
  if (name === '') return json(400, { error: 'File name is required (use "name" or "filename")' });
  if (!('content' in body)) return json(400, { error: 'File content is required' });
  const content = body.content === null || body.content === undefined ? '' : String(body.content);
  const bytes = storedBytes(content);
  if (isExecutableFile(name, bytes)) return json(400, { error: `Failed to create file ${name}: ${executableMessage(name)}` });
  const tags = body.tags === undefined || body.tags === '' ? [] : tagsFrom(body.tags);
  const file = addFile(ctx, object, name, bytes, tags);
  return json(200, renderFile(ctx.data, file, true));
}

interface UploadPart {
  name: string;
  bytes: Uint8Array;
  tags: string[];
}

function formTags(form: FormData, key: string): string[] {
  const values = [...form.getAll(key), ...form.getAll(`${key}[]`)].filter((v): v is string => typeof v === 'string');
  return values.flatMap((v) => v.split(',')).map((t) => t.trim());
}

/** `$_FILES` as the controller normalises it: one `files` part, or `files[]` with tags per index. */
async function uploadParts(form: FormData): Promise<UploadPart[]> {
  const single = form.get('files');
  const parts: UploadPart[] = [];
  if (single instanceof File) {
    parts.push({ name: single.name, bytes: new Uint8Array(await single.arrayBuffer()), tags: formTags(form, 'tags') });
  }
  const many = form.getAll('files[]').filter((v): v is File => v instanceof File);
  for (const [index, file] of many.entries()) {
    parts.push({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()), tags: formTags(form, `tags[${index}]`) });
  }
  return parts;
}

/** `_limit`/`_page` of formatFiles, read from the form fields (default 30 per page). */
function page<T>(items: T[], fields: QueryMap): T[] {
  const limit = Math.max(1, fields._limit === undefined ? 30 : phpInt(fields._limit));
  const number = Math.max(1, fields._page === undefined ? 1 : phpInt(fields._page));
  return items.slice((number - 1) * limit, number * limit);
}

/**
 * `POST …/{id}/filesMultipart`: everything sits in one try block upstream, so unknown registers,
 * schemas and objects are 400 `{error}` (a readable-but-missing object 404). Files are stored one by
 * one without rollback: when file k fails, the ones before it stay.
 */
export async function createFilesMultipart(ctx: RequestContext, params: Record<string, string>): Promise<SimResponse> {
  if (!findRegister(ctx.data, params.register!)) return json(400, { error: `Register not found: ${params.register}` });
  if (!findSchema(ctx.data, params.schema!)) return json(400, { error: 'Schema not found' });
  const object = readableObject(ctx, params.id!);
  if (!object) return json(404, { error: 'Object not found' });
  const type = String(ctx.req.headers['content-type'] ?? '');
  const body = await readBody(ctx.req, MAX_UPLOAD_BODY);
  const postMax = ctx.data.options.postMaxSize;
  if (!/^multipart\/form-data/i.test(type) || (postMax !== undefined && body.length > postMax)) {
    return json(400, { error: 'No files uploaded' });
  }
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(body), { headers: { 'content-type': type } }).formData();
  } catch {
    return json(400, { error: 'No files uploaded' });
  }
  // On main, a part named `file` skips normalisation and ends in an uncaught TypeError.
  if (form.get('file') instanceof File && !form.has('files') && !form.has('files[]')) return exceptionPage(ctx.requestId);
  const parts = await uploadParts(form);
  if (parts.length === 0) return json(400, { error: 'No files uploaded' });
  const maxFile = ctx.data.options.uploadMaxFilesize;
  const stored: SimFile[] = [];
  for (const part of parts) {
    if (maxFile !== undefined && part.bytes.length > maxFile) {
      return json(400, {
        error: `File upload error for ${part.name}: The uploaded file exceeds the upload_max_filesize directive in php.ini`,
      });
    }
    const bytes = storedBytes(part.bytes);
    if (isExecutableFile(part.name, bytes)) return json(400, { error: executableMessage(part.name) });
    stored.push(addFile(ctx, object, part.name, bytes, part.tags));
  }
  const fields: QueryMap = {};
  form.forEach((value, key) => {
    if (typeof value === 'string') fields[key] = value;
  });
  return json(
    200,
    page(stored, fields).map((file) => renderFile(ctx.data, file, true)),
  );
}
