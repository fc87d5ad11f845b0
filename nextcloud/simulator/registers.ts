import type { RequestContext } from './context.js';
import { registerJson, schemaJson } from './entities.js';
import { exceptionPage, json, type SimResponse } from './http.js';
import { listParam, phpInt } from './php-query.js';
import { findRegister, findSchema, schemaById } from './resolve.js';
import type { JsonObject, SimRegister, SimSchema } from './types.js';

/** Register and schema routes (§2.3, §6): enough for a client to resolve slugs to numeric ids. */

/** `_limit`, `_offset`, `_page` on the register/schema indexes; without them everything. */
function paginate<T>(ctx: RequestContext, items: T[]): T[] {
  const q = ctx.query;
  if (q._limit === undefined) return items;
  const limit = Math.max(0, phpInt(q._limit));
  const offset =
    q._offset !== undefined
      ? Math.max(0, phpInt(q._offset))
      : (Math.max(1, q._page === undefined ? 1 : phpInt(q._page)) - 1) * limit;
  return items.slice(offset, offset + limit);
}

function registerWithExtend(ctx: RequestContext, register: SimRegister): JsonObject {
  const out = registerJson(register);
  if (listParam(ctx.query._extend).includes('schemas')) {
    out.schemas = register.schemas
      .map((id) => schemaById(ctx.data, id))
      .filter((s): s is SimSchema => s !== undefined)
      .map((s) => schemaJson(s, ctx.baseUrl));
  }
  return out;
}

export function listRegisters(ctx: RequestContext): SimResponse {
  return json(200, { results: paginate(ctx, ctx.data.registers).map((r) => registerWithExtend(ctx, r)) });
}

export function showRegister(ctx: RequestContext, params: Record<string, string>): SimResponse {
  const register = findRegister(ctx.data, params.id!);
  // RegisterService::find is not wrapped upstream: an unknown register is Nextcloud's 500 page (§2.3).
  if (!register) return exceptionPage(ctx.requestId);
  return json(200, registerWithExtend(ctx, register));
}

export function registerSchemas(ctx: RequestContext, params: Record<string, string>): SimResponse {
  const register = findRegister(ctx.data, params.id!);
  if (!register) return json(404, { error: 'Register not found' });
  const schemas = register.schemas.map((id) => schemaById(ctx.data, id)).filter((s): s is SimSchema => s !== undefined);
  return json(200, { results: schemas.map((s) => schemaJson(s, ctx.baseUrl)), total: schemas.length });
}

export function listSchemas(ctx: RequestContext): SimResponse {
  const results = paginate(ctx, ctx.data.schemas).map((s) => ({ ...schemaJson(s, ctx.baseUrl), '@self': { extendedBy: [] } }));
  return json(200, { results });
}

export function showSchema(ctx: RequestContext, params: Record<string, string>): SimResponse {
  const schema = findSchema(ctx.data, params.id!);
  if (!schema) return json(404, { error: 'Schema not found' });
  return json(200, schemaJson(schema, ctx.baseUrl));
}

/** The schema keys Pipelinq's settings hold (§13.3, SettingsService::CONFIG_KEYS); no other schema is named there. */
const PIPELINQ_SCHEMA_KEYS = new Set([
  'client_schema',
  'contact_schema',
  'lead_schema',
  'request_schema',
  'pipeline_schema',
  'product_schema',
  'productCategory_schema',
  'leadProduct_schema',
]);

/**
 * Pipelinq's own settings route (§13.3): the register and schema ids as strings. It lacks
 * `@NoCSRFRequired`, which is why clients must send `OCS-APIRequest`.
 */
export function pipelinqSettings(ctx: RequestContext): SimResponse {
  if (ctx.data.pipelinqSettings) return json(200, { success: true, config: { ...ctx.data.pipelinqSettings } });
  const register = ctx.data.registers.find((r) => r.slug === 'pipelinq');
  const config: Record<string, string> = {};
  if (register) {
    config.register = String(register.id);
    for (const id of register.schemas) {
      const schema = schemaById(ctx.data, id);
      const key = `${schema?.slug}_schema`;
      if (schema && PIPELINQ_SCHEMA_KEYS.has(key)) config[key] = String(schema.id);
    }
  }
  return json(200, { success: true, config });
}
