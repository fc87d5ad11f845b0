/**
 * Every value Pipelinq's register allows for the fields the portal shows in words
 * (/work/shared/reference/pipelinq-schemas.md): the dictionaries must have a word for each
 * (record-statuses.test.ts), and a list's status filter offers exactly what its kind can have.
 */

/** posTransaction.status: the lifecycle of invoices and orders alike. */
export const TRANSACTION_STATUSES = ['draft', 'parked', 'confirmed', 'settled', 'refunded'] as const;
export const CONTRACT_STATUSES = ['draft', 'active', 'expiring', 'renewed', 'churned', 'cancelled'] as const;
export const REQUEST_STATUSES = ['new', 'in_progress', 'completed', 'rejected', 'converted'] as const;
export const REQUEST_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const BILLING_INTERVALS = ['monthly', 'quarterly', 'annual', 'one-off'] as const;
/** posTransaction.paymentStatus, as the payment provider reports it. */
export const PAYMENT_STATUSES = ['pending', 'captured', 'settled', 'failed', 'refunded'] as const;
/** The gateway's PaymentState enum: where the customer stands with the payment. */
export const PAYMENT_STATES = ['OPEN', 'PAID', 'FAILED', 'REFUNDED'] as const;

/** Drafts are the shop's unfinished work and never reach a customer, so no filter offers them. */
const shownTransactionStatuses = TRANSACTION_STATUSES.filter((status) => status !== 'draft');

/** What each list's status filter offers. */
export const STATUS_FILTERS = {
  invoice: shownTransactionStatuses,
  order: shownTransactionStatuses,
  contract: [...CONTRACT_STATUSES],
  request: [...REQUEST_STATUSES],
} as const;

/** Every dictionary key a record field's value may need, per kind. */
export function wordKeys(): string[] {
  return [
    ...TRANSACTION_STATUSES.flatMap((status) => [`status.invoice.${status}`, `status.order.${status}`]),
    ...CONTRACT_STATUSES.map((status) => `status.contract.${status}`),
    ...REQUEST_STATUSES.map((status) => `status.request.${status}`),
    ...REQUEST_PRIORITIES.map((priority) => `priority.${priority}`),
    ...BILLING_INTERVALS.map((interval) => `interval.${interval}`),
    ...PAYMENT_STATUSES.map((status) => `paymentStatus.${status}`),
    ...PAYMENT_STATES.map((state) => `paymentState.${state}`),
  ];
}
