import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../core/errors.js';
import { defaultPortalSettings, type PortalSettings } from '../portal-settings.js';
import { tenantConfigError } from './problems.js';
import { TEST_IMAGES, dataUrl } from './test-images.js';
import { validateTenantConfig, type TenantConfigChanges, type ValidationContext } from './validate.js';

const noOthers: ValidationContext = { otherTenants: [] };
const saved = (overrides: Partial<PortalSettings> = {}): PortalSettings => ({ ...defaultPortalSettings(), ...overrides });

function problemsOf(changes: TenantConfigChanges, current = saved(), context = noOthers) {
  const result = validateTenantConfig(changes, current, context);
  if (result.ok) throw new Error('expected the configuration to be refused');
  return result.problems;
}

function settingsOf(changes: TenantConfigChanges, current = saved(), context = noOthers) {
  const result = validateTenantConfig(changes, current, context);
  if (!result.ok) throw new Error(`refused: ${result.problems.map((p) => p.message).join(' ')}`);
  return result.settings;
}

describe('validateTenantConfig', () => {
  it('keeps fields that were left out and normalises the ones sent', () => {
    const current = saved({ displayName: 'Bakkerij Bakker', supportEmail: 'info@bakker.nl' });
    const next = settingsOf(
      {
        primaryColor: '#0a3d91',
        customDomain: 'Portal.Bakker.nl',
        widgetEnabled: true,
        widgetAllowedOrigins: ['https://WWW.bakker.nl/', 'https://www.bakker.nl'],
      },
      current,
    );
    expect(next).toEqual({
      ...current,
      primaryColor: '#0A3D91',
      customDomain: 'portal.bakker.nl',
      widgetEnabled: true,
      widgetAllowedOrigins: ['https://www.bakker.nl'],
    });
  });

  it('resets a field sent as null to its default, and treats blank optional text as none', () => {
    const current = saved({
      displayName: 'Bakker',
      primaryColor: '#000000',
      customDomain: 'portal.bakker.nl',
      supportPhone: '020-1234567',
      sessionTtlHours: 2,
    });
    const next = settingsOf(
      { displayName: null, primaryColor: null, customDomain: null, supportPhone: '  ', sessionTtlHours: null },
      current,
    );
    expect(next).toMatchObject({
      displayName: 'Klantportaal',
      primaryColor: '#21468B',
      customDomain: null,
      supportPhone: null,
      sessionTtlHours: 8,
    });
  });

  it('stores features in a fixed order without duplicates, and allows switching all of them off', () => {
    expect(settingsOf({ enabledFeatures: ['PROFILE', 'INVOICES', 'INVOICES'] }).enabledFeatures).toEqual(['INVOICES', 'PROFILE']);
    expect(settingsOf({ enabledFeatures: [] }).enabledFeatures).toEqual([]);
  });

  it('reports every problem at once, each with its field and message', () => {
    const problems = problemsOf({
      displayName: '   ',
      primaryColor: 'cobalt',
      customDomain: 'https://portal.bakker.nl',
      subdomain: 'bak.ker',
      supportEmail: 'info@',
      supportPhone: '12',
      sessionTtlHours: 25,
      dpoGroup: 'dpo/group',
      language: 'de',
      widgetAllowedOrigins: ['https://*.bakker.nl', 'https://www.bakker.nl/shop'],
      logo: dataUrl('image/svg+xml', TEST_IMAGES.svg),
    });
    expect(problems).toMatchObject([
      { field: 'displayName', message: 'Display name must not be empty.' },
      { field: 'primaryColor', message: 'Primary colour "cobalt" is not a hex colour; use one like #21468B.' },
      {
        field: 'customDomain',
        message:
          'Custom domain "https://portal.bakker.nl" must be a bare host name such as portal.example.nl: no scheme, port, path or wildcard.',
      },
      {
        field: 'subdomain',
        message: 'Subdomain "bak.ker" must be one label of letters, digits and dashes (for example "bakker"), without dots.',
      },
      { field: 'supportEmail', message: 'Support email "info@" is not a valid email address such as klantenservice@example.nl.' },
      {
        field: 'supportPhone',
        message: 'Support phone "12" is not a valid phone number; use +31 20 123 4567, 020-1234567 or 0800-1234.',
      },
      { field: 'sessionTtlHours', message: 'Session length must be a whole number of hours from 1 to 24; got 25.' },
      {
        field: 'dpoGroup',
        message: `DPO group "dpo/group" is not a Nextcloud group name (letters, digits, spaces and _.@-' only, at most 64).`,
      },
      { field: 'language', message: 'Language "de" is not supported; use one of nl, en.' },
      {
        field: 'widgetAllowedOrigins',
        message: 'Widget origin "https://*.bakker.nl" contains a wildcard; list each site exactly, like https://www.example.nl.',
      },
      {
        field: 'widgetAllowedOrigins',
        message:
          'Widget origin "https://www.bakker.nl/shop" must be only scheme, host and port (like https://www.example.nl), without path, query or login.',
      },
      {
        field: 'logo',
        message: 'Logo must be a PNG, JPEG, WebP or ICO image (SVG is not accepted); the file content is none of these.',
      },
    ]);
  });

  it('checks session length, display name length and control characters', () => {
    expect(problemsOf({ sessionTtlHours: 0 })[0]!.message).toBe(
      'Session length must be a whole number of hours from 1 to 24; got 0.',
    );
    expect(settingsOf({ sessionTtlHours: 1 }).sessionTtlHours).toBe(1);
    expect(settingsOf({ sessionTtlHours: 24 }).sessionTtlHours).toBe(24);
    expect(problemsOf({ displayName: 'x'.repeat(81) })[0]!.message).toBe(
      'Display name is 81 characters long; at most 80 are allowed.',
    );
    expect(problemsOf({ displayName: 'Bakker\u0007' })[0]!.message).toBe('Display name must not contain control characters.');
    expect(settingsOf({ displayName: '  Bakkerij   Bakker ', dpoGroup: ' Privacy Officers ', language: 'EN' })).toMatchObject({
      displayName: 'Bakkerij Bakker',
      dpoGroup: 'Privacy Officers',
      language: 'en',
    });
  });

  it('checks contrast on the merged result, e.g. a new background against the saved primary colour', () => {
    const problems = problemsOf({ backgroundColor: '#0000AA' }, saved({ primaryColor: '#21468B' }));
    expect(problems[0]).toMatchObject({ field: 'primaryColor', code: ErrorCode.CONTRAST_TOO_LOW, requiredMinimum: 4.5 });
  });

  it('keeps at least one of B2B and B2C mode on', () => {
    expect(problemsOf({ b2bEnabled: false, b2cEnabled: false })).toMatchObject([
      { field: 'b2cEnabled', message: 'At least one of B2B and B2C mode must stay switched on.' },
    ]);
    expect(problemsOf({ b2cEnabled: false }, saved({ b2bEnabled: false }))).toHaveLength(1);
    expect(settingsOf({ b2bEnabled: false })).toMatchObject({ b2bEnabled: false, b2cEnabled: true });
  });

  it('wants an allowed origin before widget mode goes on', () => {
    expect(problemsOf({ widgetEnabled: true })).toMatchObject([
      {
        field: 'widgetAllowedOrigins',
        message: 'Widget mode needs at least one allowed origin (the website that embeds the portal).',
      },
    ]);
    expect(
      problemsOf({ widgetAllowedOrigins: [] }, saved({ widgetEnabled: true, widgetAllowedOrigins: ['https://a.nl'] })),
    ).toHaveLength(1);
    const many = Array.from({ length: 21 }, (_, i) => `https://site${i}.example.nl`);
    expect(problemsOf({ widgetAllowedOrigins: many })).toMatchObject([
      { field: 'widgetAllowedOrigins', message: 'At most 20 widget origins are allowed.' },
    ]);
  });

  it('refuses a custom domain or subdomain another tenant uses, naming the clash', () => {
    const context: ValidationContext = {
      otherTenants: [{ id: 'other', customDomain: 'portal.bakker.nl', subdomain: 'bakker' }],
      reservedHosts: ['portaal.example.com'],
    };
    expect(problemsOf({ customDomain: 'PORTAL.bakker.nl', subdomain: 'Bakker' }, saved(), context)).toMatchObject([
      { field: 'customDomain', message: 'Custom domain portal.bakker.nl is already used by tenant "other".' },
      { field: 'subdomain', message: 'Subdomain bakker is already used by tenant "other".' },
    ]);
    expect(settingsOf({ customDomain: 'portal.smit.nl', subdomain: 'smit' }, saved(), context)).toMatchObject({
      customDomain: 'portal.smit.nl',
      subdomain: 'smit',
    });
  });

  it('refuses a custom domain that is another tenant’s subdomain host, and the other way round', () => {
    const context: ValidationContext = {
      otherTenants: [
        { id: 'demo', customDomain: null, subdomain: 'bakker' },
        { id: 'smit', customDomain: 'smit.portal.example.nl', subdomain: null },
      ],
      reservedHosts: ['portal.example.nl'],
    };
    expect(problemsOf({ customDomain: 'bakker.portal.example.nl' }, saved(), context)).toMatchObject([
      { field: 'customDomain', message: 'Custom domain bakker.portal.example.nl is already used by tenant "demo".' },
    ]);
    expect(problemsOf({ subdomain: 'smit' }, saved(), context)).toMatchObject([
      {
        field: 'subdomain',
        message: 'Subdomain smit would answer on smit.portal.example.nl, which tenant "smit" already uses as its custom domain.',
      },
    ]);
  });

  it("reserves the gateway's own host for both fields", () => {
    const context: ValidationContext = { otherTenants: [], reservedHosts: ['portal.example.nl'] };
    expect(problemsOf({ customDomain: 'Portal.Example.NL' }, saved(), context)).toMatchObject([
      {
        field: 'customDomain',
        message: "Custom domain portal.example.nl is the gateway's own address and cannot belong to one tenant.",
      },
    ]);
    expect(problemsOf({ subdomain: 'portal' }, saved(), context)).toMatchObject([
      { field: 'subdomain', message: "Subdomain portal would take the gateway's own address portal.example.nl; choose another." },
    ]);
  });

  it('turns uploads into hash references and removes them with null', () => {
    const result = validateTenantConfig(
      { logo: dataUrl('image/png', TEST_IMAGES.png), favicon: dataUrl('image/x-icon', TEST_IMAGES.ico) },
      saved(),
      noOthers,
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.settings.logo).toEqual({ mimeType: 'image/png', sha256: result.uploads[0]!.sha256 });
    expect(result.settings.favicon).toEqual({ mimeType: 'image/x-icon', sha256: result.uploads[1]!.sha256 });
    expect(settingsOf({ logo: null }, result.settings)).toMatchObject({ logo: null, favicon: result.settings.favicon });
  });
});

