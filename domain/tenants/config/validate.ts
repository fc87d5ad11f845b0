import {
  defaultPortalSettings,
  FEATURES,
  PORTAL_LANGUAGES,
  RETENTION_BASES,
  type Feature,
  type PortalLanguage,
  type PortalSettings,
  type RetentionBasis,
} from '../portal-settings.js';
import { contrastProblems, normaliseHexColor } from './colors.js';
import { normaliseMailSenderAddress, normaliseMailSenderName, normaliseSupportEmail, normaliseSupportPhone } from './contact.js';
import { claimedHosts, normaliseCustomDomain, normaliseSubdomain, reservedHostMessage, type HostClaim } from './hosts.js';
import { parseImageDataUrl, type ImageKind, type ImageUpload } from './images.js';
import { MAX_WIDGET_ORIGINS, normaliseWidgetOrigin } from './origins.js';
import { checkPaymentUrlTemplate } from './payment-url.js';
import { accept, problemOf, refuse, type Checked, type ConfigProblem } from './problems.js';

type Editable = Omit<PortalSettings, 'logo' | 'favicon'>;

/**
 * What an admin submits (CONTRACT.md TenantConfigInput): a field left out keeps its value, a
 * field set to null goes back to its default (no logo, no custom domain, "Klantportaal", …).
 * Logo and favicon arrive as data URLs.
 */
export type TenantConfigChanges = { [K in Exclude<keyof Editable, 'language' | 'retentionBasis'>]?: Editable[K] | null } & {
  logo?: string | null;
  favicon?: string | null;
  language?: string | null;
  retentionBasis?: string | null;
};

export interface ValidationContext {
  /** The other tenants' address settings: every host they claim is unique across tenants and fields. */
  otherTenants: ReadonlyArray<{ id: string; customDomain: string | null; subdomain: string | null }>;
  /**
   * The gateway's own host names (its PUBLIC_URL host): no tenant may take them, and subdomains
   * live under them (`<subdomain>.<gateway host>`). Without any, a subdomain claims no host.
   */
  reservedHosts?: readonly string[];
}

export type ValidationResult =
  { ok: true; settings: PortalSettings; uploads: ImageUpload[] } | { ok: false; problems: ConfigProblem[] };

/**
 * Blank text in an optional field means "none", which is what a cleared form field sends (null
 * never gets here: `update` resets a null field to its default itself).
 */
const optional =
  (check: (value: string) => Checked<string>) =>
  (value: string): Checked<string | null> =>
    value.trim() === '' ? accept(null) : check(value);

function checkDisplayName(raw: string): Checked<string> {
  const name = raw.trim().replace(/\s+/g, ' ');
  if (!name) return refuse('REQUIRED', 'Display name must not be empty.');
  if (name.length > 80)
    return refuse('TOO_LONG', `Display name is ${name.length} characters long; at most 80 are allowed.`, { max: 80 });
  if (/\p{Cc}/u.test(name)) return refuse('CONTROL_CHARACTERS', 'Display name must not contain control characters.');
  return accept(name);
}

function checkFeatures(raw: readonly string[]): Checked<Feature[]> {
  const unknown = raw.filter((feature) => !(FEATURES as readonly string[]).includes(feature));
  if (unknown.length)
    return refuse('FEATURE_UNKNOWN', `Unknown features: ${unknown.join(', ')}. Known are ${FEATURES.join(', ')}.`, {
      features: unknown.join(', ').slice(0, 200),
    });
  return accept(FEATURES.filter((feature) => raw.includes(feature)));
}

function checkSessionTtl(hours: number): Checked<number> {
  return Number.isInteger(hours) && hours >= 1 && hours <= 24
    ? accept(hours)
    : refuse('NUMBER_OUT_OF_RANGE', `Session length must be a whole number of hours from 1 to 24; got ${hours}.`, {
        min: 1,
        max: 24,
      });
}

