import type { AuditDetails, AuditJson } from './audit.types.js';

/**
 * `details` is read by DPOs, exported to CSV and kept for years, so nothing that grants access may
 * ever land in it. Keys are matched by substring on purpose: `totpCode`, `resetToken`,
 * `clientSecret`, `Set-Cookie` all go. The price is that harmless keys such as `postalCode` go too.
 */
const sensitiveKey =
  /pass(word|wd|phrase)?|pwd|token|secret|code|otp|recovery|authori[sz]ation|cookie|api[-_]?key|credential|private[-_]?key/i;

/** Values that carry credentials whatever key they sit under. */
const sensitiveValue = [
  /^\s*(bearer|basic)\s+\S+/i,
  /^eyJ[\w-]+\.[\w-]+\.[\w-]*$/, // a JWT
  /^otpauth:\/\//i,
  /:\/\/[^/\s:@]+:[^/\s@]+@/, // a URL with user:password@
];

export const REDACTED = '[redacted]';
const maxDepth = 4;
const maxKeys = 50;
const maxArrayLength = 50;
const maxStringLength = 500;

export interface SanitizeResult {
  details: AuditDetails;
  /** Paths of what was removed, for a warning in the log (names only, never values). */
  removed: string[];
}

/**
 * Returns a JSON-safe copy of `input` without sensitive keys, with credential-looking values
 * replaced, long strings cut and depth bounded. JSON-safe matters for more than hygiene: the
 * stored `details` must read back exactly as hashed (no undefined, Dates, NaN, `$` or `.` keys).
 */
export function sanitizeDetails(input: Record<string, unknown> | null | undefined): SanitizeResult {
  const removed: string[] = [];

  const clean = (value: unknown, path: string, depth: number): AuditJson | undefined => {
    if (value === null) return null;
    if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
    switch (typeof value) {
      case 'string':
        if (sensitiveValue.some((pattern) => pattern.test(value))) return REDACTED;
        return value.length > maxStringLength ? `${value.slice(0, maxStringLength)}…` : value;
      case 'number':
        return Number.isFinite(value) ? value : null;
      case 'boolean':
        return value;
      case 'bigint':
        return value.toString();
      case 'object':
        break;
      default:
        return undefined; // functions, symbols, undefined: not data
    }
    if (depth >= maxDepth) {
      removed.push(`${path} (too deep)`);
      return null;
    }
    if (Array.isArray(value)) {
      return value.slice(0, maxArrayLength).map((item, i) => clean(item, `${path}[${i}]`, depth + 1) ?? null);
    }
    const out: Record<string, AuditJson> = {};
    for (const [key, item] of Object.entries(value as Record<string, unknown>).slice(0, maxKeys)) {
      const keyPath = path ? `${path}.${key}` : key;
      // `$`-prefixed and dotted keys are operators/paths to MongoDB and are refused by FerretDB.
      if (sensitiveKey.test(key) || key.startsWith('$') || key.includes('.') || key.includes('\0')) {
        removed.push(keyPath);
        continue;
      }
      const cleaned = clean(item, keyPath, depth + 1);
      if (cleaned !== undefined) out[key] = cleaned;
    }
    return out;
  };

  const details = input && typeof input === 'object' ? (clean(input, '', 0) as AuditDetails) : {};
  return { details: Array.isArray(details) ? {} : details, removed };
}
