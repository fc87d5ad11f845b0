import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import type { SubjectReport } from '../../domain/avg/subject-report.js';
import { DataSubjectReport } from '../../schema/avg/data-subject-report.type.js';
import type { AccountStatus, AccountType } from '../../schema/accounts/account.enums.js';
import type { RequestContext } from '../context.js';

function toGraphql(report: SubjectReport): DataSubjectReport {
  const { events } = report;
  return {
    tenantId: report.tenantId,
    accounts: report.accounts.map((found) => ({
      id: found.account.id,
      type: found.account.type as AccountType,
      status: found.account.status as AccountStatus,
      matchedBy: found.matchedBy,
      pseudonymised: found.pseudonymised,
      createdAt: found.account.createdAt,
      lastSignInAt: found.account.lastSignInAt,
      closureRequestedAt: found.closureRequestedAt,
      closedAt: found.closedAt,
      pseudonymisedAt: found.pseudonymisedAt,
      exports: found.exports,
      retention: found.retention ? { ...found.retention, reasons: [...found.retention.reasons] } : null,
    })),
    auditEventCount: events.totalCount ?? 0,
    auditEvents: {
      edges: events.events.map((event) => ({ cursor: event.id, node: event })),
      pageInfo: { hasNextPage: events.hasNextPage, endCursor: events.nextCursor },
      totalCount: events.totalCount ?? 0,
    },
  };
}

// Authorization is in resolvers/permissions.ts: the tenant's DPO only.
@Resolver()
export class DataSubjectReportResolver {
  @Query(() => DataSubjectReport, {
    description:
      "Everything about one person, by email address: their accounts (also closed and pseudonymised ones, through the address's keyed fingerprint), exports, closure, retention and every audit event about them, newest first. The address is never stored; the lookup is audited.",
  })
  async dataSubjectReport(
    @Arg('tenantId', () => ID) tenantId: string,
    @Arg('email') email: string,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<DataSubjectReport> {
    return toGraphql(await ctx.avg.dataSubjectReport(tenantId, email, { first: first ?? undefined, after, includeTotal: true }));
  }
}
