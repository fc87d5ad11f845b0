import type { AuditPageRequest } from '../audit/index.js';
import type { CleanupReport, DataExportView } from '../avg/index.js';
import { subjectReport, type SubjectReport } from '../avg/subject-report.js';
import type { Services } from '../services.js';
import { customerOf } from './principals.js';
import type { ScopeFacts } from './request-scope.js';

/** GDPR (AVG) for one request: the customer's exports and closure, the admin's retention cleanup. */
export function avgFacade(services: Services, scope: ScopeFacts) {
  const { tenant, principal } = scope;
  return {
    listExports(): Promise<DataExportView[]> {
      return services.avg.exports.list(tenant, customerOf(principal, 'dataExports'), scope.request.publicUrl);
    },
    requestExport(): Promise<DataExportView> {
      return services.avg.exports.request(tenant, customerOf(principal, 'requestDataExport'), scope.mailMeta);
    },
    requestClosure(): Promise<boolean> {
      return services.avg.closure.request(tenant, customerOf(principal, 'requestAccountClosure'), scope.mailMeta);
    },
    /** The mailed token is the credential: no session needed. */
    confirmClosure(token: string): Promise<boolean> {
      return services.avg.closure.confirm(tenant, token, scope.meta);
    },
    /** The ruleset has matched `tenantId` with the admin's own tenant. */
    runRetentionCleanup(tenantId: string, dryRun: boolean, asOf: Date | null = null): Promise<CleanupReport> {
      return services.avg.retention.run(tenantId, { dryRun, asOf, principal });
    },
    /**
     * The DPO's report on one person, by address; the ruleset has matched `tenantId`. Looking a
     * person up is itself audited (`audit.exported`, never with the address), so a DPO's lookups
     * can be accounted for too.
     */
    async dataSubjectReport(tenantId: string, email: string, page: AuditPageRequest): Promise<SubjectReport> {
      const deps = { accounts: services.accounts.repository, audit: services.audit, retention: services.avg.retention };
      const report = await subjectReport(deps, tenantId, email, page, principal);
      await services.audit.append({
        tenantId,
        type: 'audit.exported',
        principal,
        client: scope.meta,
        details: { view: 'data-subject-report', accounts: report.accounts.length, events: report.events.totalCount ?? null },
      });
      return report;
    },
  };
}

export type AvgFacade = ReturnType<typeof avgFacade>;
