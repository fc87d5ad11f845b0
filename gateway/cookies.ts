import { parse, serialize, type SerializeOptions } from 'cookie';

/**
 * Cookie attributes in one place. Session cookies are HttpOnly and host-only. First-party pages
 * get SameSite=Lax, which keeps them off cross-site subrequests (CSRF). Inside the widget the
 * portal is a third-party frame, so its cookie must be SameSite=None to be sent at all; it is then
 * Secure and Partitioned (CHIPS), so it lives only under the embedding site and cannot be used to
 * track the person across other sites.
 */
export interface CookieSite {
  /** The client reached us over https (directly or through a trusted proxy). */
  secure: boolean;
  /** The request comes from the portal running inside the widget iframe. */
  embedded: boolean;
}

export function sessionCookieOptions(site: CookieSite, maxAgeSeconds?: number): SerializeOptions {
  const base: SerializeOptions = { httpOnly: true, path: '/', maxAge: maxAgeSeconds };
  if (site.embedded) return { ...base, sameSite: 'none', secure: true, partitioned: true };
  return { ...base, sameSite: 'lax', secure: site.secure };
}

export function serializeSessionCookie(name: string, value: string, site: CookieSite, maxAgeSeconds?: number): string {
  return serialize(name, value, sessionCookieOptions(site, maxAgeSeconds));
}

export function serializeClearedCookie(name: string, site: CookieSite): string {
  return serialize(name, '', { ...sessionCookieOptions(site, 0), expires: new Date(0) });
}

export function parseCookies(header: string | undefined): Record<string, string> {
  if (!header) return {};
  const parsed = parse(header);
  return Object.fromEntries(Object.entries(parsed).filter((entry): entry is [string, string] => entry[1] !== undefined));
}
