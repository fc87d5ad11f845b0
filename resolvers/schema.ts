import type { GraphQLSchema } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import { buildSchema } from 'type-graphql';
import { AuditResolver } from './audit/audit.resolver.js';
import { PortalResolver } from './portal/portal.resolver.js';
import { permissions } from './permissions.js';
import { StaffResolver } from './staff/staff.resolver.js';

/** Every resolver class of the API; the emitted schema.graphql is printed from these. */
export const resolverClasses = [PortalResolver, StaffResolver, AuditResolver] as const;

/** The type-graphql schema without authorization, for printing schema.graphql. */
export function buildBareSchema(): Promise<GraphQLSchema> {
  return buildSchema({ resolvers: resolverClasses, validate: false });
}

/** The executable schema: type-graphql types with the shield ruleset applied. */
export async function buildApiSchema(): Promise<GraphQLSchema> {
  return applyMiddleware(await buildBareSchema(), permissions);
}
