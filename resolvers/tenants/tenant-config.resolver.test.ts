import { describe, expect, it } from 'vitest';
import { TEST_IMAGES, dataUrl } from '../../domain/tenants/config/test-images.js';
import { useTestGateway } from '../../test/gateway.js';
import { signInStaff } from '../../test/staff.js';

const CONFIG_FIELDS = `tenantId displayName primaryColor secondaryColor backgroundColor onPrimaryColor onSecondaryColor logoUrl faviconUrl
  customDomain subdomain supportEmail supportPhone enabledFeatures b2bEnabled b2cEnabled widgetEnabled widgetAllowedOrigins widgetUrl
  mfaRequired sessionTtlHours dpoGroup language isDefault savedBy savedAt`;
const TENANT_CONFIG = `query ($tenantId: ID!) { tenantConfig(tenantId: $tenantId) { ${CONFIG_FIELDS} } }`;
const SAVE = `mutation ($tenantId: ID!, $input: TenantConfigInput!) { saveTenantConfig(tenantId: $tenantId, input: $input) { ${CONFIG_FIELDS} } }`;
const PORTAL =
  '{ portal { tenantId displayName primaryColor enabledFeatures b2bEnabled b2cEnabled supportEmail supportPhone widgetEnabled logoUrl faviconUrl } }';

