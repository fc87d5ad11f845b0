import { describe, expect, it } from 'vitest';
import { normaliseCustomDomain, normaliseSubdomain } from './hosts.js';

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
