import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { ConnectionReport } from '../../domain/tenants/connection/report.js';
import { TenantConnectionReport, TenantReadiness } from '../../schema/tenants/connection-report.type.js';
import type { RequestContext } from '../context.js';

function toGraphql(report: ConnectionReport): TenantConnectionReport {
  return {
    tenantId: report.tenantId,
    checkedAt: new Date(report.checkedAt),
    ok: report.ok,
    verdict: report.verdict,
    nextcloudUrl: report.nextcloudUrl,
    credentialsOk: report.credentials.ok,
    loginName: report.credentials.loginName,
    accountDisplayName: report.credentials.displayName,
    register: report.register.name,
    registerId: report.register.id,
    resources: report.resources,
    records: report.records,
    documents: report.documents ? report.documents.detail : null,
    problems: report.problems.map((p) => ({
      severity: p.severity.toUpperCase(),
      area: p.area,
      kind: p.kind,
      resource: p.resource,
      message: p.message,
      fixCommand: p.fix?.command ?? null,
      fixFieldMapping: p.fix?.fieldMapping ? JSON.stringify(p.fix.fieldMapping) : null,
    })),
  };
}

// Authorization is in resolvers/permissions.ts: ADMIN of `tenantId` only.
@Resolver()
export class TenantConnectionResolver {
  @Query(() => TenantConnectionReport, {
    description:
      "Checks the tenant's Nextcloud connection and field mapping against live data now, like `portal tenant check` (the tenant admin only)",
  })
  async tenantConnectionCheck(
    @Arg('tenantId', () => ID) tenantId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<TenantConnectionReport> {
    return toGraphql(await ctx.tenantAdmin.connectionCheck(tenantId));
  }

  @Query(() => TenantReadiness, {
    description: "The tenant's connection status as readiness reports it, cached for about 30 seconds (the tenant admin only)",
  })
  async tenantReadiness(@Arg('tenantId', () => ID) tenantId: string, @Ctx() ctx: RequestContext): Promise<TenantReadiness> {
    const readiness = await ctx.tenantAdmin.readiness(tenantId);
    return { ...readiness, checkedAt: new Date(readiness.checkedAt) };
  }
}
