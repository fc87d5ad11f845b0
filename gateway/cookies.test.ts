import { describe, expect, it } from 'vitest';
import { parseCookies, serializeClearedCookie, serializeSessionCookie } from './cookies.js';

describe('session cookies', () => {
  it('are HttpOnly and SameSite=Lax for the first-party portal, Secure over https', () => {
    const plain = serializeSessionCookie('portal_session', 'ps_abc', { secure: false, embedded: false }, 3600);
    expect(plain).toBe('portal_session=ps_abc; Max-Age=3600; Path=/; HttpOnly; SameSite=Lax');
    expect(serializeSessionCookie('portal_session', 'v', { secure: true, embedded: false })).toContain('; Secure');
  });

  it('are SameSite=None; Secure; Partitioned inside the widget, even over plain http in development', () => {
    const widget = serializeSessionCookie('portal_session', 'ps_abc', { secure: false, embedded: true });
    expect(widget).toContain('SameSite=None');
    expect(widget).toContain('Secure');
    expect(widget).toContain('Partitioned');
    expect(widget).toContain('HttpOnly');
  });

  it('clear with an expiry in the past and keep the same attributes', () => {
    const cleared = serializeClearedCookie('portal_session', { secure: true, embedded: false });
    expect(cleared).toMatch(
      /^portal_session=; Max-Age=0; Path=\/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; Secure; SameSite=Lax$/,
    );
  });

  it('parse a Cookie header', () => {
    expect(parseCookies('a=1; portal_session=ps_x%3D')).toEqual({ a: '1', portal_session: 'ps_x=' });
    expect(parseCookies(undefined)).toEqual({});
  });
});