describe('tenantConfigError', () => {
  it('is BAD_USER_INPUT listing every problem, one message for all', () => {
    const error = tenantConfigError([
      { field: 'supportEmail', message: 'Support email "x" is not valid.', code: 'EMAIL_INVALID', params: {} },
      { field: 'sessionTtlHours', message: 'Session length is wrong.', code: 'NUMBER_OUT_OF_RANGE', params: { min: 1, max: 24 } },
    ]);
    expect(error.extensions).toEqual({
      code: ErrorCode.BAD_USER_INPUT,
      problems: [
        { field: 'supportEmail', message: 'Support email "x" is not valid.', code: 'EMAIL_INVALID', params: {} },
        {
          field: 'sessionTtlHours',
          message: 'Session length is wrong.',
          code: 'NUMBER_OUT_OF_RANGE',
          params: { min: 1, max: 24 },
        },
      ],
    });
    expect(error.message).toBe(
      'The portal configuration was not saved; 2 problems: Support email "x" is not valid. Session length is wrong.',
    );
  });

  it('is CONTRAST_TOO_LOW with the ratio and minimum when a colour pair fails, still listing the rest', () => {
    const problems = problemsOf({ primaryColor: '#FF9900', supportEmail: 'nope' });
    const error = tenantConfigError(problems);
    expect(error.extensions).toMatchObject({ code: ErrorCode.CONTRAST_TOO_LOW, contrastRatio: 2.14, requiredMinimum: 4.5 });
    expect(error.extensions.problems).toHaveLength(2);
    expect(error.message).toContain('2.14:1');
    expect(error.message).toContain('4.5:1');
  });
});
