import type { Principal } from '../principal.js';

/** The event types of CONTRACT.md ("Audit event types") plus the product's own; anything else is refused. */
export const AUDIT_EVENT_TYPES = [
  'login.succeeded',
  'login.failed',
  'logout',
  'mfa.enrolled',
  'mfa.disabled',
  'mfa.failed',
  'password.reset',
  // Not in CONTRACT.md's list, which allows additions: a signed-in customer changing their
  // password, and ending their own sessions elsewhere (one, or all but the current one).
  'password.changed',
  'session.revoked',
  'account.invited',
  'account.activated',
  'account.status-changed',
  'profile.updated',
  'email.change-requested',
  'email.changed',
  'document.downloaded',
  'request.submission-started',
  'request.submitted',
  'request.replied',
  'export.requested',
  'export.ready',
  'export.downloaded',
  'account.closure-requested',
  'account.closed',
  'account.pseudonymised',
  'apitoken.created',
  'apitoken.revoked',
  'staff.signed-in',
  'tenant.config-saved',
  'audit.exported',
  // Delegated access (domain/delegation, issue 16): grants, their binding to the grantee's
  // account, ending them, and each use of a delegated scope (actor = grantee, onBehalfOf = company).
  'delegation.granted',
  'delegation.activated',
  'delegation.revoked',
  'delegation.used',
] as const;
export type AuditEventType = (typeof AUDIT_EVENT_TYPES)[number];

export const AUDIT_OUTCOMES = ['success', 'denied', 'error'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

// Sets of unknown: membership alone decides, anything that is not one of the strings is not in them.
const eventTypes: ReadonlySet<unknown> = new Set(AUDIT_EVENT_TYPES);
const outcomes: ReadonlySet<unknown> = new Set(AUDIT_OUTCOMES);
export const isAuditEventType = (value: unknown): value is AuditEventType => eventTypes.has(value);
export const isAuditOutcome = (value: unknown): value is AuditOutcome => outcomes.has(value);

/** JSON-safe values only: `details` is hashed and must read back exactly as it was written. */
export type AuditDetails = { [key: string]: AuditJson };
export type AuditJson = string | number | boolean | null | AuditJson[] | { [key: string]: AuditJson };

/** What a domain service hands to the audit trail. Tenant and principal are always explicit. */
export interface AuditEventInput {
  tenantId: string;
  type: AuditEventType;
  /** Defaults to 'success'. */
  outcome?: AuditOutcome;
  /** Who acted; gives `actor` and (for customers and partners) `accountId`. */
  principal?: Principal;
  /** Overrides: e.g. `login.failed` for a known account while nobody is signed in. */
  accountId?: string | null;
  actor?: string | null;
  target?: { type: string; id: string } | null;
  /** Free-form context; passwords, tokens, secrets and codes are stripped before storage. */
  details?: Record<string, unknown>;
  /** Stored only as keyed hashes. */
  client?: { ip?: string | null; userAgent?: string | null };
  /**
   * The address the event is about when no account may be (a sign-in with an unknown address):
   * stored only as `subjectHash`, the keyed fingerprint accounts use, so a DPO can find the event
   * by address and nobody can read an address out of the trail.
   */
  subjectEmail?: string | null;
}

/**
 * What an event says: the fields its hash covers (audit.hash.ts), including the link backwards.
 * Stored documents and the public event both carry exactly these, plus their id and hash.
 */
export interface AuditEventFields {
  tenantId: string;
  seq: number;
  occurredAt: Date;
  type: string;
  outcome: string;
  accountId: string | null;
  actor: string | null;
  targetType: string | null;
  targetId: string | null;
  details: AuditDetails;
  ipHash: string | null;
  userAgentHash: string | null;
  prevHash: string;
  /**
   * Keyed fingerprint of the address the event is about (see AuditEventInput.subjectEmail). A search
   * key, not evidence: the event hash does not cover it, so trails written before it verify unchanged.
   */
  subjectHash?: string | null;
}

/** One stored event, as the rest of the gateway sees it (GraphQL `AuditEvent`, exports). */
export interface AuditEvent extends AuditEventFields {
  /** Opaque public id. */
  id: string;
  hash: string;
}

/** `from` is inclusive, `to` exclusive, so adjacent ranges never count an event twice. */
export interface AuditEventFilter {
  accountId?: string;
  eventType?: string;
  outcome?: string;
  from?: Date;
  to?: Date;
  /** Internal: a staff member's own events (they have no account id). */
  actor?: string;
  /** Internal (DPO subject report): events of any of these accounts, or about this address fingerprint. */
  subject?: { accountIds: string[]; subjectHash: string };
}

export interface AuditPageRequest {
  /** 1..200, default 50; larger values are capped. */
  first?: number;
  /** `nextCursor` of the previous page. */
  after?: string | null;
  /**
   * Count the selection: pass true only when the total is shown (GraphQL: when `totalCount` is
   * selected), false otherwise. Unset still counts, for callers that do not say yet. On the
   * embedded engine the unfiltered total costs one `_id` lookup (seqs are dense: it is the tail's
   * seq); a filtered total reads every stored event.
   */
  includeTotal?: boolean;
}

export interface AuditEventPage {
  /** Newest first. */
  events: AuditEvent[];
  nextCursor: string | null;
  hasNextPage: boolean;
  /** Null when `includeTotal` was false. */
  totalCount: number | null;
}

export type AuditBreakReason = 'missing-event' | 'unexpected-seq' | 'prev-hash-mismatch' | 'hash-mismatch';

export interface AuditTrailVerification {
  intact: boolean;
  checkedEvents: number;
  firstBrokenSeq: number | null;
  reason: AuditBreakReason | null;
  /** For hash problems the hashes; for sequence problems the seq numbers (as text). */
  expected?: string;
  found?: string;
  /** The head of the chain as read: anchor it elsewhere to detect truncation of the tail. */
  lastSeq: number | null;
  lastHash: string | null;
}
