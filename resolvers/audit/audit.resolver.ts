import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, ID, Info, Int, Query, Resolver } from 'type-graphql';
import { AUDIT_EVENT_TYPES, parseAuditFilter, type AuditEventPage } from '../../domain/audit/index.js';
import { AuditEventFilter } from '../../schema/audit/audit-event-filter.input.js';
import { AuditEventConnection, AuditTrailVerification } from '../../schema/audit/audit-event.type.js';
import type { RequestContext } from '../context.js';
import { selects } from '../selection.js';

function toConnection(page: AuditEventPage): AuditEventConnection {
  return {
    edges: page.events.map((event) => ({ cursor: event.id, node: event })),
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.nextCursor },
    totalCount: page.totalCount ?? 0,
  };
}

@Resolver()
export class AuditResolver {
  @Query(() => AuditEventConnection, { description: "A tenant's audit trail, newest first (ADMIN or DPO of that tenant)" })
  async auditEvents(
    @Arg('tenantId', () => ID) tenantId: string,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('filter', () => AuditEventFilter, { nullable: true }) filter: AuditEventFilter | null,
    @Ctx() ctx: RequestContext,
  ): Promise<AuditEventConnection> {
    return toConnection(
      await ctx.auditTrail.list(tenantId, parseAuditFilter(filter ?? {}), { first: first ?? undefined, after }),
    );
  }

  @Query(() => AuditEventConnection, { description: 'The signed-in customer’s own audit events, newest first' })
  async myAuditEvents(
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<AuditEventConnection> {
    const page = { first: first ?? undefined, after, includeTotal: selects(info, ['totalCount']) };
    return toConnection(await ctx.auditTrail.listOwn(page));
  }

  @Query(() => [String], { description: 'The event types the trail records (CONTRACT.md), for filters' })
  auditEventTypes(): string[] {
    return [...AUDIT_EVENT_TYPES];
  }

  @Query(() => AuditTrailVerification, { description: "Walks the tenant's hash chain and reports the first broken link" })
  async verifyAuditTrail(
    @Arg('tenantId', () => ID) tenantId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<AuditTrailVerification> {
    const result = await ctx.auditTrail.verify(tenantId);
    return { ...result, expected: result.expected ?? null, found: result.found ?? null };
  }
}
