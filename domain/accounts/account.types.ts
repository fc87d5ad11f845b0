import type { AccountType } from '../principal.js';

export type { AccountType } from '../principal.js';
export const ACCOUNT_TYPES = ['B2B', 'B2C'] as const satisfies readonly AccountType[];

export const ACCOUNT_STATUSES = ['INVITED', 'ACTIVE', 'BLOCKED', 'CLOSED'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

export const ACCOUNT_LOCALES = ['nl', 'en'] as const;
export type AccountLocale = (typeof ACCOUNT_LOCALES)[number];

/** TOTP state. Secrets are sealed (AES-GCM, key derived for 'mfa'); recovery codes are keyed hashes. */
export interface AccountMfa {
  enabled: boolean;
  secretSealed: string | null;
  enabledAt: Date | null;
  /** The last TOTP time step accepted for `secretSealed`; a code of this step or earlier is a replay. */
  lastStep: number | null;
  recoveryCodeHashes: string[];
  /** A secret being enrolled, live only after confirmMfaEnrollment proves the app has it. */
  pendingSecretSealed: string | null;
  pendingSince: Date | null;
}

/**
 * A portal account: credential state only. Who the person is (name, phone, address) stays in
 * Nextcloud, on the linked `client` (person for B2C, organisation for B2B) and `contact`.
 */
export interface Account {
  id: string;
  tenantId: string;
  /** Trimmed and lower-cased: the portal treats addresses case-insensitively. */
  email: string;
  type: AccountType;
  status: AccountStatus;
  clientId: string;
  contactId: string | null;
  locale: AccountLocale;
  passwordHash: string | null;
  passwordChangedAt: Date | null;
  mfa: AccountMfa;
  /** Failed sign-ins before this moment no longer count toward a lockout (success, reset). */
  failuresResetAt: Date | null;
  invitedBy: string | null;
  createdAt: Date;
  activatedAt: Date | null;
  lastSignInAt: Date | null;
  /**
   * A keyed hash of the address, set when the account is CLOSED (its plain address is dropped
   * then; see account-minimisation.ts). Absent on open accounts.
   */
  emailHash?: string | null;
}

export function emptyMfa(): AccountMfa {
  return {
    enabled: false,
    secretSealed: null,
    enabledAt: null,
    lastStep: null,
    recoveryCodeHashes: [],
    pendingSecretSealed: null,
    pendingSince: null,
  };
}

/** Lower-cased and trimmed; the one form stored and compared. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * A deliberately plain check (one @, a dot in the domain, no spaces, sane length): the real
 * proof that an address works is the mail we send to it.
 */
export function isPlausibleEmail(email: string): boolean {
  return email.length <= 254 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email);
}
