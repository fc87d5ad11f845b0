import { registerEnumType } from 'type-graphql';

/** Values match domain/accounts ACCOUNT_TYPES. */
export enum AccountType {
  B2B = 'B2B',
  B2C = 'B2C',
}

/** Values match domain/accounts ACCOUNT_STATUSES. */
export enum AccountStatus {
  INVITED = 'INVITED',
  ACTIVE = 'ACTIVE',
  BLOCKED = 'BLOCKED',
  CLOSED = 'CLOSED',
}

/** The languages the portal and its mails speak; values are the stored codes. */
export enum Locale {
  NL = 'nl',
  EN = 'en',
}

export enum SignInStatus {
  SIGNED_IN = 'SIGNED_IN',
  MFA_REQUIRED = 'MFA_REQUIRED',
  MFA_ENROLLMENT_REQUIRED = 'MFA_ENROLLMENT_REQUIRED',
}

registerEnumType(AccountType, {
  name: 'AccountType',
  description: 'B2B: an employee of a client organisation; B2C: a private person',
});
registerEnumType(AccountStatus, { name: 'AccountStatus', description: 'Where a portal account is in its life' });
registerEnumType(Locale, { name: 'Locale', description: 'Language of the portal and its mails' });
registerEnumType(SignInStatus, {
  name: 'SignInStatus',
  description: 'What a sign-in achieved',
  valuesConfig: {
    SIGNED_IN: { description: 'Signed in; the session cookie is set' },
    MFA_REQUIRED: { description: 'Send the same credentials again with totpCode or recoveryCode; no session yet' },
    MFA_ENROLLMENT_REQUIRED: {
      description:
        'The portal requires two-step verification: the session cookie allows only beginMfaEnrollment and confirmMfaEnrollment (10 minutes)',
    },
  },
});
