import type { Account, AccountLocale } from '../accounts/account.types.js';

/** The fields a customer may change in their profile, in the order problems are reported. */
export const PROFILE_FIELDS = ['displayName', 'phone', 'address', 'jobTitle', 'locale', 'email'] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];

/** What updateProfile receives. Absent or null leaves a field as it is; '' clears an optional one. */
export type ProfileInput = Partial<Record<ProfileField, string | null>>;

/** Validated, normalised changes; `null` clears a field in Nextcloud. */
export interface ProfileChanges {
  displayName?: string;
  phone?: string | null;
  address?: string | null;
  jobTitle?: string | null;
  locale?: AccountLocale;
  email?: string;
}

/** The organisation a B2B account belongs to (its Pipelinq `client`), read-only in the profile. */
export interface OrganisationDetails {
  id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  address: string | null;
  website: string | null;
}

/** The person as Nextcloud knows them. */
export interface PersonDetails {
  displayName: string | null;
  phone: string | null;
  address: string | null;
  /** B2B only (the contact's `role`); null for B2C. */
  jobTitle: string | null;
  /** B2B only; null for B2C. */
  organisation: OrganisationDetails | null;
}

/** An email change waiting for its confirmation link to be used. */
export interface PendingEmail {
  email: string;
  expiresAt: Date;
}

/**
 * A profile as the resolvers hand it on: the account's own fields now, the Nextcloud part on
 * demand. Keeping `person` lazy lets `profile { email }` answer without Nextcloud, and lets a
 * Nextcloud outage fail only the fields that need it.
 */
export interface ProfileView {
  account: Account;
  pendingEmail: PendingEmail | null;
  person(): Promise<PersonDetails>;
}
