import type { AuditEventPage } from '../audit/index.js';
import type { Services } from '../services.js';
import type { ScopeFacts } from './request-scope.js';

type AuditService = Services['audit'];
type PageRequest = Parameters<AuditService['list']>[2];

/** The audit trail as staff and customers read it (writing stays with each audited action). */
export function auditFacade(services: Services, scope: ScopeFacts) {
  return {
    /** A tenant's trail; the ruleset has matched `tenantId` with the staff member's own tenant. */
    list(tenantId: string, filter: Parameters<AuditService['list']>[1], page: PageRequest): Promise<AuditEventPage> {
      return services.audit.list(tenantId, filter, page);
    },
    /** The caller's own events. */
    listOwn(page: PageRequest): Promise<AuditEventPage> {
      return services.audit.listOwn(scope.principal, page);
    },
    verify(tenantId: string): ReturnType<AuditService['verify']> {
      return services.audit.verify(tenantId);
    },
  };
}

export type AuditFacade = ReturnType<typeof auditFacade>;
