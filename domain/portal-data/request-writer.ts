import { BadUserInputError, inputProblem, isPortalError, NotFoundError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import { FileRefusedError, type NcFile, type NcObject, type NextcloudConnector } from '../../nextcloud/connector.js';
import { NextcloudConfigurationError } from '../../nextcloud/errors.js';
import { audited, type AuditWriter } from '../audit/index.js';
import type { Principal } from '../principal.js';
import { list, text } from './record-values.js';
import type { PortalDataReader } from './portal-data-reader.js';
import { fileRefOf, toRequest, type RequestRecord } from './records.js';
import type { CheckedAttachment } from './attachment-rules.js';
import { checkReply, checkSubmission, type SubmitRequestInput } from './request-input.js';
import type { SubmissionQuota } from './submission-quota.js';
import { belongsTo, type Viewer } from './viewer.js';
import { portalNoteAuthor } from './note-author.js';
import { newRequestReference } from './request-reference.js';

/**
 * The two writes customers make to Nextcloud: a new request and a reply on one of theirs. Both
 * go through the connector only and are audited with `audited`, which writes the audit event
 * first, so a write without its record cannot happen.
 */
export interface RequestWriterDeps {
  reader: PortalDataReader;
  connector: Pick<NextcloudConnector, 'listObjects' | 'createObject' | 'updateObject' | 'uploadFile'>;
  principal: Principal;
  audit: AuditWriter;
  quota: SubmissionQuota;
  now: () => Date;
  client: { ip: string | null; userAgent: string | null };
  logger?: Logger;
}

export interface RequestCategory {
  name: string;
}

/**
 * The categories customers may choose, or null when the tenant keeps no catalogue (then any
 * category, or none, is accepted). A catalogue schema the register does not have counts as none.
 */
export async function exposedCategories(
  reader: PortalDataReader,
  connector: Pick<NextcloudConnector, 'listObjects'>,
): Promise<RequestCategory[] | null> {
  const catalogue = reader.mapping.requestCategory;
  if (!catalogue) return null;
  try {
    const page = await connector.listObjects(catalogue.resource, {
      filters: { [catalogue.exposeToCustomer]: true },
      order: [[catalogue.name, 'asc']],
      limit: 200,
    });
    // Names are trimmed as a submitted category is (request-input.ts): one stored with stray spaces
    // must still match what the customer picks, and a blank one is no category.
    return page.results
      .filter((row) => row[catalogue.exposeToCustomer] === true)
      .map((row) => ({ name: text(row, [catalogue.name])?.trim() ?? '' }))
      .filter((category) => category.name !== '');
  } catch (error) {
    if (error instanceof NextcloudConfigurationError) return null;
    throw error;
  }
}

/** A file sent with a new request that Nextcloud did not store; the request itself exists. */
export interface AttachmentFailure {
  /** Position in `attachments` of the submission. */
  index: number;
  fileName: string;
  /** FILE_REFUSED: Nextcloud did not accept the file; UPSTREAM_UNAVAILABLE / INTERNAL_SERVER_ERROR: it could not be sent. */
  code: 'FILE_REFUSED' | 'UPSTREAM_UNAVAILABLE' | 'INTERNAL_SERVER_ERROR';
}

export type SubmittedRequest = RequestRecord & { attachmentFailures: AttachmentFailure[] };

function failureCodeOf(error: unknown): AttachmentFailure['code'] {
  if (error instanceof FileRefusedError) return 'FILE_REFUSED';
  return isPortalError(error) ? 'UPSTREAM_UNAVAILABLE' : 'INTERNAL_SERVER_ERROR';
}

/**
 * Uploads the checked files to the new request one at a time (one file's bytes in flight, and the
 * files keep their order). Failures are collected, logged and audited as a follow-up of the
 * submission event (same type, outcome `error`, `partial: true`), so a DPO sees which files of an
 * existing request are missing.
 */
async function attachFiles(
  deps: RequestWriterDeps,
  requestId: string,
  attachments: CheckedAttachment[],
  submittedSeq: number,
): Promise<{ stored: NcFile[]; failures: AttachmentFailure[] }> {
  const { reader, connector } = deps;
  const tenantId = reader.viewer.tenantId;
  const stored: NcFile[] = [];
  const failures: AttachmentFailure[] = [];
  for (const [index, attachment] of attachments.entries()) {
    try {
      const file = await connector.uploadFile(reader.mapping.request.resource, requestId, {
        name: attachment.fileName,
        bytes: attachment.bytes,
      });
      stored.push(file);
    } catch (error) {
      const code = failureCodeOf(error);
      failures.push({ index, fileName: attachment.fileName, code });
      const level = code === 'INTERNAL_SERVER_ERROR' ? 'error' : 'warn';
      deps.logger?.[level]({ tenant: tenantId, request: requestId, index, code, err: error }, 'request attachment not stored');
    }
  }
  if (failures.length > 0) {
    await deps.audit
      .append({
        tenantId,
        type: 'request.submitted',
        outcome: 'error',
        principal: deps.principal,
        target: { type: 'request', id: requestId },
        details: {
          relatedSeq: submittedSeq,
          partial: true,
          attachmentsStored: stored.length,
          attachmentsNotStored: failures.map((f) => ({ index: f.index, name: f.fileName, reason: f.code })),
        },
        client: deps.client,
      })
      .catch((error: unknown) =>
        deps.logger?.error({ err: error, tenant: tenantId, request: requestId }, 'audit: could not record missing attachments'),
      );
  }
  return { stored, failures };
}

/**
 * Notes the stored files' ids on the request (Pipelinq's portal property `attachmentIds`). The files
 * are on the request's folder whatever happens here, so a failure is logged, not reported.
 */
async function recordAttachmentIds(deps: RequestWriterDeps, requestId: string, stored: NcFile[]): Promise<void> {
  const field = deps.reader.mapping.portalRequest?.attachmentIds;
  if (!field || stored.length === 0) return;
  try {
    await deps.connector.updateObject(deps.reader.mapping.request.resource, requestId, {
      [field]: stored.map((file) => String(file.id)),
    });
  } catch (error) {
    deps.logger?.warn(
      { tenant: deps.reader.viewer.tenantId, request: requestId, err: error },
      'request attachment ids not recorded',
    );
  }
}

/** A grantee acting for a company: the audit event names the company and the grantor (issue 16). */
export function onBehalfOfDetails(viewer: Viewer): Record<string, unknown> {
  if (!viewer.onBehalfOf) return {};
  return {
    onBehalfOf: {
      clientId: viewer.clientId,
      accountId: viewer.onBehalfOf.grantorAccountId,
      delegationId: viewer.onBehalfOf.delegationId,
    },
  };
}

export async function submitRequest(deps: RequestWriterDeps, input: SubmitRequestInput): Promise<SubmittedRequest> {
  const { reader, connector } = deps;
  const viewer = reader.viewer;
  const clean = checkSubmission(input);
  const categories = await exposedCategories(reader, connector);
  if (categories && !categories.some((category) => category.name === clean.category)) {
    throw new BadUserInputError('This category is not available.', [
      clean.category
        ? inputProblem('category', 'CATEGORY_NOT_AVAILABLE', 'This category is not available.')
        : inputProblem('category', 'REQUIRED', 'Choose a category.'),
    ]);
  }

  const claim = await deps.quota.claim(viewer.tenantId, viewer.accountId);
  const mapping = reader.mapping;
  const f = mapping.request.fields;
  const body: Record<string, unknown> = {
    [f.subject[0]!]: clean.subject,
    [f.body[0]!]: clean.body,
    [mapping.request.owner.client]: viewer.clientId,
    [f.status[0]!]: mapping.requestStatus.new,
    [f.date[0]!]: deps.now().toISOString(),
    [f.channel[0]!]: 'portal',
    ...(viewer.contactId ? { [f.contact[0]!]: viewer.contactId } : {}),
    ...(clean.category ? { [f.category[0]!]: clean.category } : {}),
    ...(mapping.portalRequest
      ? {
          [mapping.portalRequest.submittedVia]: 'portal',
          [mapping.portalRequest.reporterAccountId]: viewer.accountId,
          [mapping.portalRequest.reference]: newRequestReference(deps.now()),
        }
      : {}),
  };
  let created: NcObject;
  let startedSeq = 0;
  const details = { category: clean.category, attachments: clean.attachments.length, ...onBehalfOfDetails(viewer) };
  try {
    // Audit first: the request's id exists only once Nextcloud stored it (OpenRegister ignores a
    // uuid chosen by the client), so this record names the submission; the claim ties it to the quota.
    created = await audited(
      deps.audit,
      {
        tenantId: viewer.tenantId,
        type: 'request.submission-started',
        principal: deps.principal,
        target: { type: 'request-submission', id: claim.id },
        details,
        client: deps.client,
      },
      (recorded) => {
        startedSeq = recorded.seq;
        return connector.createObject(mapping.request.resource, body);
      },
      { logger: deps.logger },
    );
  } catch (error) {
    await claim.release().catch(() => {});
    throw error;
  }
  const submittedSeq = await recordSubmitted(deps, created.id, startedSeq, {
    ...details,
    submission: claim.id,
    relatedSeq: startedSeq,
  });
  deps.logger?.info({ tenant: viewer.tenantId, submission: claim.id, request: created.id }, 'portal request submitted');
  // The request exists from here on: a file that cannot be stored is reported, never a reason to
  // hide the request the customer just filed.
  const { stored, failures } = await attachFiles(deps, created.id, clean.attachments, submittedSeq);
  await recordAttachmentIds(deps, created.id, stored);
  return { ...toRequest(created, mapping, true), files: stored.map(fileRefOf), attachmentFailures: failures };
}

/**
 * `request.submitted`, naming the request Nextcloud stored (as `request.replied` does), so a DPO
 * finds a person's requests by their ids. The request exists by now and the customer must not be
 * told otherwise, so a failure here is logged; the `request.submission-started` event, the claim and
 * the request's own `reporterAccountId` still tie it to the account. Returns the seq later events
 * about this submission point at.
 */
async function recordSubmitted(
  deps: RequestWriterDeps,
  requestId: string,
  startedSeq: number,
  details: Record<string, unknown>,
): Promise<number> {
  const tenantId = deps.reader.viewer.tenantId;
  try {
    const recorded = await deps.audit.append({
      tenantId,
      type: 'request.submitted',
      outcome: 'success',
      principal: deps.principal,
      target: { type: 'request', id: requestId },
      details,
      client: deps.client,
    });
    return recorded.seq;
  } catch (error) {
    deps.logger?.error(
      { err: error, tenant: tenantId, request: requestId },
      'audit: request stored but request.submitted not written',
    );
    return startedSeq;
  }
}

export async function replyToRequest(deps: RequestWriterDeps, requestId: string, message: string): Promise<RequestRecord> {
  const { reader, connector } = deps;
  const mapping = reader.mapping;
  const reply = checkReply(message);
  const current = await reader.object('request', requestId);
  if (!current) throw new NotFoundError('The request');
  const record = toRequest(current, mapping);
  if (!record.canReply) {
    throw new BadUserInputError('This request is closed.', [
      inputProblem('id', 'REQUEST_CLOSED', 'Start a new request instead of replying to a closed one.'),
    ]);
  }
  const n = mapping.note;
  const note = {
    [n.visibility]: n.customerValue,
    [n.author]: portalNoteAuthor(reader.viewer.accountId),
    [n.message]: reply,
    [n.createdAt]: deps.now().toISOString(),
  };
  const notesField = mapping.request.fields.notes[0]!;
  // Nextcloud has no append: the whole list is written back, internal notes included, unchanged.
  const notes = [...list(current, [notesField]), note];
  const updated = await audited(
    deps.audit,
    {
      tenantId: reader.viewer.tenantId,
      type: 'request.replied',
      principal: deps.principal,
      target: { type: 'request', id: requestId },
      details: { length: reply.length, ...onBehalfOfDetails(reader.viewer) },
      client: deps.client,
    },
    () => connector.updateObject(mapping.request.resource, requestId, { [notesField]: notes }),
    { logger: deps.logger },
  );
  if (!belongsTo(updated, mapping.request, reader.viewer)) throw new NotFoundError('The request');
  return toRequest(updated, mapping);
}
