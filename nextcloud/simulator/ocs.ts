import type { AuthResult } from './auth.js';
import { isAdmin, passesCsrf } from './auth.js';
import type { RequestContext } from './context.js';
import { json, type SimResponse } from './http.js';
import { ocsResponse, type OcsVersion } from './ocs-format.js';
import type { SimUser } from './types.js';

/** The OCS routes a connector uses (§10): who am I, which groups, capabilities. */

function userData(user: SimUser): Record<string, unknown> {
  return {
    enabled: true,
    storageLocation: `/var/www/html/data/${user.id}`,
    id: user.id,
    lastLogin: user.lastLogin,
    backend: 'Database',
    subadmin: [],
    quota: { free: 10737418240, used: 1048576, total: 10738466816, relative: 0.01, quota: -3 },
    email: user.email,
    additional_mail: [],
    displayname: user.displayName,
    'display-name': user.displayName,
    phone: '',
    address: '',
    website: '',
    twitter: '',
    fediverse: '',
    organisation: '',
    role: '',
    headline: '',
    biography: '',
    profile_enabled: '1',
    groups: [...user.groups],
    language: 'nl',
    locale: 'nl_NL',
    notify_email: null,
    backendCapabilities: { setDisplayName: true, setPassword: true },
  };
}

export function handleOcs(ctx: RequestContext, auth: AuthResult): SimResponse {
  const match = /^\/ocs\/v([12])\.php(\/.*)?$/.exec(ctx.path);
  const version = Number(match?.[1] ?? 2) as OcsVersion;
  const route = (match?.[2] ?? '/').replace(/\/+$/, '') || '/';
  const formatParam = ctx.search.get('format');
  // The pre-routing 401 only honours `?format=` (ApiHelper::respond); routed answers also `Accept`.
  if (auth.kind === 'invalid') {
    return ocsResponse(version, formatParam === 'json' ? 'json' : 'xml', 997, 'Unauthorised', [], {
      'WWW-Authenticate': 'Basic realm="Authorisation Required"',
    });
  }
  const accept = String(ctx.req.headers.accept ?? '');
  const format = formatParam === 'json' || (formatParam === null && accept.includes('application/json')) ? 'json' : 'xml';
  const respond = (code: number, message: string, data: unknown) => ocsResponse(version, format, code, message, data);
  const user = ctx.user;

  if (ctx.method === 'GET' && route === '/cloud/capabilities') {
    return respond(200, 'OK', {
      version: { major: 31, minor: 0, micro: 5, string: ctx.data.options.nextcloudVersion, edition: '', extendedSupport: false },
      capabilities: {},
    });
  }
  const groupsMatch = /^\/cloud\/users\/([^/]+)\/groups$/.exec(route);
  if (ctx.method !== 'GET' || (route !== '/cloud/user' && !groupsMatch)) {
    return respond(
      998,
      'Invalid query, please check the syntax. API specifications are here: http://www.freedesktop.org/wiki/Specifications/open-collaboration-services.',
      [],
    );
  }
  // Login is checked before CSRF, as SecurityMiddleware does.
  if (user === null) return respond(997, 'Current user is not logged in', []);
  if (!passesCsrf(ctx.req, ctx.search)) return json(412, { message: 'CSRF check failed' });
  if (!groupsMatch) return respond(200, 'OK', userData(user));

  const target = ctx.data.users.find((u) => u.id === decodeURIComponent(groupsMatch[1]!));
  if (!target) return respond(998, '', []);
  if (target.id !== user.id && !isAdmin(user)) return respond(997, '', []);
  return respond(200, 'OK', { groups: [...target.groups] });
}

export function statusPhp(ctx: RequestContext): SimResponse {
  const full = ctx.data.options.nextcloudVersion;
  return json(200, {
    installed: true,
    maintenance: false,
    needsDbUpgrade: false,
    version: full,
    versionstring: full.split('.').slice(0, 3).join('.'),
    edition: '',
    productname: 'Nextcloud',
    extendedSupport: false,
  });
}
