import type { Catalog, LocaleChrome } from './types.js';

export const enChrome: LocaleChrome = {
  greeting: (name) => (name ? `Dear ${name},` : 'Hello,'),
  copyLink: 'Button not working? Copy this link into your browser:',
  automated: 'This is an automated message. Replies to this email are not read.',
  supportLine: (email) => `Questions? Email ${email}.`,
};

const ignoreIfNotYou = 'If you did not ask for this, you can ignore this email.';

export const en: Catalog = {
  'account-invitation': (v, f) => ({
    subject: `Activate your ${v.tenantName} account`,
    heading: `Welcome to ${v.tenantName}`,
    paragraphs: [
      `An account has been created for you on the ${v.tenantName} customer portal, where you can see your invoices, contracts, orders, requests and documents.`,
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
    heading: 'Close your account',
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
};