/** Nextcloud's own rule for group ids: letters, digits, spaces and _.@-' (at most 64 here). */
function checkDpoGroup(raw: string): Checked<string> {
  const group = raw.trim();
  return /^[A-Za-z0-9 _.@'-]{1,64}$/.test(group)
    ? accept(group)
    : refuse(
        'DPO_GROUP_INVALID',
        `DPO group "${group.slice(0, 80)}" is not a Nextcloud group name (letters, digits, spaces and _.@-' only, at most 64).`,
      );
}

function checkLanguage(raw: string): Checked<PortalLanguage> {
  const language = raw.trim().toLowerCase();
  return (PORTAL_LANGUAGES as readonly string[]).includes(language)
    ? accept(language as PortalLanguage)
    : refuse('NOT_ONE_OF', `Language "${raw.slice(0, 10)}" is not supported; use one of ${PORTAL_LANGUAGES.join(', ')}.`, {
        allowed: PORTAL_LANGUAGES.join(', '),
      });
}

function checkRetentionBasis(raw: string): Checked<RetentionBasis> {
  const basis = raw.trim().toUpperCase();
  return (RETENTION_BASES as readonly string[]).includes(basis)
    ? accept(basis as RetentionBasis)
    : refuse('NOT_ONE_OF', `Retention basis "${raw.slice(0, 20)}" is not known; use one of ${RETENTION_BASES.join(', ')}.`, {
        allowed: RETENTION_BASES.join(', '),
      });
}

/** A ground a DPO can review: a sentence, not a checkbox. Line breaks are kept; other control characters are not. */
function checkExclusionGround(raw: string): Checked<string> {
  const ground = raw.trim();
  if (ground.length < 20)
    return refuse('TOO_SHORT', 'State the ground for leaving internal notes out of data exports in at least 20 characters.', {
      min: 20,
    });
  if (ground.length > 1000)
    return refuse('TOO_LONG', `The ground is ${ground.length} characters long; at most 1000 are allowed.`, { max: 1000 });
  if (/[^\P{Cc}\n\r\t]/u.test(ground)) return refuse('CONTROL_CHARACTERS', 'The ground must not contain control characters.');
  return accept(ground);
}

/** Same length limit as a request's category (domain/portal-data/request-input.ts). */
function checkCancellationCategory(raw: string): Checked<string> {
  const category = raw.trim();
  if (category.length > 100)
    return refuse('TOO_LONG', `The category is ${category.length} characters long; at most 100 are allowed.`, { max: 100 });
  if (/\p{Cc}/u.test(category)) return refuse('CONTROL_CHARACTERS', 'The category must not contain control characters.');
  return accept(category);
}

/**
 * Checks a submitted configuration against the tenant's current one and returns the complete
 * settings to store, or every problem found (field checks first, then the rules that span
 * fields: colour contrast, modes, widget origins, uniqueness of hosts). Pure: no I/O.
 */
export function validateTenantConfig(
  changes: TenantConfigChanges,
  current: PortalSettings,
  context: ValidationContext,
): ValidationResult {
  const defaults = defaultPortalSettings();
  const next: PortalSettings = { ...current, widgetAllowedOrigins: [...current.widgetAllowedOrigins] };
  const problems: ConfigProblem[] = [];
  const uploads: ImageUpload[] = [];

  function update<K extends keyof Editable>(
    field: K,
    check: (value: NonNullable<TenantConfigChanges[K]>) => Checked<Editable[K]>,
  ) {
    const value = changes[field];
    if (value === undefined) return;
    const checked = value === null ? accept(defaults[field]) : check(value as NonNullable<TenantConfigChanges[K]>);
    if (checked.ok) (next as Editable)[field] = checked.value;
    else problems.push(problemOf(field, checked));
  }

  update('displayName', checkDisplayName);
  update('primaryColor', (value) => normaliseHexColor(value, 'Primary colour'));
  update('secondaryColor', (value) => normaliseHexColor(value, 'Secondary colour'));
  update('backgroundColor', (value) => normaliseHexColor(value, 'Background colour'));
  update('customDomain', optional(normaliseCustomDomain));
  update('subdomain', optional(normaliseSubdomain));
  update('supportEmail', optional(normaliseSupportEmail));
  update('supportPhone', optional(normaliseSupportPhone));
  update('mailSenderName', optional(normaliseMailSenderName));
  update('mailSenderAddress', optional(normaliseMailSenderAddress));
  update('enabledFeatures', checkFeatures);
  update('b2bEnabled', accept);
  update('b2cEnabled', accept);
  update('widgetEnabled', accept);
  update('mfaRequired', accept);
  update('colleagueInvitesEnabled', accept);
  update('sessionTtlHours', checkSessionTtl);
  update('dpoGroup', checkDpoGroup);
  update('language', checkLanguage);
  update('internalNotesExportExclusion', optional(checkExclusionGround));
  update('retentionBasis', checkRetentionBasis);
  update('paymentUrlTemplate', optional(checkPaymentUrlTemplate));
  update('contractCancellationCategory', optional(checkCancellationCategory));

  const origins = changes.widgetAllowedOrigins;
  if (origins !== undefined) {
    const checked = (origins ?? []).map(normaliseWidgetOrigin);
    for (const result of checked) if (!result.ok) problems.push(problemOf('widgetAllowedOrigins', result));
    next.widgetAllowedOrigins = [...new Set(checked.flatMap((result) => (result.ok ? [result.value] : [])))];
    if (next.widgetAllowedOrigins.length > MAX_WIDGET_ORIGINS) {
      problems.push({
        field: 'widgetAllowedOrigins',
        code: 'TOO_MANY',
        message: `At most ${MAX_WIDGET_ORIGINS} widget origins are allowed.`,
        params: { max: MAX_WIDGET_ORIGINS },
      });
    }
  }

  for (const kind of ['logo', 'favicon'] as const satisfies readonly ImageKind[]) {
    const value = changes[kind];
    if (value === undefined) continue;
    if (value === null) {
      next[kind] = null;
      continue;
    }
    const parsed = parseImageDataUrl(kind, value);
    if (!parsed.ok) {
      problems.push(problemOf(kind, parsed));
      continue;
    }
    uploads.push(parsed.value);
    next[kind] = { mimeType: parsed.value.mimeType, sha256: parsed.value.sha256 };
  }

  // Rules across fields run on the merged result only when the fields themselves were valid.
  const colourFields = ['primaryColor', 'secondaryColor', 'backgroundColor'];
  if (!problems.some((problem) => colourFields.includes(problem.field))) problems.push(...contrastProblems(next));
  if (!next.b2bEnabled && !next.b2cEnabled) {
    problems.push({
      field: 'b2cEnabled',
      code: 'MODE_REQUIRED',
      message: 'At least one of B2B and B2C mode must stay switched on.',
      params: {},
    });
  }
  if (next.widgetEnabled && next.widgetAllowedOrigins.length === 0 && !problems.some((p) => p.field === 'widgetAllowedOrigins')) {
    problems.push({
      field: 'widgetAllowedOrigins',
      code: 'ORIGIN_REQUIRED_FOR_WIDGET',
      params: {},
      message: 'Widget mode needs at least one allowed origin (the website that embeds the portal).',
    });
  }
  problems.push(...hostClashes(next, context));

  return problems.length ? { ok: false, problems } : { ok: true, settings: next, uploads };
}

/**
 * Every host the merged settings claim must be free: not one of the gateway's own, and not one
 * another tenant answers on through either of its fields (a custom domain may clash with another
 * tenant's subdomain host and the other way round). This check reads a snapshot; the host-claims
 * collection (domain/tenants/host-claims.ts) is what holds under concurrent saves.
 */
function hostClashes(next: PortalSettings, context: ValidationContext): ConfigProblem[] {
  const gatewayHosts = context.reservedHosts ?? [];
  const problems: ConfigProblem[] = [];
  const taken = new Map<string, { id: string; field: HostClaim['field'] }>();
  for (const other of context.otherTenants) {
    for (const claim of claimedHosts(other, gatewayHosts)) taken.set(claim.host, { id: other.id, field: claim.field });
  }
  for (const claim of claimedHosts(next, gatewayHosts)) {
    if (problems.some((problem) => problem.field === claim.field)) continue;
    const reserved = reservedHostMessage(claim, next.subdomain, gatewayHosts);
    const owner = taken.get(claim.host);
    if (reserved)
      problems.push({ field: claim.field, code: 'HOST_IS_GATEWAY', message: reserved, params: { host: shownHost(claim) } });
    else if (owner) {
      const message = hostTakenMessage(claim, next.subdomain, owner);
      problems.push({ field: claim.field, code: 'HOST_TAKEN', message, params: { host: shownHost(claim), tenant: owner.id } });
    }
  }
  return problems;
}

/** A claim's host as an admin knows it: the subdomain's own key `bakker.*` is shown as `bakker`. */
export const shownHost = (claim: HostClaim): string => (claim.host.endsWith('.*') ? claim.host.slice(0, -2) : claim.host);

export function hostTakenMessage(
  claim: HostClaim,
  subdomain: string | null,
  owner: { id: string; field: HostClaim['field'] },
): string {
  if (claim.field === 'customDomain') return `Custom domain ${claim.host} is already used by tenant "${owner.id}".`;
  if (owner.field === 'subdomain') return `Subdomain ${subdomain} is already used by tenant "${owner.id}".`;
  return `Subdomain ${subdomain} would answer on ${claim.host}, which tenant "${owner.id}" already uses as its custom domain.`;
}
