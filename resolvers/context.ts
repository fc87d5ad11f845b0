import type { RequestScope } from '../domain/scope/request-scope.js';

/** What only the HTTP edge can do for a resolver: set cookies whose attributes (SameSite, Secure, Partitioned) it decides. */
export interface HttpEdge {
  /** Sets an HttpOnly session cookie; omit maxAge for a browser-session cookie. */
  setCookie(name: string, value: string, maxAgeSeconds?: number): void;
  clearCookie(name: string): void;
}

/**
 * What every resolver receives: the request's scope (domain/scope/request-scope.ts) — tenant,
 * principal, request facts, the tenant-bound connector, the per-request loaders and the domain
 * façades — plus the cookie setters of the edge. Built per request by the gateway
 * (gateway/context.ts); nothing user-specific outlives it.
 */
export type RequestContext = RequestScope & { http: HttpEdge };
