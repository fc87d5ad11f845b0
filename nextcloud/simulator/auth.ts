import type { IncomingMessage } from 'node:http';
import type { InstanceData, SimUser } from './types.js';

/**
 * Basic auth as Nextcloud's `tryBasicAuthLogin` treats it (§9.1): a valid login + app password is a
 * user; wrong credentials are refused before routing, on every route; no credentials is anonymous.
 */

export type AuthResult = { kind: 'user'; user: SimUser } | { kind: 'anonymous' } | { kind: 'invalid'; login: string };

export function authenticate(req: IncomingMessage, data: InstanceData): AuthResult {
  const header = req.headers.authorization;
  // Only Basic counts; Nextcloud ignores other schemes it does not know (the caller stays anonymous).
  if (!header || !/^basic /i.test(header)) return { kind: 'anonymous' };
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return { kind: 'invalid', login: decoded };
  const login = decoded.slice(0, colon);
  const password = decoded.slice(colon + 1);
  // Login names are case-insensitive in Nextcloud's database backend.
  const user = data.users.find((u) => u.id.toLowerCase() === login.toLowerCase());
  if (!user || user.appPassword !== password) return { kind: 'invalid', login };
  return { kind: 'user', user };
}

export function isAdmin(user: SimUser | null): boolean {
  return user !== null && user.groups.includes('admin');
}

/**
 * §9.2: routes without `@NoCSRFRequired` pass with any non-empty `OCS-APIRequest` header (Nextcloud
 * ≥ 30) or a `requesttoken`. The simulator accepts any non-empty request token; it has no sessions.
 */
export function passesCsrf(req: IncomingMessage, query: URLSearchParams): boolean {
  const ocs = req.headers['ocs-apirequest'];
  if (typeof ocs === 'string' && ocs !== '') return true;
  const token = req.headers['requesttoken'] ?? query.get('requesttoken');
  return typeof token === 'string' && token !== '';
}
