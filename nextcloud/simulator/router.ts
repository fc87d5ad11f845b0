import type { AuthResult } from './auth.js';
import { passesCsrf } from './auth.js';
import type { RequestContext } from './context.js';
import { createFile, createFilesMultipart } from './file-uploads.js';
import { downloadFileById, listFiles, showFile } from './files.js';
import { json, notFoundPage, type SimResponse } from './http.js';
import { listObjects, showObject } from './objects-read.js';
import { createObject, deleteObject, updateObject } from './objects-write.js';
import { handleOcs, statusPhp } from './ocs.js';
import { listRegisters, listSchemas, pipelinqSettings, registerSchemas, showRegister, showSchema } from './registers.js';

/**
 * Dispatch in the order Nextcloud works: wrong credentials are refused before routing (§9.1), then
 * the route decides whether an anonymous caller may pass (`@PublicPage`), then CSRF (§9.2).
 */

type Handler = (ctx: RequestContext, params: Record<string, string>) => SimResponse | Promise<SimResponse>;

interface Route {
  method: string;
  pattern: RegExp;
  names: string[];
  /** `@PublicPage`: anonymous callers reach the controller. */
  public: boolean;
  /** Lacks `@NoCSRFRequired`: needs `OCS-APIRequest` or a request token. */
  csrf: boolean;
  handler: Handler;
}

function route(method: string, path: string, isPublic: boolean, handler: Handler, csrf = false): Route {
  const names: string[] = [];
  const source = path.replace(/:(\w+)(\([^)]*\))?/g, (_m, name: string, constraint?: string) => {
    names.push(name);
    return constraint ?? '([^/]+)';
  });
  return { method, pattern: new RegExp(`^${source}/?$`), names, public: isPublic, csrf, handler };
}

const OR = '/apps/openregister/api';
const OBJ = `${OR}/objects/:register/:schema`;

/** Routes from OpenRegister's `appinfo/routes.php` that the simulator implements (§2). */
const ROUTES: Route[] = [
  route('GET', `${OBJ}`, true, listObjects),
  route('POST', `${OBJ}`, true, createObject),
  route('GET', `${OBJ}/:id/files`, true, listFiles),
  route('GET', `${OBJ}/:id/files/:fileId(\\d+)`, true, showFile),
  // Uploads: `@NoAdminRequired @NoCSRFRequired`, not `@PublicPage` (openregister-files.md, Auth).
  route('POST', `${OBJ}/:id/files`, false, createFile),
  route('POST', `${OBJ}/:id/filesMultipart`, false, createFilesMultipart),
  route('GET', `${OBJ}/:id`, true, showObject),
  route('PUT', `${OBJ}/:id`, false, (c, p) => updateObject(c, p, 'replace')),
  route('PATCH', `${OBJ}/:id`, false, (c, p) => updateObject(c, p, 'merge')),
  route('POST', `${OBJ}/:id`, true, (c, p) => updateObject(c, p, 'merge')),
  route('DELETE', `${OBJ}/:id`, false, deleteObject),
  route('GET', `${OR}/files/:fileId(\\d+)/download`, true, downloadFileById),
  route('GET', `${OR}/registers`, false, listRegisters),
  route('GET', `${OR}/registers/:id/schemas`, false, registerSchemas),
  route('GET', `${OR}/registers/:id`, false, showRegister),
  route('GET', `${OR}/schemas`, false, listSchemas),
  route('GET', `${OR}/schemas/:id`, true, showSchema),
  route('GET', '/apps/pipelinq/api/settings', false, pipelinqSettings, true),
];

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export async function dispatch(ctx: RequestContext, auth: AuthResult): Promise<SimResponse> {
  if (ctx.path === '/status.php') return statusPhp(ctx);
  if (ctx.path.startsWith('/ocs/')) return handleOcs(ctx, auth);
  if (auth.kind === 'invalid') return json(401, { message: '' });

  // Nextcloud answers HEAD like GET (without the body; writeResponse drops it).
  const method = ctx.method === 'HEAD' ? 'GET' : ctx.method;
  let pathMatched = false;
  for (const candidate of ROUTES) {
    const match = candidate.pattern.exec(ctx.path);
    if (!match) continue;
    pathMatched = true;
    if (candidate.method !== method) continue;
    const params: Record<string, string> = {};
    candidate.names.forEach((name, i) => (params[name] = decode(match[i + 1]!)));
    if (!candidate.public && ctx.user === null) return json(401, { message: 'Current user is not logged in' });
    if (candidate.csrf && !passesCsrf(ctx.req, ctx.search)) return json(412, { message: 'CSRF check failed' });
    return candidate.handler(ctx, params);
  }
  if (pathMatched) return { status: 405, body: 'Method Not Allowed', contentType: 'text/plain; charset=utf-8' };
  return notFoundPage();
}
