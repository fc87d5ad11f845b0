/**
 * Every code a field problem (`extensions.problems[]`) can carry, with the names of the parameters
 * its text needs. Clients word problems themselves from the code (the web app in Dutch and English,
 * web/src/lib/i18n/problems-*.ts); the English `message` beside it stays for API users reading raw
 * answers. A code, once published, keeps its meaning and parameters: add a new one instead.
 *
 * Number parameters are sent as numbers so a client can format them in its reader's locale
 * (a contrast ratio 2.14 reads "2,14" in Dutch).
 */
export const PROBLEM_CODES = {
  // Any field
  REQUIRED: [],
  TOO_LONG: ['max'],
  TOO_SHORT: ['min'],
  TOO_MANY: ['max'],
  CONTROL_CHARACTERS: [],
  NOT_ONE_OF: ['allowed'],
  NUMBER_OUT_OF_RANGE: ['min', 'max'],
  NOT_NEGATIVE: [],
  DATE_INVALID: [],
  DATE_TOO_EARLY: ['earliest'],
  RANGE_END_BEFORE_START: [],
  CURSOR_INVALID: [],
  EMAIL_INVALID: [],
  EMAIL_IN_USE: [],
  PHONE_INVALID: [],

  // Profile
  ADDRESS_NOT_FOR_BUSINESS: [],
  JOB_TITLE_ONLY_BUSINESS: [],

  // Passwords and proof of identity
  PASSWORD_TOO_SHORT: ['min'],
  PASSWORD_TOO_WEAK: [],
  REAUTHENTICATION_REQUIRED: [],
  /** changePassword: the current password given is not the account's. */
  WRONG_CURRENT_PASSWORD: [],

  // Sessions
  /** revokeSession on the session making the request: that one ends with signOut. */
  CURRENT_SESSION: [],

  // Audit trail filters and exports
  EVENT_TYPE_UNKNOWN: ['value'],

  // API tokens
  SCOPE_UNKNOWN: ['scopes'],
  /** createApiToken: an expiry further ahead than the longest lifetime a token may have. */
  TOKEN_EXPIRY_TOO_FAR: ['maxDays'],

  // Staff search for clients and contacts (searchClients)
  /** Fewer characters than a search needs: short terms would list most of a tenant's CRM. */
  SEARCH_TOO_SHORT: ['min'],

  // Accounts (invitations, status changes)
  ACCOUNT_TYPE_DISABLED: ['type'],
  CONTACT_REQUIRED_FOR_B2B: [],
  CLIENT_NOT_FOUND: [],
  CLIENT_TYPE_MISMATCH: ['type', 'expected'],
  CONTACT_NOT_FOUND: [],
  CONTACT_NOT_OF_CLIENT: [],
  RECORD_PSEUDONYMISED: [],
  STATUS_CHANGE_NOT_ALLOWED: ['from', 'to'],

  // Requests
  CATEGORY_NOT_AVAILABLE: [],
  REQUEST_CLOSED: [],
  CONTRACT_NOT_CANCELLABLE: [],
  TOO_MANY_FILES: ['max', 'count'],
  FILES_TOO_LARGE_TOGETHER: ['megabytes', 'maxMegabytes'],
  FILE_NAME_INVALID: [],
  FILE_CONTENT_INVALID: ['name'],
  FILE_EMPTY: ['name'],
  FILE_TOO_LARGE: ['name', 'megabytes', 'maxMegabytes'],
  FILE_EXECUTABLE: ['name'],
  FILE_TYPE_NOT_ALLOWED: ['name'],
  FILE_TYPE_MISMATCH: ['name', 'expected'],

  // Delegated access (domain/delegation)
  /** grantDelegation to the grantor's own address. */
  DELEGATION_TO_SELF: [],
  /** An end date that already passed. */
  DATE_IN_PAST: [],

  // Tenant configuration
  COLOUR_INVALID: ['value'],
  CONTRAST_TOO_LOW: ['contrastRatio', 'requiredMinimum'],
  FEATURE_UNKNOWN: ['features'],
  MODE_REQUIRED: [],
  DPO_GROUP_INVALID: [],
  HOST_NOT_BARE: ['value'],
  HOST_INVALID: ['value'],
  HOST_IS_IP_ADDRESS: ['value'],
  HOST_IS_GATEWAY: ['host'],
  HOST_TAKEN: ['host', 'tenant'],
  SUBDOMAIN_INVALID: ['value'],
  SUBDOMAIN_RESERVED: ['value'],
  ORIGIN_WILDCARD: ['value'],
  ORIGIN_INVALID: ['value'],
  ORIGIN_NOT_BARE: ['value'],
  ORIGIN_NOT_HTTPS: ['value'],
  ORIGIN_REQUIRED_FOR_WIDGET: [],
  IMAGE_NOT_DATA_URL: [],
  IMAGE_INVALID_BASE64: [],
  IMAGE_EMPTY: [],
  IMAGE_TOO_LARGE: ['maxKilobytes'],
  IMAGE_TYPE_NOT_ALLOWED: [],
  PAYMENT_URL_INVALID: [],
  PAYMENT_URL_NOT_HTTPS: [],
  PAYMENT_URL_PLACEHOLDER_UNKNOWN: ['placeholder', 'allowed'],
} as const satisfies Record<string, readonly string[]>;

export type ProblemCode = keyof typeof PROBLEM_CODES;

export const problemCodes = (): ProblemCode[] => Object.keys(PROBLEM_CODES) as ProblemCode[];

export type ProblemParams = Record<string, string | number>;
