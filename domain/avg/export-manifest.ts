import { Readable } from 'node:stream';
import type { Account } from '../accounts/account.types.js';
import type { AuditEvent } from '../audit/index.js';
import type { RecordKind } from '../portal-data/field-mapping.js';
import type { PortalRecord } from '../portal-data/records.js';
import type { Tenant } from '../tenants/tenant-directory.js';
import type { AccountExtras } from './export-account-extras.js';
import type { CollectedData } from './export-collector.js';
import type { WrittenEntry } from './export-archive.js';

/**
 * export.json: what the customer's data is, machine-readable. It is written as a stream so the
 * account's audit events (the one part that grows without bound) are never all in memory; the
 * sign-in history is a second, filtered pass over the same trail. README.txt: export-readme.ts.
 */

export const EXPORT_FORMAT = 'pipelinq-portal-export/1';

export interface ExportedDocument {
  path: string;
  source: RecordKind;
  sourceId: string;
  sourceNumber: string | null;
  fileId: number;
  name: string;
  mimeType: string | null;
  /** False when the file was gone from Nextcloud by the time the export ran. */
  included: boolean;
  size: number | null;
  sha256: string | null;
}

export interface DocumentPlan {
  zipPath: string;
  record: PortalRecord;
  file: { id: number; name: string; mimeType: string | null };
}

const PLURAL: Record<RecordKind, 'invoices' | 'orders' | 'contracts' | 'requests'> = {
  invoice: 'invoices',
  order: 'orders',
  contract: 'contracts',
  request: 'requests',
};

/** A name safe on every file system and inside a ZIP; never a path. */
export function safeFileName(text: string): string {
  const cleaned = text
    .normalize('NFKD')
    .replace(/[^\w.-]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^[._]+|_+$/g, '');
  return cleaned.slice(0, 120) || 'file';
}

/** `documents/<source>-<number>-<name>`, made unique within the archive. */
export function planDocuments(records: Record<RecordKind, PortalRecord[]>): DocumentPlan[] {
  const used = new Set<string>();
  // A transaction with an invoice number is an invoice and an order; its files are stored once.
  const fileIds = new Set<number>();
  const plans: DocumentPlan[] = [];
  for (const list of Object.values(records)) {
    for (const record of list) {
      for (const file of record.files ?? []) {
        if (fileIds.has(file.id)) continue;
        fileIds.add(file.id);
        const number = 'number' in record && record.number ? record.number : record.id;
        let zipPath = `documents/${record.kind}-${safeFileName(number)}-${safeFileName(file.name)}`;
        if (used.has(zipPath)) zipPath = zipPath.replace(/(\.[^./]*)?$/, (ext) => `-${file.id}${ext}`);
        used.add(zipPath);
        plans.push({ zipPath, record, file: { id: file.id, name: file.name, mimeType: file.mimeType } });
      }
    }
  }
  return plans;
}

/** Records as exported: the portal's view without the file lists (those are under `documents`). */
function withoutFiles(record: PortalRecord): Record<string, unknown> {
  const { files: _files, kind: _kind, ...rest } = record;
  return rest;
}

function accountView(account: Account): Record<string, unknown> {
  return {
    id: account.id,
    email: account.email,
    type: account.type,
    status: account.status,
    locale: account.locale,
    mfaEnabled: account.mfa.enabled,
    createdAt: account.createdAt,
    activatedAt: account.activatedAt,
    lastSignInAt: account.lastSignInAt,
    passwordChangedAt: account.passwordChangedAt,
  };
}

function auditView(event: AuditEvent): Record<string, unknown> {
  return {
    seq: event.seq,
    occurredAt: event.occurredAt,
    type: event.type,
    outcome: event.outcome,
    actor: event.actor,
    target: event.targetType ? { type: event.targetType, id: event.targetId } : null,
    details: event.details,
  };
}

