import { allow, deny, shield } from 'graphql-shield';
import { ForbiddenError } from '../core/errors.js';
import { isCustomer, isStaffOfTenant } from './rules.js';

/**
 * The one authorization ruleset (STYLE.md 8). Every root field is denied unless listed here;
 * nested object fields are reachable only through a root field that was allowed, so they
 * default to allow. Resolvers never re-check roles themselves.
 */
export const permissions = shield(
  {
    Query: {
      '*': deny,
      portal: allow,
      auditEvents: isStaffOfTenant('ADMIN', 'DPO'),
      verifyAuditTrail: isStaffOfTenant('ADMIN', 'DPO'),
      myAuditEvents: isCustomer,
    },
    Mutation: {
      '*': deny,
      staffSignIn: allow,
    },
  },
  {
    fallbackRule: allow,
    fallbackError: () => new ForbiddenError(),
    // Errors our resolvers throw on purpose (PortalError) pass through unchanged; anything
    // unexpected is still masked later by the gateway's error formatter.
    allowExternalErrors: true,
  },
);
