import { BadUserInputError, NotFoundError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import type { NextcloudConnector } from '../../nextcloud/connector.js';
import { NextcloudConfigurationError } from '../../nextcloud/errors.js';
import { audited, type AuditWriter } from '../audit/index.js';
import type { Principal } from '../principal.js';
import { list, text } from './record-values.js';
import type { PortalDataReader } from './portal-data-reader.js';
import { toRequest, type RequestRecord } from './records.js';
import { checkReply, checkSubmission, type SubmitRequestInput } from './request-input.js';
import type { SubmissionQuota } from './submission-quota.js';
import { belongsTo } from './viewer.js';

/**
 * The two writes customers make to Nextcloud: a new request and a reply on one of theirs. Both
 * go through the connector only and are audited with `audited`, which writes the audit event
 * first, so a write without its record cannot happen.
 */
export interface RequestWriterDeps {
  reader: PortalDataReader;
  connector: Pick<NextcloudConnector, 'listObjects' | 'createObject' | 'updateObject'>;
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
    return page.results
      .filter((row) => row[catalogue.exposeToCustomer] === true)
      .map((row) => ({ name: text(row, [catalogue.name]) ?? '' }))
      .filter((category) => category.name !== '');
  } catch (error) {
    if (error instanceof NextcloudConfigurationError) return null;
    throw error;
  }
}

export async function submitRequest(deps: RequestWriterDeps, input: SubmitRequestInput): Promise<RequestRecord> {
  const { reader, connector } = deps;
  const viewer = reader.viewer;
  const clean = checkSubmission(input);
  if (clean.attachments.length > 0) {
    // The connector has no upload call yet; refusing beats silently dropping the customer's files.
    throw new BadUserInputError('Attachments cannot be sent with a request yet.', [
      { field: 'attachments', message: 'Send the request without files and mention them in the message.' },
    ]);
  }
  const categories = await exposedCategories(reader, connector);
  if (categories && !categories.some((category) => category.name === clean.category)) {
    throw new BadUserInputError('This category is not available.', [
      { field: 'category', message: clean.category ? 'This category is not available.' : 'Choose a category.' },
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
  };
  try {
    const created = await audited(
      deps.audit,
      {
        tenantId: viewer.tenantId,
        type: 'request.submitted',
        principal: deps.principal,
        // The request's id exists only once Nextcloud stored it; the claim ties event and quota.
        target: { type: 'request-submission', id: claim.id },
        details: { category: clean.category },
        client: deps.client,
      },
      () => connector.createObject(mapping.request.resource, body),
      { logger: deps.logger },
    );
    deps.logger?.info({ tenant: viewer.tenantId, submission: claim.id, request: created.id }, 'portal request submitted');
    return toRequest(created, mapping);
  } catch (error) {
    await claim.release().catch(() => {});
    throw error;
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
      { field: 'id', message: 'Start a new request instead of replying to a closed one.' },
    ]);
  }
  const author = (await reader.ownContactName().catch(() => null)) ?? 'Klant';
  const n = mapping.note;
  const note = {
    [n.visibility]: n.customerValue,
    [n.author]: author,
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
      details: { length: reply.length },
      client: deps.client,
    },
    () => connector.updateObject(mapping.request.resource, requestId, { [notesField]: notes }),
    { logger: deps.logger },
  );
  if (!belongsTo(updated, mapping.request, reader.viewer)) throw new NotFoundError('The request');
  return toRequest(updated, mapping);
}