export interface ManifestInput {
  exportId: string;
  exportedAt: Date;
  tenant: Tenant;
  account: Account;
  data: CollectedData;
  documents: ExportedDocument[];
  /** The portal store's data outside the account document (pending address, sessions). */
  extras: AccountExtras;
  /** The account's sign-in events (a second pass over its audit trail, filtered). */
  signInEvents: AsyncIterable<AuditEvent>;
  auditEvents: AsyncIterable<AuditEvent>;
}

/** Audit event types that make up the sign-in history. */
export const SIGN_IN_EVENT_TYPES: readonly string[] = ['login.succeeded', 'login.failed', 'logout', 'mfa.failed'];

/** A request as exported: with its internal notes when the tenant did not exclude them. */
function requestWithNotes(record: PortalRecord, internal: CollectedData['internalNotes']): Record<string, unknown> {
  const view = withoutFiles(record);
  return internal ? { ...view, internalNotes: internal[record.id] ?? [] } : view;
}

export function documentsOf(plans: DocumentPlan[], written: WrittenEntry[]): ExportedDocument[] {
  const byPath = new Map(written.map((entry) => [entry.zipPath, entry]));
  return plans.map((plan) => {
    const entry = byPath.get(plan.zipPath);
    return {
      path: plan.zipPath,
      source: plan.record.kind,
      sourceId: plan.record.id,
      sourceNumber: 'number' in plan.record ? plan.record.number : null,
      fileId: plan.file.id,
      name: plan.file.name,
      mimeType: plan.file.mimeType,
      included: entry?.included ?? false,
      size: entry?.size ?? null,
      sha256: entry?.sha256 ?? null,
    };
  });
}

/** export.json, pretty-printed, with the audit events streamed in at the end. */
export function manifestStream(input: ManifestInput): Readable {
  const head: Array<[string, unknown]> = [
    ['format', EXPORT_FORMAT],
    ['exportId', input.exportId],
    ['exportedAt', input.exportedAt],
    ['portal', { tenantId: input.tenant.id, name: input.tenant.portal.displayName }],
    ['account', accountView(input.account)],
    ['person', input.data.person],
    ['contact', input.data.contact],
    ['organisation', input.data.organisation],
    ['pendingEmailChange', input.extras.pendingEmailChange],
    ['sessions', input.extras.sessions],
    ['delegations', input.extras.delegations ?? { granted: [], received: [] }],
    ...(Object.entries(input.data.records) as Array<[RecordKind, PortalRecord[]]>).map(
      ([kind, list]) =>
        [
          PLURAL[kind],
          kind === 'request' ? list.map((r) => requestWithNotes(r, input.data.internalNotes)) : list.map(withoutFiles),
        ] as [string, unknown],
    ),
    ['internalNotesExcluded', input.data.internalNotesExcluded],
    ['documents', input.documents],
  ];
  const indent = (json: string) => json.replace(/\n/g, '\n  ');
  async function* chunks(): AsyncGenerator<string> {
    yield '{\n';
    for (const [key, value] of head) yield `  ${JSON.stringify(key)}: ${indent(JSON.stringify(value, null, 2))},\n`;
    yield* eventList('signInHistory', input.signInEvents, (event) => SIGN_IN_EVENT_TYPES.includes(event.type), false);
    yield* eventList('auditEvents', input.auditEvents, () => true, true);
  }
  async function* eventList(
    key: string,
    events: AsyncIterable<AuditEvent>,
    keep: (event: AuditEvent) => boolean,
    last: boolean,
  ): AsyncGenerator<string> {
    yield `  ${JSON.stringify(key)}: [`;
    let first = true;
    for await (const event of events) {
      if (!keep(event)) continue;
      yield `${first ? '\n' : ',\n'}    ${JSON.stringify(auditView(event))}`;
      first = false;
    }
    yield `${first ? ']' : '\n  ]'}${last ? '\n}\n' : ',\n'}`;
  }
  return Readable.from(chunks());
}

export { readmeText } from './export-readme.js';
