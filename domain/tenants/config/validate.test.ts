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

describe('validateTenantConfig, field by field', () => {
  it('stores every field an admin sends, not only the ones the form shows first', () => {
    const next = settingsOf({
      secondaryColor: '#ffffff',
      backgroundColor: '#fafafa',
      mailSenderName: '  Bakkerij   Bakker ',
      mailSenderAddress: 'Portaal@Bakker.NL',
      colleagueInvitesEnabled: true,
      retentionBasis: ' record_date ',
      paymentUrlTemplate: 'https://betalen.bakker.nl/{number}',
      contractCancellationCategory: '  Opzegging ',
    });
    expect(next).toMatchObject({
      secondaryColor: '#FFFFFF',
      backgroundColor: '#FAFAFA',
      mailSenderName: 'Bakkerij Bakker',
      mailSenderAddress: 'portaal@bakker.nl',
      colleagueInvitesEnabled: true,
      retentionBasis: 'RECORD_DATE',
      paymentUrlTemplate: 'https://betalen.bakker.nl/{number}',
      contractCancellationCategory: 'Opzegging',
    });
  });

  it('names the colour a refusal is about', () => {
    expect(problemsOf({ secondaryColor: 'wit', backgroundColor: 'grijs' }).map((p) => [p.field, p.message])).toEqual([
      ['secondaryColor', 'Secondary colour "wit" is not a hex colour; use one like #21468B.'],
      ['backgroundColor', 'Background colour "grijs" is not a hex colour; use one like #21468B.'],
    ]);
  });

  it('keeps the saved widget origins when a save leaves them out', () => {
    const current = saved({ widgetEnabled: true, widgetAllowedOrigins: ['https://www.bakker.nl'] });
    expect(settingsOf({ displayName: 'Bakker' }, current).widgetAllowedOrigins).toEqual(['https://www.bakker.nl']);
    // The result is a copy: changing it leaves the saved settings alone.
    settingsOf({ displayName: 'Bakker' }, current).widgetAllowedOrigins.push('https://evil.example');
    expect(current.widgetAllowedOrigins).toEqual(['https://www.bakker.nl']);
  });

  it('allows exactly 20 widget origins and refuses the 21st with its code', () => {
    const origins = (n: number) => Array.from({ length: n }, (_, i) => `https://site${i}.example.nl`);
    expect(settingsOf({ widgetAllowedOrigins: origins(20) }).widgetAllowedOrigins).toHaveLength(20);
    expect(problemsOf({ widgetAllowedOrigins: origins(21) })).toEqual([
      { field: 'widgetAllowedOrigins', code: 'TOO_MANY', message: 'At most 20 widget origins are allowed.', params: { max: 20 } },
    ]);
  });

  it('names only the bad origin, not also a missing one, when widget mode goes on with nothing but a bad origin', () => {
    expect(problemsOf({ widgetEnabled: true, widgetAllowedOrigins: ['https://*.bakker.nl'] })).toMatchObject([
      { field: 'widgetAllowedOrigins', code: 'ORIGIN_WILDCARD' },
    ]);
    expect(problemsOf({ widgetEnabled: true })).toMatchObject([
      { field: 'widgetAllowedOrigins', code: 'ORIGIN_REQUIRED_FOR_WIDGET', params: {} },
    ]);
  });

  it('refuses unknown features by name, with their code', () => {
    expect(problemsOf({ enabledFeatures: ['INVOICES', 'LOANS', 'GIFTS'] as never })).toEqual([
      {
        field: 'enabledFeatures',
        code: 'FEATURE_UNKNOWN',
        message: 'Unknown features: LOANS, GIFTS. Known are INVOICES, CONTRACTS, ORDERS, REQUESTS, DOCUMENTS, PROFILE.',
        params: { features: 'LOANS, GIFTS' },
      },
    ]);
    // The parameter a form shows stays short, whatever was sent.
    const [long] = problemsOf({ enabledFeatures: ['X'.repeat(300)] as never });
    expect(long!.params).toEqual({ features: 'X'.repeat(200) });
  });

  it('gives each refusal its stable code and parameters', () => {
    expect(settingsOf({ displayName: 'x'.repeat(80) }).displayName).toHaveLength(80);
    expect(problemsOf({ displayName: ' ' })).toMatchObject([{ code: 'REQUIRED' }]);
    expect(problemsOf({ displayName: 'x'.repeat(81) })).toMatchObject([{ code: 'TOO_LONG', params: { max: 80 } }]);
    expect(problemsOf({ displayName: 'a\u0000b' })).toMatchObject([{ code: 'CONTROL_CHARACTERS' }]);
    expect(problemsOf({ sessionTtlHours: 1.5 })).toMatchObject([{ code: 'NUMBER_OUT_OF_RANGE', params: { min: 1, max: 24 } }]);
    expect(problemsOf({ dpoGroup: '' })).toMatchObject([{ code: 'DPO_GROUP_INVALID' }]);
    expect(problemsOf({ dpoGroup: `${'g'.repeat(100)}/` })[0]!.message).toBe(
      `DPO group "${'g'.repeat(80)}" is not a Nextcloud group name (letters, digits, spaces and _.@-' only, at most 64).`,
    );
    expect(settingsOf({ language: ' EN ' }).language).toBe('en');
    expect(problemsOf({ language: 'deutsch-ch-x' })).toEqual([
      {
        field: 'language',
        code: 'NOT_ONE_OF',
        message: 'Language "deutsch-ch" is not supported; use one of nl, en.',
        params: { allowed: 'nl, en' },
      },
    ]);
  });

  it('refuses a retention basis it does not know, listing the ones it does', () => {
    expect(problemsOf({ retentionBasis: 'invoice-date-of-the-last-invoice' })).toEqual([
      {
        field: 'retentionBasis',
        code: 'NOT_ONE_OF',
        message: 'Retention basis "invoice-date-of-the-" is not known; use one of FISCAL_YEAR_END, RECORD_DATE.',
        params: { allowed: 'FISCAL_YEAR_END, RECORD_DATE' },
      },
    ]);
    expect(settingsOf({ retentionBasis: null }, saved({ retentionBasis: 'RECORD_DATE' })).retentionBasis).toBe('FISCAL_YEAR_END');
  });

  it('takes a ground for leaving notes out of 20 to 1000 characters, line breaks allowed', () => {
    const ground = (n: number) => 'g'.repeat(n);
    expect(settingsOf({ internalNotesExportExclusion: ground(20) }).internalNotesExportExclusion).toBe(ground(20));
    expect(settingsOf({ internalNotesExportExclusion: ground(1000) }).internalNotesExportExclusion).toBe(ground(1000));
    expect(
      settingsOf({ internalNotesExportExclusion: `Art. 15(4) AVG:\r\n\tnotes name colleagues` }).internalNotesExportExclusion,
    ).toBe('Art. 15(4) AVG:\r\n\tnotes name colleagues');
    expect(problemsOf({ internalNotesExportExclusion: ground(19) })).toEqual([
      {
        field: 'internalNotesExportExclusion',
        code: 'TOO_SHORT',
        message: 'State the ground for leaving internal notes out of data exports in at least 20 characters.',
        params: { min: 20 },
      },
    ]);
    expect(problemsOf({ internalNotesExportExclusion: ground(1001) })).toEqual([
      {
        field: 'internalNotesExportExclusion',
        code: 'TOO_LONG',
        message: 'The ground is 1001 characters long; at most 1000 are allowed.',
        params: { max: 1000 },
      },
    ]);
    expect(problemsOf({ internalNotesExportExclusion: `${ground(20)}\u0007` })).toEqual([
      {
        field: 'internalNotesExportExclusion',
        code: 'CONTROL_CHARACTERS',
        message: 'The ground must not contain control characters.',
        params: {},
      },
    ]);
  });

  it('takes a cancellation category of up to 100 characters without control characters', () => {
    expect(settingsOf({ contractCancellationCategory: 'c'.repeat(100) }).contractCancellationCategory).toHaveLength(100);
    expect(
      settingsOf({ contractCancellationCategory: '  ' }, saved({ contractCancellationCategory: 'Opzegging' })),
    ).toMatchObject({
      contractCancellationCategory: null,
    });
    expect(problemsOf({ contractCancellationCategory: 'c'.repeat(101) })).toEqual([
      {
        field: 'contractCancellationCategory',
        code: 'TOO_LONG',
        message: 'The category is 101 characters long; at most 100 are allowed.',
        params: { max: 100 },
      },
    ]);
    expect(problemsOf({ contractCancellationCategory: 'Op\nzegging' })).toEqual([
      {
        field: 'contractCancellationCategory',
        code: 'CONTROL_CHARACTERS',
        message: 'The category must not contain control characters.',
        params: {},
      },
    ]);
  });

  it('gives host refusals their code and the host as the admin typed it', () => {
    const context: ValidationContext = {
      otherTenants: [{ id: 'other', customDomain: 'portal.bakker.nl', subdomain: 'bakker' }],
      reservedHosts: ['portal.example.nl'],
    };
    expect(problemsOf({ customDomain: 'portal.bakker.nl', subdomain: 'bakker' }, saved(), context)).toMatchObject([
      { field: 'customDomain', code: 'HOST_TAKEN', params: { host: 'portal.bakker.nl', tenant: 'other' } },
      { field: 'subdomain', code: 'HOST_TAKEN', params: { host: 'bakker', tenant: 'other' } },
    ]);
    expect(problemsOf({ customDomain: 'portal.example.nl' }, saved(), context)).toMatchObject([
      { field: 'customDomain', code: 'HOST_IS_GATEWAY', params: { host: 'portal.example.nl' } },
    ]);
  });
});
