import { describe, expect, it } from 'vitest';
import { claimedHosts, normaliseCustomDomain, normaliseSubdomain, reservedHostMessage, subdomainParents } from './hosts.js';

describe('custom domain', () => {
  it('stores host names the way tenant resolution compares them', () => {
    expect(normaliseCustomDomain(' Portal.Bakker.NL. ')).toEqual({ ok: true, value: 'portal.bakker.nl' });
    expect(normaliseCustomDomain('klantportaal.gemeente-x.nl')).toEqual({ ok: true, value: 'klantportaal.gemeente-x.nl' });
    expect(normaliseCustomDomain('portaal.bäcker.de')).toEqual({ ok: true, value: 'portaal.xn--bcker-gra.de' });
  });

  it('refuses URLs, ports, paths and wildcards', () => {
    for (const bad of ['https://portal.example.nl', 'portal.example.nl:8443', 'portal.example.nl/x', '*.example.nl']) {
      expect(normaliseCustomDomain(bad)).toMatchObject({
        ok: false,
        message: `Custom domain "${bad}" must be a bare host name such as portal.example.nl: no scheme, port, path or wildcard.`,
      });
    }
  });

  it('refuses names that are not host names', () => {
    for (const bad of ['localhost', 'portal..example.nl', '-portal.example.nl', 'portal_x.example.nl', `${'a'.repeat(64)}.nl`]) {
      expect(normaliseCustomDomain(bad)).toMatchObject({
        ok: false,
        message: `Custom domain "${bad}" is not a valid host name such as portal.example.nl.`,
      });
    }
    expect(normaliseCustomDomain('192.168.1.10')).toMatchObject({
      ok: false,
      message: 'Custom domain "192.168.1.10" must be a domain name, not an IP address.',
    });
  });
});

describe('subdomain', () => {
  it('is one DNS label, lower-cased', () => {
    expect(normaliseSubdomain(' Bakker ')).toEqual({ ok: true, value: 'bakker' });
    expect(normaliseSubdomain('bakker-2')).toEqual({ ok: true, value: 'bakker-2' });
  });

  it('refuses dots, odd characters and reserved labels', () => {
    for (const bad of ['bakker.portal', 'bak ker', '-bakker', '']) {
      expect(normaliseSubdomain(bad)).toMatchObject({
        ok: false,
        message: `Subdomain "${bad.trim()}" must be one label of letters, digits and dashes (for example "bakker"), without dots.`,
      });
    }
    expect(normaliseSubdomain('www')).toMatchObject({ ok: false, message: 'Subdomain "www" is reserved; choose another.' });
  });
});

describe('refusal codes (what the admin form translates)', () => {
  it('gives each custom-domain refusal its code and the trimmed value, at most 80 characters', () => {
    const long = `portal.${'x'.repeat(100)}.nl/`;
    expect(normaliseCustomDomain(` ${long} `)).toMatchObject({
      ok: false,
      code: 'HOST_NOT_BARE',
      params: { value: long.slice(0, 80) },
    });
    expect(normaliseCustomDomain(` ${long} `)).toMatchObject({ message: expect.stringContaining(`"${long.slice(0, 80)}"`) });
    expect(normaliseCustomDomain(' localhost ')).toMatchObject({
      ok: false,
      code: 'HOST_INVALID',
      params: { value: 'localhost' },
    });
    expect(normaliseCustomDomain(' 10.0.0.1 ')).toMatchObject({
      ok: false,
      code: 'HOST_IS_IP_ADDRESS',
      params: { value: '10.0.0.1' },
    });
    for (const bad of ['jan@portal.example.nl', 'portal.example.nl?x', 'portal.example.nl#x', 'portal example.nl']) {
      expect(normaliseCustomDomain(bad)).toMatchObject({ ok: false, code: 'HOST_NOT_BARE' });
    }
  });

  it('shows at most 80 characters of a long refused value, trimmed', () => {
    const long = 'x'.repeat(100);
    expect(normaliseCustomDomain(` ${long} `)).toMatchObject({
      ok: false,
      code: 'HOST_INVALID',
      params: { value: long.slice(0, 80) },
    });
    const dashes = '-'.repeat(100);
    expect(normaliseSubdomain(` ${dashes} `)).toMatchObject({
      ok: false,
      code: 'SUBDOMAIN_INVALID',
      params: { value: dashes.slice(0, 80) },
      message: expect.stringContaining(`"${dashes.slice(0, 80)}" must`),
    });
  });

  it('gives each subdomain refusal its code and value', () => {
    expect(normaliseSubdomain(' bak.ker ')).toMatchObject({ ok: false, code: 'SUBDOMAIN_INVALID', params: { value: 'bak.ker' } });
    expect(normaliseSubdomain(' WWW ')).toMatchObject({ ok: false, code: 'SUBDOMAIN_RESERVED', params: { value: 'www' } });
  });
});

