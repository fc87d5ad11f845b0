import type { RetentionBasis } from '../tenants/portal-settings.js';
import { startOfDayIn, yearIn } from './zoned-dates.js';

export type { RetentionBasis };

/**
 * When a closed account's person may be pseudonymised (DESIGN.md "GDPR (AVG) work"): Dutch fiscal
 * law keeps records for 7 years, counted here from the client's newest fiscal record (a
 * posTransaction: invoice or order), and nothing is pseudonymised while an obligation remains —
 * an open invoice, an active contract, an open request. Pure: facts in, decision out.
 */

export const RETENTION_YEARS = 7;
/** Invoice statuses that end the obligation; anything else is still open. */
export const CLOSED_INVOICE_STATUSES = ['settled', 'refunded'] as const;
export const ACTIVE_CONTRACT_STATUSES = ['active', 'expiring'] as const;
export const OPEN_REQUEST_STATUSES = ['new', 'in_progress'] as const;

export interface RetentionRule {
  basis: RetentionBasis;
  /** The tenant's time zone (IANA name): where a fiscal year ends. */
  timeZone: string;
}

export type RetentionReason = 'fiscal-retention' | 'open-invoices' | 'active-contracts' | 'open-requests';

export interface RetentionFacts {
  /** The newest date on any of the client's fiscal records; null when there are none. */
  latestFiscalRecordAt: Date | null;
  openInvoices: number;
  activeContracts: number;
  openRequests: number;
}

export interface RetentionDecision {
  free: boolean;
  /** The moment the fiscal retention period ends; null without fiscal records. */
  heldUntil: Date | null;
  /** Every reason the person is kept now; empty when free. */
  reasons: RetentionReason[];
}

/**
 * The moment the retention of a record dated `latest` ends. FISCAL_YEAR_END: the fiscal year of
 * a record from 2026 ends with 31 December 2026, so the record is kept through 31 December 2033
 * and the period ends at 1 January 2034, 00:00 on the tenant's wall clock.
 */
export function retentionEnd(latest: Date, rule: RetentionRule): Date {
  if (rule.basis === 'FISCAL_YEAR_END') {
    return startOfDayIn(yearIn(latest, rule.timeZone) + 1 + RETENTION_YEARS, 1, 1, rule.timeZone);
  }
  const end = new Date(latest.getTime());
  end.setUTCFullYear(end.getUTCFullYear() + RETENTION_YEARS);
  return end;
}

export function decideRetention(facts: RetentionFacts, now: Date, rule: RetentionRule): RetentionDecision {
  const heldUntil = facts.latestFiscalRecordAt ? retentionEnd(facts.latestFiscalRecordAt, rule) : null;
  const reasons: RetentionReason[] = [];
  if (heldUntil && heldUntil.getTime() > now.getTime()) reasons.push('fiscal-retention');
  if (facts.openInvoices > 0) reasons.push('open-invoices');
  if (facts.activeContracts > 0) reasons.push('active-contracts');
  if (facts.openRequests > 0) reasons.push('open-requests');
  return { free: reasons.length === 0, heldUntil, reasons };
}
