import type { GraphQLSchema } from 'graphql';
import type { IMiddlewareFieldMap } from 'graphql-middleware';
import { allow, and, deny, shield } from 'graphql-shield';
import { ForbiddenError } from '../core/errors.js';
import {
  accountModeEnabled,
  featureEnabled,
  isCustomer,
  isCustomerOrPartnerWith,
  isB2bCustomerAsSelf,
  isCustomerSession,
  isStaffOfTenant,
  isStaffOfThisTenant,
  mayGrantDelegations,
} from './rules.js';

// Customer data (resolvers/portal-data). The feature comes first, so a switched-off feature answers
// FEATURE_DISABLED whoever asks (as if it did not exist); then who may ask (a customer, or a partner
// token with the scope); then whether the account's mode (B2B/B2C) is on. Each rule is made once:
// shield refuses two different rules under one name.
const requestsOn = featureEnabled('REQUESTS');
const documentsOn = featureEnabled('DOCUMENTS');
const readInvoices = and(featureEnabled('INVOICES'), isCustomerOrPartnerWith('read:invoices'), accountModeEnabled);
const readOrders = and(featureEnabled('ORDERS'), isCustomerOrPartnerWith('read:orders'), accountModeEnabled);
const readContracts = and(featureEnabled('CONTRACTS'), isCustomerOrPartnerWith('read:contracts'), accountModeEnabled);
const readRequests = and(requestsOn, isCustomerOrPartnerWith('read:requests'), accountModeEnabled);
const writeRequests = and(requestsOn, isCustomerOrPartnerWith('write:requests'), accountModeEnabled);
const readDocuments = and(documentsOn, isCustomerOrPartnerWith('read:documents'), accountModeEnabled);
// Cancelling a contract files a request: both features, and the rights to read the contract and write requests.
const cancelContracts = and(
  featureEnabled('CONTRACTS'),
  requestsOn,
  isCustomerOrPartnerWith('read:contracts'),
  isCustomerOrPartnerWith('write:requests'),
  accountModeEnabled,
);
// The profile is the customer's own (partner tokens have none); feature first, as above.
const profileOn = featureEnabled('PROFILE');
const ownProfile = and(profileOn, isCustomer, accountModeEnabled);

/**
 * The one authorization ruleset (STYLE.md 8). Every root field is denied unless listed here;
 * nested object fields are reachable only through a root field that was allowed, so they
 * default to allow. Resolvers never re-check roles themselves.
 */
const ruleTree = {
  Query: {
    '*': deny,
    portal: allow,
    auditEvents: isStaffOfTenant('ADMIN', 'DPO'),
    verifyAuditTrail: isStaffOfTenant('ADMIN', 'DPO'),
    auditEventTypes: isStaffOfTenant('ADMIN', 'DPO'),
    // A person's whole footprint by address: the data protection officer's question.
    dataSubjectReport: isStaffOfTenant('DPO'),
    myAuditEvents: isCustomer,
    tenantConfig: isStaffOfTenant('ADMIN'),
    portalAccounts: isStaffOfTenant('ADMIN'),
    // Names and addresses from the CRM, for inviting: the tenant admin's business only.
    searchClients: isStaffOfTenant('ADMIN'),
    // The connection check names the tenant's Nextcloud setup: its admin's business only.
    tenantConnectionCheck: isStaffOfTenant('ADMIN'),
    tenantReadiness: isStaffOfTenant('ADMIN'),
    viewer: allow,
    apiTokens: isCustomer,
    // The customer's own sessions (devices), whatever features the tenant has on.
    mySessions: isCustomer,
    invoices: readInvoices,
    invoice: readInvoices,
    orders: readOrders,
    order: readOrders,
    contracts: readContracts,
    contract: readContracts,
    requests: readRequests,
    request: readRequests,
    requestCategories: writeRequests,
    documents: readDocuments,
    document: readDocuments,
    profile: ownProfile,
    // GDPR (domain/avg): the customer's own exports.
    dataExports: isCustomer,
    // Company context and delegated access (domain/delegation). Either side lists its grants;
    // colleagues are the own company's, so not while acting for another one.
    delegationsGranted: isCustomer,
    delegationsReceived: isCustomer,
    colleagues: and(isB2bCustomerAsSelf, accountModeEnabled),
  },
  // Nested: an actor's email or token name is for the tenant's staff, not for a customer reading
  // their own trail through myAuditEvents (whose actors are themselves anyway).
  AuditEvent: {
    actorLabel: isStaffOfThisTenant('ADMIN', 'DPO'),
  },
  Mutation: {
    '*': deny,
    staffSignIn: allow,
    saveTenantConfig: isStaffOfTenant('ADMIN'),
    setPortalAccountStatus: isStaffOfTenant('ADMIN'),
    // Accounts (domain/accounts): the public steps of signing in and recovering access…
    signIn: allow,
    signOut: allow,
    activateAccount: allow,
    requestPasswordReset: allow,
    resetPassword: allow,
    // …MFA enrolment, which an enrolment-only session may do (the portal requires MFA)…
    beginMfaEnrollment: isCustomerSession,
    confirmMfaEnrollment: isCustomerSession,
    disableMfa: isCustomer,
    // …the password and the sessions of a signed-in customer (not an enrolment-only session)…
    changePassword: isCustomer,
    revokeSession: isCustomer,
    signOutOtherSessions: isCustomer,
    // …partner tokens (the service also insists on a B2B account)…
    createApiToken: and(isCustomer, accountModeEnabled),
    revokeApiToken: isCustomer,
    // …and invitations by the tenant's admin.
    invitePortalAccount: isStaffOfTenant('ADMIN'),
    // Customer data writes.
    submitRequest: writeRequests,
    replyToRequest: writeRequests,
    requestContractCancellation: cancelContracts,
    createDocumentDownload: readDocuments,
    // Profile (domain/profile). Confirming an email change needs no session: the mailed token
    // is the credential, and the link may be opened in another browser.
    updateProfile: ownProfile,
    confirmEmailChange: profileOn,
    // GDPR (domain/avg). Closing is confirmed by the mailed link, which is the credential (no
    // session needed); the cleanup is the tenant admin's.
    requestDataExport: isCustomer,
    requestAccountClosure: isCustomer,
    confirmAccountClosure: allow,
    runRetentionCleanup: isStaffOfTenant('ADMIN'),
    // Delegated access: granting is for a B2B account as itself (no re-delegation); either side
    // may end a grant; switching context is checked against the delegation by the service.
    grantDelegation: and(mayGrantDelegations, accountModeEnabled),
    revokeDelegation: isCustomer,
    inviteColleague: and(isB2bCustomerAsSelf, accountModeEnabled),
    switchContext: isCustomer,
  },
};

const permissions = shield(ruleTree, {
  fallbackRule: allow,
  fallbackError: () => new ForbiddenError(),
  // Errors our resolvers throw on purpose (PortalError) pass through unchanged; anything
  // unexpected is still masked later by the gateway's error formatter.
  allowExternalErrors: true,
});

/**
 * The ruleset as resolver middleware for the types it names. Every other type's fields fall back
 * to `allow`, which shield would still wrap one by one, turning each plain field of every record
 * into several promise steps; those types are left unwrapped instead, which allows exactly the same.
 */
export function authorizationMiddleware(schema: GraphQLSchema): IMiddlewareFieldMap {
  const generated = permissions.generate(schema) as IMiddlewareFieldMap;
  return Object.fromEntries(Object.keys(ruleTree).map((typeName) => [typeName, generated[typeName]!]));
}
