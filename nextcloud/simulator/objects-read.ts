import { canRead, organisationAllows, rbacAllows } from './access.js';
import type { RequestContext } from './context.js';
import { registerJson, schemaJson } from './entities.js';
import { exceptionPage, json, type SimResponse } from './http.js';
import { runListQuery } from './list-query.js';
import { isTruthyParam, listParam } from './php-query.js';
import { renderObject, type RenderOptions } from './render.js';
import { filesByObject, findObjectIn, findRegister, findSchema, schemaById } from './resolve.js';
import type { JsonObject, SimRegister, SimSchema } from './types.js';

/** `GET /api/objects/{register}/{schema}` and `GET …/{id}` (§3, §4). */

type Resolved = { register: SimRegister; schema: SimSchema } | { error: SimResponse };

/** Unknown register/schema answer with a `message` key, unlike most other errors (§3.1). */
export function resolveTable(ctx: RequestContext, registerIn: string, schemaIn: string): Resolved {
  const register = findRegister(ctx.data, registerIn);
  if (!register) return { error: json(404, { message: `Register not found: '${registerIn}'` }) };
  const schema = findSchema(ctx.data, schemaIn);
  if (!schema) return { error: json(404, { message: `Schema not found: '${schemaIn}'` }) };
  return { register, schema };
}

export function renderOptions(ctx: RequestContext, extend: string[]): RenderOptions {
  return {
    baseUrl: ctx.baseUrl,
    keepEmpty: isTruthyParam(ctx.query._empty),
    fields: listParam(ctx.query._fields),
    unset: listParam(ctx.query._unset),
    extendFiles: extend.includes('_files') || extend.includes('@self.files'),
    authenticated: ctx.user !== null,
    fileIndex: filesByObject(ctx.data),
  };
}

/** `_extend` values that ask for the register/schema entities (§3.2). */
function extendMaps(ctx: RequestContext, extend: string[], register: SimRegister, schema: SimSchema): JsonObject {
  const out: JsonObject = {};
  if (extend.some((e) => ['_registers', '_register', '@self.register'].includes(e)))
    out.registers = { [register.id]: registerJson(register) };
  if (extend.some((e) => ['_schemas', '_schema', '@self.schema'].includes(e)))
    out.schemas = { [schema.id]: schemaJson(schema, ctx.baseUrl) };
  return out;
}

/** Related objects named by `_extend=<property>`, keyed by uuid, as far as the caller may read them. */
function relatedObjects(
  ctx: RequestContext,
  extend: string[],
  schema: SimSchema,
  rows: JsonObject[],
  options: RenderOptions,
): JsonObject {
  const related: JsonObject = {};
  const props = extend.filter((e) => schema.properties[e]?.format === 'uuid');
  for (const row of rows) {
    for (const prop of props) {
      const uuid = row[prop];
      if (typeof uuid !== 'string' || related[uuid]) continue;
      const target = ctx.data.objects.find((o) => o.uuid === uuid);
      const targetSchema = target && schemaById(ctx.data, target.schema);
      if (target && targetSchema && canRead(ctx.data, ctx.user, targetSchema, target))
        related[uuid] = renderObject(ctx.data, targetSchema, target, options);
    }
  }
  return related;
}

export function listObjects(ctx: RequestContext, params: Record<string, string>): SimResponse {
  const started = performance.now();
  const table = resolveTable(ctx, params.register!, params.schema!);
  if ('error' in table) return table.error;
  const { register, schema } = table;
  const outcome = runListQuery(ctx.data, register, schema, ctx.user, ctx.query);
  const extend = listParam(ctx.query._extend);
  const options = renderOptions(ctx, extend);
  const results = outcome.rows.map((o) => renderObject(ctx.data, schema, o, options));
  const elapsed = Math.round((performance.now() - started) * 10) / 10;
  const self: JsonObject = {
    source: 'database',
    metrics: { search: elapsed, db_search: elapsed, db_count: 0.1, lightweightFiles: 0.1, total: elapsed },
    query: {
      '@self': { register: register.id, schema: schema.id },
      ...(ctx.query as JsonObject),
      _register: register.id,
      _schema: schema.id,
    },
    rbac: true,
    multi: true,
    deleted: false,
    ...extendMaps(ctx, extend, register, schema),
  };
  if (extend.length > 0) self.objects = relatedObjects(ctx, extend, schema, results, options);
  if (outcome.ignoredFilters.length > 0) self.ignoredFilters = outcome.ignoredFilters;
  if (outcome.hint) self.hint = outcome.hint;
  const body = {
    results,
    total: outcome.total,
    page: outcome.page,
    pages: outcome.pages,
    limit: outcome.limit,
    offset: outcome.offset,
    facets: [],
    '@self': self,
  };
  return { ...json(200, body), forceGzipLabel: ctx.data.options.gzipQuirk && results.length > 10 };
}

export function showObject(ctx: RequestContext, params: Record<string, string>): SimResponse {
  const table = resolveTable(ctx, params.register!, params.schema!);
  if ('error' in table) return table.error;
  const { register, schema } = table;
  const object = findObjectIn(ctx.data, register, schema, params.id!);
  if (!object || object.deleted) return json(404, { error: 'Not Found' });
  // An RBAC denial is a plain exception upstream that nothing catches: Nextcloud's 500 page (§4.3).
  if (!rbacAllows(ctx.user, schema, 'read', object)) return exceptionPage(ctx.requestId);
  if (!organisationAllows(ctx.data, ctx.user, schema, object)) return json(404, { error: 'Not Found' });
  const extend = listParam(ctx.query._extend);
  const options = renderOptions(ctx, extend);
  const rendered = renderObject(ctx.data, schema, object, options);
  if (extend.length > 0) {
    const self = (rendered['@self'] ?? {}) as JsonObject;
    Object.assign(self, extendMaps(ctx, extend, register, schema), {
      objects: relatedObjects(ctx, extend, schema, [rendered], options),
    });
    rendered['@self'] = self;
  }
  return json(200, rendered);
}
