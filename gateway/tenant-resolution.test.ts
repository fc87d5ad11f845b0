import { describe, expect, it } from 'vitest';
import { normaliseHost, resolveTenant, type TenantLookup } from './tenant-resolution.js';

const lookup: TenantLookup = {
  exists: (id) => ['demo', 'other', 'acme'].includes(id),
  byCustomDomain: (host) => (host === 'klanten.acme.nl' ? 'acme' : undefined),
  bySubdomain: (label) => (label === 'other' ? 'other' : undefined),
};

describe('tenant resolution', () => {
  it('prefers a custom domain', () => {
    expect(resolveTenant({ host: 'Klanten.ACME.nl:443' }, lookup, 'demo')).toEqual({
      ok: true,
      tenantId: 'acme',
      via: 'custom-domain',
    });
  });

  it('uses a subdomain only directly under one of the gateway hosts, never of IP addresses or bare hosts', () => {
    const gatewayHosts = ['portal.example.nl'];
    expect(resolveTenant({ host: 'other.portal.example.nl' }, lookup, 'demo', gatewayHosts)).toMatchObject({
      tenantId: 'other',
      via: 'subdomain',
    });
    // Any other parent is not this gateway's: the first label of a foreign host means nothing.
    for (const host of ['other.example.nl', 'other.evil.example', 'x.other.portal.example.nl', 'other']) {
      expect(resolveTenant({ host }, lookup, 'demo', gatewayHosts)).toMatchObject({ tenantId: 'demo', via: 'default' });
    }
    expect(resolveTenant({ host: '127.0.0.1:4000' }, lookup, 'demo', ['127.0.0.1'])).toMatchObject({
      tenantId: 'demo',
      via: 'default',
    });
  });

  it("lets ?tenant= and X-Portal-Tenant repeat a tenant-owned host's tenant but never name another", () => {
    expect(resolveTenant({ host: 'klanten.acme.nl', queryTenant: 'demo' }, lookup, 'demo')).toEqual({
      ok: false,
      reason: 'this host belongs to tenant "acme", not "demo"',
    });
    expect(
      resolveTenant({ host: 'other.portal.example.nl', headerTenant: 'demo' }, lookup, 'demo', ['portal.example.nl']),
    ).toMatchObject({
      ok: false,
    });
    expect(resolveTenant({ host: 'klanten.acme.nl', queryTenant: 'acme', headerTenant: 'acme' }, lookup, 'demo')).toEqual({
      ok: true,
      tenantId: 'acme',
      via: 'custom-domain',
    });
    // The gateway's own host belongs to no tenant: selectors choose there.
    expect(
      resolveTenant({ host: 'portal.example.nl', queryTenant: 'other' }, lookup, 'demo', ['portal.example.nl']),
    ).toMatchObject({
      tenantId: 'other',
      via: 'query',
    });
  });

  it('takes ?tenant= before the X-Portal-Tenant header', () => {
    expect(resolveTenant({ host: 'localhost', queryTenant: 'other', headerTenant: 'acme' }, lookup, 'demo')).toMatchObject({
      tenantId: 'other',
      via: 'query',
    });
    expect(resolveTenant({ host: 'localhost', headerTenant: ' acme ' }, lookup, 'demo')).toMatchObject({
      tenantId: 'acme',
      via: 'header',
    });
  });

  it('refuses an explicitly named unknown tenant instead of falling back to the default', () => {
    expect(resolveTenant({ host: 'localhost', queryTenant: 'nope' }, lookup, 'demo')).toEqual({
      ok: false,
      reason: 'no tenant "nope"',
    });
    expect(resolveTenant({ headerTenant: 'nope' }, lookup, 'demo').ok).toBe(false);
  });

  it('refuses when the default tenant does not exist', () => {
    expect(resolveTenant({ host: 'localhost' }, lookup, 'missing')).toMatchObject({ ok: false });
  });

  it('normalises hosts', () => {
    expect(normaliseHost('Portal.Example.NL.:8443')).toBe('portal.example.nl');
    expect(normaliseHost('[::1]:4000')).toBe('[::1]');
    expect(normaliseHost('')).toBeNull();
  });
});
