import { describe, expect, it } from 'vitest';
import { normaliseWidgetOrigin } from './origins.js';

describe('widget origins', () => {
  it('normalises to the origin a browser reports', () => {
    expect(normaliseWidgetOrigin('https://WWW.Bakker.nl')).toEqual({ ok: true, value: 'https://www.bakker.nl' });
    expect(normaliseWidgetOrigin('https://www.bakker.nl/')).toEqual({ ok: true, value: 'https://www.bakker.nl' });
    expect(normaliseWidgetOrigin('https://www.bakker.nl:443')).toEqual({ ok: true, value: 'https://www.bakker.nl' });
    expect(normaliseWidgetOrigin('https://shop.bakker.nl:8443')).toEqual({ ok: true, value: 'https://shop.bakker.nl:8443' });
    expect(normaliseWidgetOrigin('https://bäcker.de')).toEqual({ ok: true, value: 'https://xn--bcker-gra.de' });
  });

  it('allows plain http only for localhost and 127.0.0.1 with a port', () => {
    expect(normaliseWidgetOrigin('http://localhost:5173')).toEqual({ ok: true, value: 'http://localhost:5173' });
    expect(normaliseWidgetOrigin('http://127.0.0.1:8080')).toEqual({ ok: true, value: 'http://127.0.0.1:8080' });
    const httpMessage = (o: string) =>
      `Widget origin "${o}" must use https; plain http is only allowed for http://localhost:PORT and http://127.0.0.1:PORT.`;
    expect(normaliseWidgetOrigin('http://www.bakker.nl')).toMatchObject({
      ok: false,
      message: httpMessage('http://www.bakker.nl'),
    });
    expect(normaliseWidgetOrigin('http://localhost')).toMatchObject({ ok: false, message: httpMessage('http://localhost') });
  });

  it('refuses wildcards, paths, queries, fragments and logins', () => {
    expect(normaliseWidgetOrigin('https://*.bakker.nl')).toMatchObject({
      ok: false,
      message: 'Widget origin "https://*.bakker.nl" contains a wildcard; list each site exactly, like https://www.example.nl.',
    });
    expect(normaliseWidgetOrigin('*')).toMatchObject({ ok: false });
    for (const bad of [
      'https://www.bakker.nl/portal',
      'https://www.bakker.nl?x=1',
      'https://www.bakker.nl/#top',
      'https://user:pw@www.bakker.nl',
    ]) {
      expect(normaliseWidgetOrigin(bad)).toMatchObject({
        ok: false,
        message: `Widget origin "${bad}" must be only scheme, host and port (like https://www.example.nl), without path, query or login.`,
      });
    }
  });

  it('refuses what is not an http(s) origin', () => {
    expect(normaliseWidgetOrigin('www.bakker.nl')).toMatchObject({
      ok: false,
      message: 'Widget origin "www.bakker.nl" is not an origin like https://www.example.nl.',
    });
    expect(normaliseWidgetOrigin('ftp://www.bakker.nl')).toMatchObject({
      ok: false,
      message: 'Widget origin "ftp://www.bakker.nl" must use https.',
    });
  });

  it('allows the IPv6 loopback with a port for development', () => {
    expect(normaliseWidgetOrigin('http://[::1]:5173')).toEqual({ ok: true, value: 'http://[::1]:5173' });
    expect(normaliseWidgetOrigin('http://[::1]')).toMatchObject({ ok: false, code: 'ORIGIN_NOT_HTTPS' });
  });

  it('refuses a login without a password, a password without a login, and an empty query or fragment', () => {
    for (const bad of [
      'https://user@www.bakker.nl',
      'https://:pw@www.bakker.nl',
      'https://www.bakker.nl?',
      'https://www.bakker.nl#',
    ]) {
      expect(normaliseWidgetOrigin(bad)).toMatchObject({ ok: false, code: 'ORIGIN_NOT_BARE' });
    }
  });

  it('trims what was pasted, and shows at most 100 characters of a refused value', () => {
    expect(normaliseWidgetOrigin('  https://www.bakker.nl \n')).toEqual({ ok: true, value: 'https://www.bakker.nl' });
    const long = `https://www.bakker.nl/${'x'.repeat(200)}`;
    const refused = normaliseWidgetOrigin(long);
    expect(refused).toMatchObject({ ok: false, code: 'ORIGIN_NOT_BARE', params: { value: long.slice(0, 100) } });
  });

  it('gives each refusal its code and the value it refused (what the admin form translates)', () => {
    const cases: Array<[string, string]> = [
      ['https://*.bakker.nl', 'ORIGIN_WILDCARD'],
      ['www.bakker.nl', 'ORIGIN_INVALID'],
      ['https://www.bakker.nl/portal', 'ORIGIN_NOT_BARE'],
      ['http://www.bakker.nl', 'ORIGIN_NOT_HTTPS'],
      ['ftp://www.bakker.nl', 'ORIGIN_NOT_HTTPS'],
    ];
    for (const [value, code] of cases) {
      expect(normaliseWidgetOrigin(` ${value} `)).toEqual({ ok: false, code, message: expect.any(String), params: { value } });
    }
  });
});
