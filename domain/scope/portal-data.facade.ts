import { NotFoundError } from '../../core/errors.js';
import {
  earliestEndDate,
  isCancellable,
  requestContractCancellation,
  type ContractCancellationInput,
} from '../portal-data/contract-cancellation.js';
import { linkBodyOf, signDocumentLink } from '../portal-data/document-downloads.js';
import type { ContractRecord, RequestRecord } from '../portal-data/records.js';
import type { SubmitRequestInput } from '../portal-data/request-input.js';
import {
  exposedCategories,
  replyToRequest,
  submitRequest,
  type RequestCategory,
  type RequestWriterDeps,
  type SubmittedRequest,
} from '../portal-data/request-writer.js';
import { actorOf } from '../principal.js';
import type { Services } from '../services.js';
import type { ScopeFacts } from './request-scope.js';

/**
 * The customer-data writes and links for one request. Reads go through `scope.records` (the
 * request's PortalDataReader); everything here checks access through that same reader first.
 */
export function portalDataFacade(services: Services, scope: ScopeFacts) {
  const writer = (): RequestWriterDeps => ({
    reader: scope.records,
    connector: scope.nextcloud,
    principal: scope.principal,
    audit: scope.audit,
    quota: services.portalData.submissions,
    now: services.portalData.now,
    client: scope.meta,
    logger: scope.logger,
  });

  return {
    submitRequest(input: SubmitRequestInput): Promise<SubmittedRequest> {
      return submitRequest(writer(), input);
    },
    replyToRequest(id: string, message: string): Promise<RequestRecord> {
      return replyToRequest(writer(), id, message);
    },
    /** Files a request to end one of the viewer's contracts; the contract itself is left as it is. */
    requestContractCancellation(input: ContractCancellationInput): Promise<SubmittedRequest> {
      return requestContractCancellation(writer(), scope.tenant.portal, input);
    },
    /** The first end date a cancellation of this contract may ask for (YYYY-MM-DD), or null when it cannot be cancelled. */
    earliestEndDate(contract: ContractRecord): string | null {
      return isCancellable(contract) ? earliestEndDate(contract, services.portalData.now()).toISOString().slice(0, 10) : null;
    },
    /** Empty when the portal keeps no category list (then any category is accepted). */
    async requestCategories(): Promise<RequestCategory[]> {
      return (await exposedCategories(scope.records, scope.nextcloud)) ?? [];
    },
    /** Access is decided now, and again when the link is used. */
    async createDocumentDownload(documentId: string): Promise<{ url: string; expiresAt: Date }> {
      const reader = scope.records;
      const document = await reader.document(documentId);
      if (!document) throw new NotFoundError('The document');
      const { principal } = scope;
      const body = linkBodyOf(
        reader.viewer,
        actorOf(principal) ?? `account:${reader.viewer.accountId}`,
        document.documentId,
        principal.kind === 'partner' ? principal.tokenId : null,
      );
      return signDocumentLink(services.portalData.links, scope.request.publicUrl, body);
    },
  };
}

export type PortalDataFacade = ReturnType<typeof portalDataFacade>;