describe('host name limits', () => {
  const name = (length: number) => `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(length - 3 * 64)}`;

  it('accepts a name of 253 characters and two labels, refuses 254 characters', () => {
    expect(normaliseCustomDomain(name(253))).toEqual({ ok: true, value: name(253) });
    expect(normaliseCustomDomain(name(254))).toMatchObject({ ok: false, code: 'HOST_INVALID' });
    expect(normaliseCustomDomain('bakker.nl')).toEqual({ ok: true, value: 'bakker.nl' });
  });

  it('refuses what cannot be written as an international name (punycode)', () => {
    expect(normaliseCustomDomain('xn--zz.bakker.nl')).toMatchObject({ ok: false, code: 'HOST_INVALID' });
  });

  it('calls only an all-digit last label an IP address', () => {
    expect(normaliseCustomDomain('portal.bakker.a1')).toEqual({ ok: true, value: 'portal.bakker.a1' });
    expect(normaliseCustomDomain('portal.bakker.1a')).toEqual({ ok: true, value: 'portal.bakker.1a' });
  });
});

describe('hosts a tenant claims', () => {
  const gateway = ['Portal.Example.nl', '192.168.10.20', '10.0.0.1', '[::1]', 'portal.example.nl', '10.0.0.1.nip.io'];

  it('puts subdomains under every gateway host name, not under IP addresses', () => {
    expect(subdomainParents(gateway)).toEqual(['portal.example.nl', '10.0.0.1.nip.io']);
    expect(claimedHosts({ customDomain: 'klant.bakker.nl', subdomain: 'bakker' }, gateway)).toEqual([
      { host: 'klant.bakker.nl', field: 'customDomain' },
      { host: 'bakker.*', field: 'subdomain' },
      { host: 'bakker.portal.example.nl', field: 'subdomain' },
      { host: 'bakker.10.0.0.1.nip.io', field: 'subdomain' },
    ]);
    expect(claimedHosts({ customDomain: null, subdomain: null }, gateway)).toEqual([]);
  });

  it("refuses the gateway's own hosts, for each field with its own message", () => {
    const own = ['portal.example.nl', 'klant.portal.example.nl', 'api.example.nl'];
    expect(reservedHostMessage({ host: 'klant.portal.example.nl', field: 'subdomain' }, 'klant', own)).toBe(
      "Subdomain klant would take the gateway's own address portal.example.nl; choose another.",
    );
    expect(reservedHostMessage({ host: 'api.portal.example.nl', field: 'subdomain' }, 'api', own)).toBe(
      "Subdomain api would take the gateway's own address portal.example.nl; choose another.",
    );
    expect(reservedHostMessage({ host: 'API.example.nl'.toLowerCase(), field: 'customDomain' }, null, own)).toBe(
      "Custom domain api.example.nl is the gateway's own address and cannot belong to one tenant.",
    );
    expect(reservedHostMessage({ host: 'klant.bakker.nl', field: 'customDomain' }, 'portal', own)).toBeNull();
    expect(reservedHostMessage({ host: 'bakker.portal.example.nl', field: 'subdomain' }, 'bakker', own)).toBeNull();
  });
});
