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
  /** End of the fiscal retention period; null without fiscal records. */
  heldUntil: Date | null;
  /** Every reason the person is kept now; empty when free. */
  reasons: RetentionReason[];
}

export function retentionEnd(latest: Date): Date {
  const end = new Date(latest.getTime());
  end.setUTCFullYear(end.getUTCFullYear() + RETENTION_YEARS);
  return end;
}

export function decideRetention(facts: RetentionFacts, now: Date): RetentionDecision {
  const heldUntil = facts.latestFiscalRecordAt ? retentionEnd(facts.latestFiscalRecordAt) : null;
  const reasons: RetentionReason[] = [];
  if (heldUntil && heldUntil.getTime() > now.getTime()) reasons.push('fiscal-retention');
  if (facts.openInvoices > 0) reasons.push('open-invoices');
  if (facts.activeContracts > 0) reasons.push('active-contracts');
  if (facts.openRequests > 0) reasons.push('open-requests');
  return { free: reasons.length === 0, heldUntil, reasons };
}
