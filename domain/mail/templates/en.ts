import type { Feature } from '../../tenants/portal-settings.js';
import { offeredFeatures } from './features.js';
import type { Catalog, LocaleChrome } from './types.js';

export const enChrome: LocaleChrome = {
  greeting: (name) => (name ? `Dear ${name},` : 'Hello,'),
  copyLink: 'Button not working? Copy this link into your browser:',
  automated: 'This is an automated message. Replies to this email are not read.',
  supportLine: (email) => `Questions? Email ${email}.`,
};

const ignoreIfNotYou = 'If you did not ask for this, you can ignore this email.';

/** What each feature shows, as nouns after "your" ("your invoices and contracts"). */
const FEATURE_WORDS: Record<Feature, string> = {
  INVOICES: 'invoices',
  CONTRACTS: 'contracts',
  ORDERS: 'orders',
  REQUESTS: 'requests',
  DOCUMENTS: 'documents',
  PROFILE: 'details',
};

/** ", where you can see your invoices and contracts" for the enabled features; nothing when none is. */
const offer = (features: readonly Feature[] | null | undefined, list: (items: string[]) => string): string => {
  const words = offeredFeatures({ features }).map((feature) => FEATURE_WORDS[feature]);
  return words.length ? `, where you can see your ${list(words)}` : '';
};

export const en: Catalog = {
  'account-invitation': (v, f) => ({
    subject: `Activate your ${v.tenantName} account`,
    heading: `Welcome to ${v.tenantName}`,
    paragraphs: [
      `An account has been created for you on the ${v.tenantName} customer portal${offer(v.features, f.list)}.`,
      'Choose a password to activate your account.',
    ],
    action: { label: 'Activate account', url: v.activationUrl },
    notes: [
      `This link is valid for ${f.validity(v.validForMinutes)} and works once.`,
      'Not expecting this invitation? Then you can ignore this email.',
    ],
  }),

  'password-reset': (v, f) => ({
    subject: `Reset your ${v.tenantName} password`,
    heading: 'Set a new password',
    paragraphs: [`We received a request to reset the password of your ${v.tenantName} account.`],
    action: { label: 'Set a new password', url: v.resetUrl },
    notes: [
      `This link is valid for ${f.validity(v.validForMinutes)} and works once.`,
      `${ignoreIfNotYou} Your password stays unchanged.`,
    ],
  }),

  'email-change-confirmation': (v, f) => ({
    subject: 'Confirm your new email address',
    heading: 'Confirm your new email address',
    paragraphs: [
      `You asked to use ${v.newEmail} as the email address of your ${v.tenantName} account.`,
      'Confirm this address with the button below. Until then your current address stays in use.',
    ],
    action: { label: 'Confirm email address', url: v.confirmUrl },
    notes: [`This link is valid for ${f.validity(v.validForMinutes)} and works once.`, ignoreIfNotYou],
  }),

  'email-change-notice': (v, f) => ({
    subject: 'Your email address is being changed',
    heading: 'Your email address is being changed',
    paragraphs: [
      `Someone asked to change the email address of your ${v.tenantName} account to ${v.newEmail}.`,
      'The change takes effect only after the new address has been confirmed. Until then this address stays in use.',
      `Was this not you? Change your password right away and contact ${f.support}.`,
    ],
  }),

  'data-export-ready': (v, f) => ({
    subject: 'Your data export is ready',
    heading: 'Your data export is ready',
    paragraphs: [
      `You asked for a copy of the data ${v.tenantName} keeps about you through the customer portal. It is ready for you now.`,
    ],
    action: { label: 'Download export', url: v.downloadUrl },
    notes: [`The download link is valid for ${f.validity(v.validForMinutes)}.`, 'The file contains personal data. Keep it safe.'],
  }),

  'account-closure-confirmation': (v, f) => ({
    subject: 'Confirm closing your account',
    heading: 'Close account',
    paragraphs: [
      `You asked to close your ${v.tenantName} account. Confirm this with the button below.`,
      'Once closed, you can no longer sign in. This cannot be undone.',
    ],
    action: { label: 'Confirm closure', url: v.confirmUrl },
    notes: [
      `This link is valid for ${f.validity(v.validForMinutes)} and works once.`,
      'If you did not ask for this, ignore this email and your account stays open. To be safe, change your password.',
    ],
  }),

  'account-closed': (v) => ({
    subject: 'Your account has been closed',
    heading: 'Your account has been closed',
    paragraphs: [
      `Your account on the ${v.tenantName} customer portal has been closed. You can no longer sign in, and all sessions and access tokens have been revoked.`,
      'Links to a data export we emailed you earlier no longer work.',
      'Records we are required by law to keep, such as invoices, are kept for as long as the law requires. After that your personal data is pseudonymised.',
    ],
  }),

  'mfa-disabled': (v, f) => ({
    subject: 'Two-step verification was turned off',
    heading: 'Two-step verification was turned off',
    paragraphs: [
      `On ${f.dateTime(v.occurredAt)} two-step verification was turned off for your ${v.tenantName} account. Signing in now asks for your password only.`,
      `Was this not you? Change your password right away, turn two-step verification back on and contact ${f.support}.`,
    ],
  }),

  'password-changed': (v, f) => ({
    subject: 'Your password was changed',
    heading: 'Your password was changed',
    paragraphs: [
      `On ${f.dateTime(v.occurredAt)} the password of your ${v.tenantName} account was changed.`,
      ...(v.apiTokensRevoked
        ? [
            `For your safety your partner API tokens were revoked too (${v.apiTokensRevoked}). Create new tokens in the portal for the systems you still use.`,
          ]
        : []),
      `Was this not you? Reset your password right away with "Forgot password" and contact ${f.support}.`,
    ],
  }),

  'delegation-granted': (v, f) => ({
    subject: `${v.companyName} gave you access on the customer portal`,
    heading: `Access on behalf of ${v.companyName}`,
    paragraphs: [
      `${v.companyName} gave you access on the ${v.tenantName} customer portal to: ${v.scopes.map((s) => EN_SCOPES[s] ?? s).join(', ')}.`,
      v.validUntil
        ? `The access applies from ${f.dateTime(v.validFrom)} until ${f.dateTime(v.validUntil)}.`
        : `The access applies from ${f.dateTime(v.validFrom)} until ${v.companyName} ends it.`,
      v.hasAccount
        ? 'After signing in, choose at the top of the page on whose behalf you work.'
        : `You do not have an account on this portal yet. As soon as an account for this address is activated, the access starts by itself. Ask ${v.companyName} or the portal's administrator for an invitation.`,
    ],
    action: v.hasAccount ? { label: 'Go to the customer portal', url: v.portalUrl } : undefined,
    notes: ['Not expecting this? Then you can ignore this email; you can also end the access yourself in the portal.'],
  }),
};

const EN_SCOPES: Record<string, string> = {
  VIEW_INVOICES_ORDERS: 'view invoices and orders',
  VIEW_CONTRACTS: 'view contracts',
  VIEW_DOCUMENTS: 'view documents',
  SUBMIT_REQUESTS: 'submit and reply to requests',
};
