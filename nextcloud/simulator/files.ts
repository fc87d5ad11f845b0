import type { RequestContext } from './context.js';
import { exceptionPage, json, type SimResponse } from './http.js';
import { isTruthyParam, listParam, phpInt, type QueryValue } from './php-query.js';
import { renderFile } from './render.js';
import { findObjectAnywhere, findRegister, findSchema } from './resolve.js';
import type { SimFile } from './types.js';

/**
 * Object files (§8). Like upstream, the list looks the object up by id alone, ignoring the register
 * and schema segments and any RBAC or organisation rule; the gateway must never rely on that.
 */

function filesOf(ctx: RequestContext, objectUuid: string): SimFile[] {
  return ctx.data.files.filter((f) => f.objectUuid === objectUuid).sort((a, b) => a.id - b.id);
}

function firstParam(...values: (QueryValue | undefined)[]): QueryValue | undefined {
  return values.find((v) => v !== undefined);
}

function extensionOf(file: SimFile): string {
  const dot = file.name.lastIndexOf('.');
  return dot >= 0 ? file.name.slice(dot + 1).toLowerCase() : '';
}

export function listFiles(ctx: RequestContext, params: Record<string, string>): SimResponse {
  const object = findObjectAnywhere(ctx.data, params.id!);
  if (!object || object.deleted) return json(404, { error: 'Object not found' });
  const q = ctx.query;
  let files = filesOf(ctx, object.uuid);
  const search = firstParam(q._search, q.search, q.title);
  if (typeof search === 'string' && search !== '')
    files = files.filter((f) => f.name.toLowerCase().includes(search.toLowerCase()));
  const labels = listParam(q.labels);
  if (labels.length > 0) files = files.filter((f) => f.labels.some((l) => labels.includes(l)));
  const extensions = [...listParam(q.extension), ...listParam(q.extensions)].map((e) => e.toLowerCase());
  if (extensions.length > 0) files = files.filter((f) => extensions.includes(extensionOf(f)));
  if (q.minSize !== undefined) files = files.filter((f) => f.bytes.length >= phpInt(q.minSize));
  if (q.maxSize !== undefined) files = files.filter((f) => f.bytes.length <= phpInt(q.maxSize));
  if (isTruthyParam(q._hasLabels)) files = files.filter((f) => f.labels.length > 0);
  if (isTruthyParam(q._noLabels)) files = files.filter((f) => f.labels.length === 0);

  // Its own arithmetic: default 30, minimum 1, and `pages` is 0 when there are no files (§8.1).
  const rawPage = firstParam(q._page, q.page);
  const rawLimit = firstParam(q._limit, q.limit);
  const page = Math.max(1, rawPage === undefined ? 1 : phpInt(rawPage));
  const limit = Math.max(1, rawLimit === undefined ? 30 : phpInt(rawLimit));
  const offset = (page - 1) * limit;
  const total = files.length;
  const results = files.slice(offset, offset + limit).map((f) => renderFile(ctx.data, f, ctx.user !== null));
  return json(200, { results, total, page, pages: Math.ceil(total / limit), limit, offset });
}

function download(file: SimFile, disposition: 'inline' | 'attachment'): SimResponse {
  const safeName = file.name.replace(/["\\]/g, '_');
  return {
    status: 200,
    body: file.bytes,
    contentType: file.mimeType,
    headers: { 'Content-Disposition': `${disposition}; filename="${safeName}"` },
  };
}

/** `GET …/{id}/files/{fileId}`: inline bytes of one of the object's files. */
export function showFile(ctx: RequestContext, params: Record<string, string>): SimResponse {
  // Register and schema are resolved before the controller's try block: unknown ones are a 500 page.
  if (!findRegister(ctx.data, params.register!) || !findSchema(ctx.data, params.schema!)) return exceptionPage(ctx.requestId);
  const object = findObjectAnywhere(ctx.data, params.id!);
  if (!object || object.deleted) return json(404, { error: 'Object not found' });
  const file = filesOf(ctx, object.uuid).find((f) => f.id === Number(params.fileId));
  if (!file) return json(404, { error: 'File not found' });
  return download(file, 'inline');
}

/** `GET /api/files/{fileId}/download`: by file id alone, as an attachment. */
export function downloadFileById(ctx: RequestContext, params: Record<string, string>): SimResponse {
  const file = ctx.data.files.find((f) => f.id === Number(params.fileId));
  if (!file) return json(404, { error: 'File not found' });
  return download(file, 'attachment');
}