describe('tenant configuration over GraphQL', () => {
  const gw = useTestGateway();
  const admin = (tenantId = 'demo') => signInStaff(gw(), 'admin', tenantId);
  const save = async (input: Record<string, unknown>, tenantId = 'demo') =>
    gw().graphql(SAVE, { tenantId, input }, (await admin(tenantId)).headers);

  it('answers the defaults until the first save, to the admin and in the public portal', async () => {
    const { body } = await gw().graphql(TENANT_CONFIG, { tenantId: 'other' }, (await admin('other')).headers);
    expect(body.errors).toBeUndefined();
    expect(body.data?.tenantConfig).toEqual({
      tenantId: 'other',
      displayName: 'Klantportaal',
      primaryColor: '#21468B',
      secondaryColor: '#FFFFFF',
      backgroundColor: '#FFFFFF',
      onPrimaryColor: '#FFFFFF',
      onSecondaryColor: '#1A1A1A',
      logoUrl: null,
      faviconUrl: null,
      customDomain: null,
      subdomain: null,
      supportEmail: null,
      supportPhone: null,
      enabledFeatures: ['INVOICES', 'CONTRACTS', 'ORDERS', 'REQUESTS', 'DOCUMENTS', 'PROFILE'],
      b2bEnabled: true,
      b2cEnabled: true,
      widgetEnabled: false,
      widgetAllowedOrigins: [],
      widgetUrl: `${gw().config.publicUrl}/portal/widget?tenant=other`,
      mfaRequired: false,
      sessionTtlHours: 8,
      dpoGroup: 'dpo',
      language: 'nl',
      isDefault: true,
      savedBy: null,
      savedAt: null,
    });
    const portal = await gw().graphql(PORTAL, undefined, { 'x-portal-tenant': 'other' });
    expect(portal.body.data?.portal).toMatchObject({
      displayName: 'Klantportaal',
      primaryColor: '#21468B',
      b2bEnabled: true,
      b2cEnabled: true,
    });
  });

  it('saves a partial update, keeps the rest, records who and when, and the portal shows it at once', async () => {
    const before = Date.now();
    const { body } = await save({
      displayName: 'Bakkerij Bakker',
      primaryColor: '#0a3d91',
      supportEmail: 'klantenservice@bakker.nl',
      supportPhone: '+31 20 123 4567',
      enabledFeatures: ['INVOICES', 'PROFILE'],
      sessionTtlHours: 4,
    });
    expect(body.errors).toBeUndefined();
    const config = body.data?.saveTenantConfig as Record<string, unknown>;
    expect(config).toMatchObject({
      displayName: 'Bakkerij Bakker',
      primaryColor: '#0A3D91',
      backgroundColor: '#FFFFFF',
      supportEmail: 'klantenservice@bakker.nl',
      supportPhone: '+31 20 123 4567',
      enabledFeatures: ['INVOICES', 'PROFILE'],
      sessionTtlHours: 4,
      mfaRequired: false,
      isDefault: false,
      savedBy: 'admin',
    });
    expect(new Date(config.savedAt as string).getTime()).toBeGreaterThanOrEqual(before - 1000);

    const portal = await gw().graphql(PORTAL);
    expect(portal.body.data?.portal).toMatchObject({
      displayName: 'Bakkerij Bakker',
      primaryColor: '#0A3D91',
      enabledFeatures: ['INVOICES', 'PROFILE'],
      supportEmail: 'klantenservice@bakker.nl',
      supportPhone: '+31 20 123 4567',
    });

    const { events } = await gw().services.audit.list('demo', { eventType: 'tenant.config-saved' });
    expect(events[0]).toMatchObject({
      type: 'tenant.config-saved',
      outcome: 'success',
      actor: 'staff:admin',
      targetType: 'tenant',
      targetId: 'demo',
      details: {
        firstSave: true,
        changedFields: ['displayName', 'primaryColor', 'supportEmail', 'supportPhone', 'enabledFeatures', 'sessionTtlHours'],
        changes: {
          displayName: { from: 'Klantportaal', to: 'Bakkerij Bakker' },
          primaryColor: { from: '#21468B', to: '#0A3D91' },
          sessionTtlHours: { from: 8, to: 4 },
          enabledFeatures: {
            from: ['INVOICES', 'CONTRACTS', 'ORDERS', 'REQUESTS', 'DOCUMENTS', 'PROFILE'],
            to: ['INVOICES', 'PROFILE'],
          },
        },
      },
    });

    // Reset to defaults with null, so later tests start from a known state.
    const reset = await save({
      displayName: null,
      primaryColor: null,
      supportEmail: null,
      supportPhone: null,
      enabledFeatures: null,
      sessionTtlHours: null,
    });
    expect(reset.body.data?.saveTenantConfig).toMatchObject({
      displayName: 'Klantportaal',
      supportEmail: null,
      enabledFeatures: expect.arrayContaining(['ORDERS']),
    });
  });

  it('refuses #FF9900 on white with CONTRAST_TOO_LOW, its ratio and the minimum, and saves nothing', async () => {
    const { body } = await save({ primaryColor: '#FF9900' });
    expect(body.data).toBeNull();
    expect(body.errors).toHaveLength(1);
    const error = body.errors![0]!;
    expect(error.extensions).toMatchObject({ code: 'CONTRAST_TOO_LOW', contrastRatio: 2.14, requiredMinimum: 4.5 });
    expect(error.message).toContain('2.14:1');
    expect(error.message).toContain('4.5:1');
    const after = await gw().graphql(PORTAL);
    expect(after.body.data?.portal).toMatchObject({ primaryColor: '#21468B' });
  });

  it('accepts black on white (21:1) and the exact 4.5 boundary', async () => {
    expect((await save({ primaryColor: '#000000' })).body.data?.saveTenantConfig).toMatchObject({ primaryColor: '#000000' });
    expect((await save({ primaryColor: '#7F7380' })).body.data?.saveTenantConfig).toMatchObject({ primaryColor: '#7F7380' });
    expect((await save({ primaryColor: null })).body.errors).toBeUndefined();
  });

  it('reports every problem in one BAD_USER_INPUT error', async () => {
    const { body } = await save({
      supportEmail: 'not-an-email',
      sessionTtlHours: 30,
      b2bEnabled: false,
      b2cEnabled: false,
      widgetAllowedOrigins: ['https://*.x.nl'],
    });
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0]!.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      problems: [
        {
          field: 'supportEmail',
          code: 'EMAIL_INVALID',
          message: 'Support email "not-an-email" is not a valid email address such as klantenservice@example.nl.',
          params: {},
        },
        {
          field: 'sessionTtlHours',
          code: 'NUMBER_OUT_OF_RANGE',
          message: 'Session length must be a whole number of hours from 1 to 24; got 30.',
          params: { min: 1, max: 24 },
        },
        {
          field: 'widgetAllowedOrigins',
          code: 'ORIGIN_WILDCARD',
          message: 'Widget origin "https://*.x.nl" contains a wildcard; list each site exactly, like https://www.example.nl.',
          params: { value: 'https://*.x.nl' },
        },
        {
          field: 'b2cEnabled',
          code: 'MODE_REQUIRED',
          message: 'At least one of B2B and B2C mode must stay switched on.',
          params: {},
        },
      ],
    });
    expect(body.errors![0]!.message).toMatch(/^The portal configuration was not saved; 4 problems: /);
  });

  it('stores a logo and favicon, serves them at stable URLs, and removes them with null', async () => {
    const { body } = await save({
      logo: dataUrl('image/png', TEST_IMAGES.png),
      favicon: dataUrl('image/vnd.microsoft.icon', TEST_IMAGES.ico),
    });
    expect(body.errors).toBeUndefined();
    const { logoUrl, faviconUrl } = body.data?.saveTenantConfig as { logoUrl: string; faviconUrl: string };
    expect(logoUrl).toMatch(new RegExp(`^${gw().config.publicUrl}/portal/assets/demo/logo/[0-9a-f]{64}$`));
    const logo = await fetch(logoUrl.replace(gw().config.publicUrl, gw().url));
    expect(logo.status).toBe(200);
    expect(logo.headers.get('content-type')).toBe('image/png');
    expect(logo.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(logo.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await logo.arrayBuffer())).toEqual(TEST_IMAGES.png);
    const favicon = await fetch(faviconUrl.replace(gw().config.publicUrl, gw().url));
    expect(favicon.headers.get('content-type')).toBe('image/x-icon');
    // The hash of one tenant's logo is not a key to it under another tenant or kind.
    const sha = logoUrl.split('/').pop();
    expect((await fetch(`${gw().url}/portal/assets/other/logo/${sha}`)).status).toBe(404);
    expect((await fetch(`${gw().url}/portal/assets/demo/favicon/${sha}`)).status).toBe(404);

    const audit = await gw().services.audit.list('demo', { eventType: 'tenant.config-saved' });
    const details = JSON.stringify(audit.events[0]!.details);
    expect(details).toMatch(/image\/png, 0\.1 KB, sha256 [0-9a-f]{16}…/);
    expect(details).not.toContain(TEST_IMAGES.png.toString('base64').slice(0, 20));

    const removed = await save({ logo: null, favicon: null });
    expect(removed.body.data?.saveTenantConfig).toMatchObject({ logoUrl: null, faviconUrl: null });
    expect((await fetch(logoUrl.replace(gw().config.publicUrl, gw().url))).status).toBe(404);
  });

  it('refuses an SVG, whatever it claims to be', async () => {
    const { body } = await save({ logo: dataUrl('image/png', TEST_IMAGES.svg) });
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', problems: [{ field: 'logo' }] });
  });

  it('keeps custom domains and subdomains unique across tenants', async () => {
    expect((await save({ customDomain: 'portaal.bakker.example', subdomain: 'bakker' }, 'other')).body.errors).toBeUndefined();
    const { body } = await save({ customDomain: 'Portaal.Bakker.example', subdomain: 'bakker' });
    expect(body.errors![0]!.extensions?.problems).toEqual([
      {
        field: 'customDomain',
        code: 'HOST_TAKEN',
        message: 'Custom domain portaal.bakker.example is already used by tenant "other".',
        params: { host: 'portaal.bakker.example', tenant: 'other' },
      },
      {
        field: 'subdomain',
        code: 'HOST_TAKEN',
        message: 'Subdomain bakker is already used by tenant "other".',
        params: { host: 'bakker', tenant: 'other' },
      },
    ]);
    // Saving the other tenant again with its own domain is not a clash with itself.
    expect((await save({ displayName: 'Other' }, 'other')).body.errors).toBeUndefined();
    expect((await save({ customDomain: null, subdomain: null, displayName: null }, 'other')).body.errors).toBeUndefined();
  });

  describe('who may read and save', () => {
    const code = (body: { errors?: Array<{ extensions?: Record<string, unknown> }> }) => body.errors?.[0]?.extensions?.code;

    it('refuses the DPO both reading and saving (settings are the admin’s)', async () => {
      const dpo = await signInStaff(gw(), 'dpo');
      expect(code((await gw().graphql(TENANT_CONFIG, { tenantId: 'demo' }, dpo.headers)).body)).toBe('FORBIDDEN');
      const { body } = await gw().graphql(SAVE, { tenantId: 'demo', input: { displayName: 'DPO was here' } }, dpo.headers);
      expect(code(body)).toBe('FORBIDDEN');
      expect(body.data).toBeNull();
    });

    it("refuses another tenant's admin, on either tenant's portal", async () => {
      const otherAdmin = await signInStaff(gw(), 'admin', 'other');
      // On the other tenant's own portal, naming demo: not their tenant.
      const own = await gw().graphql(SAVE, { tenantId: 'demo', input: { displayName: 'Hijacked' } }, otherAdmin.headers);
      expect(code(own.body)).toBe('FORBIDDEN');
      // On demo's portal their staff session is not valid at all.
      const onDemo = await gw().graphql(
        SAVE,
        { tenantId: 'demo', input: { displayName: 'Hijacked' } },
        {
          authorization: otherAdmin.headers.authorization!,
          'x-portal-tenant': 'demo',
        },
      );
      expect(code(onDemo.body)).toBe('UNAUTHENTICATED');
      expect(code((await gw().graphql(TENANT_CONFIG, { tenantId: 'demo' }, otherAdmin.headers)).body)).toBe('FORBIDDEN');
    });

    it('refuses anonymous callers and tokens that are not staff tokens', async () => {
      expect(code((await gw().graphql(SAVE, { tenantId: 'demo', input: { displayName: 'x' } })).body)).toBe('UNAUTHENTICATED');
      expect(code((await gw().graphql(TENANT_CONFIG, { tenantId: 'demo' })).body)).toBe('UNAUTHENTICATED');
      const fake = { authorization: 'Bearer pst_notarealtokennotarealtokennotarealtoken123' };
      expect(code((await gw().graphql(SAVE, { tenantId: 'demo', input: { displayName: 'x' } }, fake)).body)).toBe(
        'UNAUTHENTICATED',
      );
      const after = await gw().graphql(PORTAL);
      expect(after.body.data?.portal).toMatchObject({ displayName: 'Klantportaal' });
    });
  });
});
