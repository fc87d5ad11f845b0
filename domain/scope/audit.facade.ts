import DataLoader from 'dataloader';
import { labelActors, type ActorDirectory, type ActorLabel } from '../audit/actor-labels.js';
import type { AuditEventPage } from '../audit/index.js';
import type { Services } from '../services.js';
import type { ScopeFacts } from './request-scope.js';

type AuditService = Services['audit'];
type PageRequest = Parameters<AuditService['list']>[2];

/** The audit trail as staff and customers read it (writing stays with each audited action). */
export function auditFacade(services: Services, scope: ScopeFacts) {
  const directory: ActorDirectory = {
    accountEmails: async (tenantId, ids) =>
      new Map((await services.accounts.repository.findManyByIds(tenantId, ids)).map((a) => [a.id, a.email])),
    tokenNames: (tenantId, ids) => services.apiTokens.namesByPublicId(tenantId, ids),
  };
  // Made with the façade, so once per request: a page of events costs one query per kind of actor.
  const actorLoader = new DataLoader<string, ActorLabel>((actors) => labelActors(directory, scope.tenant.id, actors));
  return {
    /** An event's actor in words, looked up in this request's tenant only (the ruleset lets only its staff ask). */
    actorLabel(actor: string): Promise<ActorLabel> {
      return actorLoader.load(actor);
    },
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
