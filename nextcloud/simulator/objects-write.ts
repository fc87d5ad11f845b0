import { randomUUID } from 'node:crypto';
import { organisationAllows, rbacAllows } from './access.js';
import { jsonBody, type RequestContext } from './context.js';
import { nowC } from './dates.js';
import { json, type SimResponse } from './http.js';
import { renderOptions, resolveTable } from './objects-read.js';
import { renderObject } from './render.js';
import { findObjectIn } from './resolve.js';
import type { SimObject, SimSchema } from './types.js';
import { cleanIncoming, validateObject } from './validate.js';

/**
 * Writes (§7, §14 item 22): create 201, update 200, delete 204 (soft delete). Success bodies are the
 * object unstripped, as the save path serialises it. Validation failures are a bare JSON string.
 */

function permissionError(ctx: RequestContext, action: string, schema: SimSchema): SimResponse {
  return json(403, {
    error: `User '${ctx.user?.id ?? ''}' does not have permission to '${action}' objects in schema '${schema.title}'`,
  });
}

function bumpVersion(version: string): string {
  const parts = version.split('.').map((p) => Number.parseInt(p, 10) || 0);
  while (parts.length < 3) parts.push(0);
  parts[2]! += 1;
  return parts.join('.');
}

async function readObjectBody(ctx: RequestContext): Promise<Record<string, unknown> | null> {
  const body = await jsonBody(ctx);
  return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : null;
}

export async function createObject(ctx: RequestContext, params: Record<string, string>): Promise<SimResponse> {
  const table = resolveTable(ctx, params.register!, params.schema!);
  if ('error' in table) return table.error;
  const { register, schema } = table;
  if (ctx.user === null || !rbacAllows(ctx.user, schema, 'create')) return permissionError(ctx, 'create', schema);
  const body = await readObjectBody(ctx);
  if (body === null) return json(400, 'Invalid JSON in request body');
  const checked = validateObject(schema, cleanIncoming(body), true);
  if (!checked.ok) return json(400, checked.message);
  const now = nowC();
  const object: SimObject = {
    id: ctx.data.nextObjectId++,
    uuid: randomUUID(),
    slug: null,
    register: register.id,
    schema: schema.id,
    owner: ctx.user.id,
    // New objects belong to the creator's active organisation, as OpenRegister assigns them.
    organisation: ctx.user.organisations[0] ?? null,
    application: null,
    version: '0.0.1',
    created: now,
    updated: now,
    deleted: null,
    data: checked.data,
  };
  ctx.data.objects.push(object);
  return json(201, renderObject(ctx.data, schema, object, { ...renderOptions(ctx, []), keepEmpty: true }));
}

export async function updateObject(
  ctx: RequestContext,
  params: Record<string, string>,
  mode: 'replace' | 'merge',
): Promise<SimResponse> {
  const table = resolveTable(ctx, params.register!, params.schema!);
  if ('error' in table) return table.error;
  const { register, schema } = table;
  const object = findObjectIn(ctx.data, register, schema, params.id!);
  if (!object || object.deleted || !organisationAllows(ctx.data, ctx.user, schema, object))
    return json(404, { error: 'Not Found' });
  if (ctx.user === null || !rbacAllows(ctx.user, schema, 'update', object)) return permissionError(ctx, 'update', schema);
  const body = await readObjectBody(ctx);
  if (body === null) return json(400, 'Invalid JSON in request body');
  const incoming = cleanIncoming(body);
  const checked = validateObject(schema, mode === 'merge' ? { ...object.data, ...incoming } : incoming, false);
  if (!checked.ok) return json(400, checked.message);
  object.data = checked.data;
  object.updated = nowC();
  object.version = bumpVersion(object.version);
  return json(200, renderObject(ctx.data, schema, object, { ...renderOptions(ctx, []), keepEmpty: true }));
}

export function deleteObject(ctx: RequestContext, params: Record<string, string>): SimResponse {
  const table = resolveTable(ctx, params.register!, params.schema!);
  if ('error' in table) return table.error;
  const { register, schema } = table;
  const object = findObjectIn(ctx.data, register, schema, params.id!);
  // Upstream reports a missing object on delete as 403 too (§7).
  if (!object || object.deleted || !organisationAllows(ctx.data, ctx.user, schema, object))
    return json(403, { error: 'Object not found' });
  if (ctx.user === null || !rbacAllows(ctx.user, schema, 'delete', object)) return permissionError(ctx, 'delete', schema);
  object.deleted = { deleted: nowC(), deletedBy: ctx.user.id };
  return { status: 204 };
}
