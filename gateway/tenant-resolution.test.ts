import { describe, expect, it } from 'vitest';
import { normaliseHost, resolveTenant, type TenantLookup } from './tenant-resolution.js';

const lookup: TenantLookup = {
  exists: (id) => ['demo', 'other', 'acme'].includes(id),
  byCustomDomain: (host) => (host === 'klanten.acme.nl' ? 'acme' : undefined),
  bySubdomain: (label) => (label === 'other' ? 'other' : undefined),
};

describe('tenant resolution', () => {
  it('prefers a custom domain, whatever else the request says', () => {
    expect(resolveTenant({ host: 'Klanten.ACME.nl:443', queryTenant: 'demo' }, lookup, 'demo')).toEqual({
      ok: true,
      tenantId: 'acme',
      via: 'custom-domain',
    });
  });

  it('uses the first label as a subdomain, but not of IP addresses or bare hosts', () => {
    expect(resolveTenant({ host: 'other.portal.example.nl' }, lookup, 'demo')).toMatchObject({
      tenantId: 'other',
      via: 'subdomain',
    });
    expect(resolveTenant({ host: '127.0.0.1:4000' }, lookup, 'demo')).toMatchObject({ tenantId: 'demo', via: 'default' });
    expect(resolveTenant({ host: 'other' }, lookup, 'demo')).toMatchObject({ tenantId: 'demo', via: 'default' });
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
