import { CompanyResolver } from './company.resolver.js';
import { DelegationResolver } from './delegation.resolver.js';

/** Company context, colleagues and delegated access (issue 16), for resolvers/schema.ts. */
export const delegationResolvers = [CompanyResolver, DelegationResolver] as const;
