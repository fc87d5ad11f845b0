import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { CleanupReport as Report } from '../../domain/avg/index.js';
import { CleanupReport } from '../../schema/avg/cleanup-report.type.js';
import type { RequestContext } from '../context.js';

export function toCleanupReport(report: Report): CleanupReport {
  return {
    tenantId: report.tenantId,
    dryRun: report.dryRun,
    ranAt: report.ranAt,
    asOf: report.asOf,
    retentionBasis: report.retentionBasis,
    checked: report.checked,
    pseudonymisedCount: report.pseudonymised,
    heldCount: report.held,
    failedCount: report.failed,
    alreadyPseudonymisedCount: report.alreadyPseudonymised,
    nextcloudReachable: report.nextcloudReachable,
    accounts: report.accounts.map((account) => ({ ...account, reasons: [...account.reasons] })),
  };
}

// Authorization is in resolvers/permissions.ts: the tenant's ADMIN only.
@Resolver()
export class RetentionResolver {
  @Mutation(() => CleanupReport, {
    description:
      'Runs the retention cleanup of the tenant now (what the nightly job does): pseudonymises closed accounts whose retention period has ended. With dryRun only reports; with dryRun and asOf reports what would happen at that moment. Audited per account.',
  })
  async runRetentionCleanup(
    @Arg('tenantId', () => ID) tenantId: string,
    @Arg('dryRun', () => Boolean, { nullable: true }) dryRun: boolean | null,
    @Arg('asOf', () => Date, {
      nullable: true,
      description: 'Only with dryRun: true. The moment to decide for instead of now ("what would happen on that date")',
    })
    asOf: Date | null,
    @Ctx() ctx: RequestContext,
  ): Promise<CleanupReport> {
    const report = await ctx.avg.runRetentionCleanup(tenantId, dryRun ?? false, asOf ?? null);
    return toCleanupReport(report);
  }
}
