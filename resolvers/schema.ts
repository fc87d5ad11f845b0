import type { GraphQLSchema } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import { GraphQLDateTime } from 'graphql-scalars';
import { buildSchema } from 'type-graphql';
import { accountResolvers } from './accounts/index.js';
import { AuditActorResolver } from './audit/audit-actor.resolver.js';
import { AuditResolver } from './audit/audit.resolver.js';
import { avgResolvers } from './avg/index.js';
import { delegationResolvers } from './delegation/index.js';
import { portalDataResolvers } from './portal-data/index.js';
import { PortalResolver } from './portal/portal.resolver.js';
import { profileResolvers } from './profile/index.js';
import { authorizationMiddleware } from './permissions.js';
import { StaffResolver } from './staff/staff.resolver.js';
import { PortalAccountsResolver } from './tenants/portal-accounts.resolver.js';
import { TenantConfigResolver } from './tenants/tenant-config.resolver.js';
import { TenantConnectionResolver } from './tenants/tenant-connection.resolver.js';

/** Every resolver class of the API; the emitted schema.graphql is printed from these. */
export const resolverClasses = [
  PortalResolver,
  StaffResolver,
  AuditResolver,
  AuditActorResolver,
  TenantConfigResolver,
  PortalAccountsResolver,
  TenantConnectionResolver,
  ...accountResolvers,
  ...portalDataResolvers,
  ...profileResolvers,
  ...avgResolvers,
  ...delegationResolvers,
] as const;

/** The type-graphql schema without authorization, for printing schema.graphql. */
export function buildBareSchema(): Promise<GraphQLSchema> {
  // CONTRACT.md names the date scalar `DateTime` (type-graphql's default would be `DateTimeISO`).
  return buildSchema({ resolvers: resolverClasses, validate: false, scalarsMap: [{ type: Date, scalar: GraphQLDateTime }] });
}

/** The executable schema: type-graphql types with the shield ruleset applied. */
export async function buildApiSchema(): Promise<GraphQLSchema> {
  const schema = await buildBareSchema();
  return applyMiddleware(schema, authorizationMiddleware(schema));
}
