import { accept, refuse, type Checked } from './problems.js';

/**
 * A tenant's payment page for one invoice, e.g. `https://pay.example.nl/invoice?nr={number}&eur={amount}`.
 * Pipelinq keeps no payment link (reference pipelinq-schemas: posTransaction has paymentProvider,
 * paymentStatus, … but no URL), so the tenant names its own payment page here.
 *
 * Placeholders, each filled URL-encoded:
 * - `{number}`    the invoice number the portal shows (invoiceNumber, else reference);
 * - `{amount}`    the total (posTransaction `total`) with two decimals and a dot: `1234.50` (the
 *                 reference is silent on what a payment page expects; a machine-readable decimal
 *                 is what payment providers' query parameters take);
 * - `{currency}`  the invoice's currency (posTransaction has no currency property: the field
 *                 mapping's currency, EUR by default);
 * - `{reference}` posTransaction `reference` (the receipt reference).
 * A placeholder the invoice has no value for means no link: a payment page must never be opened
 * with a missing amount or number.
 */
export const PAYMENT_URL_PLACEHOLDERS = ['number', 'amount', 'currency', 'reference'] as const;
export type PaymentUrlPlaceholder = (typeof PAYMENT_URL_PLACEHOLDERS)[number];

const PLACEHOLDER = /\{([^{}]*)\}/g;
const MAX_LENGTH = 2000;

const fill = (template: string, value: (name: string) => string) =>
  template.replace(PLACEHOLDER, (_, name: string) => encodeURIComponent(value(name)));

/** Refuses anything but an https URL whose host is fixed (placeholders may only sit in path, query or fragment). */
export function checkPaymentUrlTemplate(raw: string): Checked<string> {
  const template = raw.trim();
  if (template.length > MAX_LENGTH)
    return refuse('TOO_LONG', `The payment URL is ${template.length} characters long; at most ${MAX_LENGTH} are allowed.`, {
      max: MAX_LENGTH,
    });
  if (/[\s\p{Cc}]/u.test(template)) return refuse('PAYMENT_URL_INVALID', 'The payment URL must not contain spaces.');
  const unknown = [...template.matchAll(PLACEHOLDER)]
    .map((match) => match[1]!)
    .find((name) => !(PAYMENT_URL_PLACEHOLDERS as readonly string[]).includes(name));
  if (unknown !== undefined) {
    const allowed = PAYMENT_URL_PLACEHOLDERS.map((name) => `{${name}}`).join(', ');
    return refuse('PAYMENT_URL_PLACEHOLDER_UNKNOWN', `Unknown placeholder {${unknown}}; use ${allowed}.`, {
      placeholder: `{${unknown.slice(0, 40)}}`,
      allowed,
    });
  }
  // Two different fillings must give the same origin, so no invoice can steer the link to another site.
  let first: URL;
  let second: URL;
  try {
    first = new URL(fill(template, () => 'a1'));
    second = new URL(fill(template, () => 'z9.9'));
  } catch {
    return refuse('PAYMENT_URL_INVALID', 'The payment URL is not a URL such as https://pay.example.nl/?invoice={number}.');
  }
  if (first.protocol !== 'https:') return refuse('PAYMENT_URL_NOT_HTTPS', 'The payment URL must start with https://.');
  if (!first.hostname || first.origin !== second.origin || first.username || first.password) {
    return refuse(
      'PAYMENT_URL_INVALID',
      'The payment URL must name its host itself; placeholders may only be used in the path or query.',
    );
  }
  return accept(template);
}

export interface PayableInvoice {
  number: string;
  amount: number | null;
  currency: string | null;
  reference: string | null;
}

/** The filled link, or null when the template uses a value this invoice does not have. */
export function fillPaymentUrl(template: string, invoice: PayableInvoice): string | null {
  const values: Record<PaymentUrlPlaceholder, string | null> = {
    number: invoice.number || null,
    // Number.isFinite is false for null too (and for NaN and Infinity, which a bad total parses to).
    amount: Number.isFinite(invoice.amount) ? invoice.amount!.toFixed(2) : null,
    currency: invoice.currency || null,
    reference: invoice.reference || null,
  };
  const valueOf = (name: string) => values[name as PaymentUrlPlaceholder];
  // A placeholder without a value, or one no check let through (unknown name): no link at all.
  if ([...template.matchAll(PLACEHOLDER)].some((match) => !valueOf(match[1]!))) return null;
  return fill(template, (name) => valueOf(name)!);
}
