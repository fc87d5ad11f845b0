import { graphql } from '../../gql';
import type { DataSubjectEventsQuery, DataSubjectReportQuery, SubjectEventFieldsFragment } from '../../gql/graphql';
import { query } from './run';

/** What the report's table and its CSV show of each event: one selection for both queries. */
export const SubjectEventFields = graphql(`
  fragment SubjectEventFields on AuditEvent {
    id
    seq
    occurredAt
    type
    outcome
    accountId
    actor
    targetType
    targetId
    details
  }
`);

const DataSubjectReport = graphql(`
  query DataSubjectReport($tenantId: ID!, $email: String!, $first: Int!, $after: String) {
    dataSubjectReport(tenantId: $tenantId, email: $email, first: $first, after: $after) {
      auditEventCount
      accounts {
        id
        type
        status
        matchedBy
        pseudonymised
        createdAt
        lastSignInAt
        closureRequestedAt
        closedAt
        pseudonymisedAt
        exports {
          id
          requestedAt
          readyAt
          downloads
        }
        retention {
          outcome
          heldUntil
          reasons
        }
      }
      auditEvents {
        pageInfo {
          ...PageInfoFields
        }
        edges {
          node {
            ...SubjectEventFields
          }
        }
      }
    }
  }
`);

/** The events alone, for the CSV: a page of 200 stays within the gateway's cost limit without the accounts. */
const DataSubjectEvents = graphql(`
  query DataSubjectEvents($tenantId: ID!, $email: String!, $first: Int!, $after: String) {
    dataSubjectReport(tenantId: $tenantId, email: $email, first: $first, after: $after) {
      auditEvents {
        pageInfo {
          ...PageInfoFields
        }
        edges {
          node {
            ...SubjectEventFields
          }
        }
      }
    }
  }
`);

export type SubjectReport = DataSubjectReportQuery['dataSubjectReport'];
export type SubjectEvent = SubjectEventFieldsFragment;

export const SUBJECT_PAGE_SIZE = 50;

/** The DPO's report on one person by address; `after` pages on through the events. */
export async function loadSubjectReport(tenantId: string, email: string, after: string | null = null) {
  return (await query(DataSubjectReport, { tenantId, email, first: SUBJECT_PAGE_SIZE, after })).dataSubjectReport;
}

const csvCell = (value: unknown): string => {
  const text = value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  // Text a spreadsheet would run as a formula is made inert, as in the customer's own export.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/**
 * Every event about the person as CSV (UTF-8 with BOM, RFC 4180), read page by page. The address
 * is not in it: the file can go into a case file without adding the address to yet another place.
 */
export async function subjectEventsCsv(tenantId: string, email: string): Promise<string> {
  const header = ['seq', 'occurredAt', 'type', 'outcome', 'accountId', 'actor', 'targetType', 'targetId', 'details'];
  const lines = [header.join(',')];
  let after: string | null = null;
  do {
    const page: DataSubjectEventsQuery['dataSubjectReport'] = (
      await query(DataSubjectEvents, { tenantId, email, first: 200, after })
    ).dataSubjectReport;
    for (const { node } of page.auditEvents.edges)
      lines.push(
        [
          node.seq,
          node.occurredAt,
          node.type,
          node.outcome,
          node.accountId,
          node.actor,
          node.targetType,
          node.targetId,
          node.details,
        ]
          .map(csvCell)
          .join(','),
      );
    after = page.auditEvents.pageInfo.hasNextPage ? (page.auditEvents.pageInfo.endCursor ?? null) : null;
  } while (after);
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
