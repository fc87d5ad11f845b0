import { graphql } from '../../gql';
import type { AdminAuditEventsQuery, AuditEventFilter } from '../../gql/graphql';
import { query } from './run';
import { toPage } from './page';
import { ADMIN_PAGE_SIZE } from './admin-list.svelte';

const AuditEvents = graphql(`
  query AdminAuditEvents($tenantId: ID!, $first: Int!, $after: String, $filter: AuditEventFilter) {
    auditEvents(tenantId: $tenantId, first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        ...PageInfoFields
      }
      edges {
        node {
          id
          seq
          occurredAt
          type
          outcome
          accountId
          actor
          actorKind
          actorLabel
          targetType
          targetId
          details
          prevHash
          hash
        }
      }
    }
  }
`);

const VerifyAuditTrail = graphql(`
  query VerifyAuditTrail($tenantId: ID!) {
    verifyAuditTrail(tenantId: $tenantId) {
      intact
      checkedEvents
      firstBrokenSeq
      reason
      expected
      found
      lastSeq
      lastHash
    }
  }
`);

export type AdminAuditEvent = AdminAuditEventsQuery['auditEvents']['edges'][number]['node'];

const AuditEventTypes = graphql(`
  query AuditEventTypes {
    auditEventTypes
  }
`);

/** The event types the gateway records (and accepts in a filter), as it lists them. */
export async function loadAuditEventTypes(): Promise<string[]> {
  return (await query(AuditEventTypes, {})).auditEventTypes;
}
export const AUDIT_OUTCOMES = ['success', 'denied', 'error'] as const;

/** The filter form's values: '' means "any"; dates are calendar days (`YYYY-MM-DD`), both included. */
export interface AuditFilterForm {
  accountId: string;
  eventType: string;
  outcome: string;
  fromDate: string;
  toDate: string;
}

export const EMPTY_AUDIT_FILTER: AuditFilterForm = { accountId: '', eventType: '', outcome: '', fromDate: '', toDate: '' };

/** Local midnight of a `YYYY-MM-DD` day, `days` later, as an ISO instant. */
function startOfDay(day: string, days = 0): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return undefined;
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + days).toISOString();
}

/**
 * The API's filter. `from` is inclusive and `to` exclusive there, so "up to and including" a day
 * becomes the start of the next day, in the browser's time zone.
 */
export function auditFilterInput(form: AuditFilterForm): AuditEventFilter {
  const filter: AuditEventFilter = {};
  if (form.accountId.trim()) filter.accountId = form.accountId.trim();
  if (form.eventType) filter.eventType = form.eventType;
  if (form.outcome) filter.outcome = form.outcome;
  const from = startOfDay(form.fromDate);
  const to = startOfDay(form.toDate, 1);
  if (from) filter.from = from;
  if (to) filter.to = to;
  return filter;
}

export async function listAuditEvents(tenantId: string, after: string | null, form: AuditFilterForm) {
  const data = await query(AuditEvents, { tenantId, first: ADMIN_PAGE_SIZE, after, filter: auditFilterInput(form) });
  return toPage(data.auditEvents);
}

export async function verifyAuditTrail(tenantId: string) {
  return (await query(VerifyAuditTrail, { tenantId })).verifyAuditTrail;
}

/**
 * `GET /portal/api/admin/audit-events` for the whole selection as a file. The staff cookie
 * authenticates the download, so a plain link works (no token in the URL).
 */
export function auditExportUrl(tenantId: string, form: AuditFilterForm, format: 'csv' | 'ndjson'): string {
  const params = new URLSearchParams({ tenantId, format });
  for (const [name, value] of Object.entries(auditFilterInput(form))) if (value) params.set(name, String(value));
  return `/portal/api/admin/audit-events?${params.toString()}`;
}
