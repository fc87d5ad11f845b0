import { formatC, formatDay } from './dates.js';
import { BASE_DATE, DAY, euro, type CustomerContext, type Draft } from './demo-draft.js';
import { priceTransaction, type SaleLine, type TransactionMoney } from './demo-money.js';
import type { PdfLine } from './pdf.js';
import type { JsonObject } from './types.js';

/**
 * A customer's Pipelinq `posTransaction`s. Invoices and orders are the same schema; the only invoice
 * marker is a non-empty `invoiceNumber` (reference pipelinq-schemas.md). So the demo holds:
 * - invoice transactions: `invoiceNumber` F-YYYY-NNNNN, status confirmed/settled/refunded, at least
 *   EUR 100 (Pipelinq only numbers receipts from that amount), a PDF attached;
 * - order transactions: no `invoiceNumber`, `reference` ORD-YYYY-NNNN, status parked/confirmed/settled;
 * - one `draft` (an open till basket) that a portal must never show.
 * Invoice transactions carry a receipt `reference` BON-YYYY-NNNNN of their own.
 * For a person (B2C) a few transactions name only `customer` (the person's contact), no `client`:
 * Pipelinq allows that, and the portal must still find them.
 */

/** Which transactions of a B2C customer carry only `customer`. */
export const CUSTOMER_ONLY = { invoices: [1, 3], orders: [1] } as const;
const INVOICE_MINIMUM = 100;

function saleLines(c: CustomerContext): SaleLine[] {
  const count = 1 + Math.floor(c.rnd() * 3);
  return Array.from({ length: count }, () => {
    const product = c.pick(c.tenant.products);
    return {
      description: product.description,
      quantity: 1 + Math.floor(c.rnd() * (c.customer.type === 'organization' ? 6 : 2)),
      unitPrice: product.unitPrice,
      vatRate: product.vatRate,
    };
  });
}

/** Raises the first line's quantity until the receipt reaches the invoice threshold. */
function atLeast(lines: SaleLine[], minimum: number): SaleLine[] {
  const first = lines[0]!;
  while (lines.reduce((sum, l) => sum + l.quantity * l.unitPrice, 0) < minimum) first.quantity += 1;
  return lines;
}

function money(m: TransactionMoney): JsonObject {
  return { ...m, priceMode: 'excl' };
}

/** B2B pays on account; B2C mostly by iDEAL through the payment provider, sometimes cash. */
function tender(c: CustomerContext, i: number): JsonObject {
  if (c.customer.type === 'organization') return { tenderType: 'onAccount', paymentMethod: 'banktransfer' };
  if (i % 4 === 3) return { tenderType: 'cash', paymentMethod: 'cash' };
  return { tenderType: 'card', paymentMethod: 'ideal', paymentProvider: 'mollie' };
}

/** `client` and `customer`, or `customer` alone for the B2C transactions that name only the person. */
function parties(c: CustomerContext, i: number, customerOnly: boolean): JsonObject {
  const customer = c.contactFor(i);
  if (customerOnly && c.customer.type === 'person') return customer ? { customer } : {};
  return { client: c.clientId, ...(customer ? { customer } : {}) };
}

function invoicePdfLines(c: CustomerContext, d: JsonObject, at: number): PdfLine[] {
  const lines = (d.invoiceBreakdown as JsonObject[]).map((l) => ({
    text: `${String(l.quantity)} x ${String(l.description)} a ${euro(Number(l.unitPrice))} = ${euro(Number(l.total))}`,
  }));
  const taxes = (d.taxBreakdown as JsonObject[]).map((t) => ({
    text: `BTW ${String(t.rate)}% over ${euro(Number(t.base))}: ${euro(Number(t.amount))}`,
  }));
  return [
    { text: `Factuurdatum: ${formatDay(at)}` },
    { text: c.tenant.organisation.name, size: 12 },
    { text: `Klant: ${c.customer.name}` },
    { text: `Adres: ${c.customer.address}` },
    ...lines,
    { text: `Subtotaal excl. BTW: ${euro(Number(d.subtotal))}` },
    ...(Number(d.discountTotal) > 0 ? [{ text: `Korting: ${euro(Number(d.discountTotal))}` }] : []),
    ...taxes,
    { text: `Totaal: ${euro(Number(d.total))}`, size: 12 },
    { text: `Status: ${String(d.status)}` },
  ];
}

function invoiceDrafts(c: CustomerContext): Draft[] {
  const { customer, tenant } = c;
  const drafts: Draft[] = [];
  for (let i = 0; i < customer.volume.invoices; i++) {
    const daysAgo =
      i === 0 ? 3 + Math.floor(c.rnd() * 10) : Math.floor((i + 0.2 + c.rnd() * 0.6) * (1080 / customer.volume.invoices));
    const at = BASE_DATE - daysAgo * DAY + c.hour();
    // The newest awaits payment, one older one failed to pay, one was refunded; the rest are paid.
    const status = i === 0 || i === 2 ? 'confirmed' : i === 4 ? 'refunded' : 'settled';
    const paymentStatus =
      status === 'confirmed'
        ? i === 0
          ? 'pending'
          : 'failed'
        : status === 'refunded'
          ? 'refunded'
          : i % 3 === 0
            ? 'captured'
            : 'settled';
    const settledAt = status === 'confirmed' ? undefined : at + (5 + Math.floor(c.rnd() * 20)) * DAY;
    const refundedAt = status === 'refunded' ? settledAt! + 10 * DAY : undefined;
    const discount = customer.type === 'organization' && i % 5 === 1 ? 0.05 : 0;
    const data: JsonObject = {
      cashier: c.pick(tenant.cashiers),
      status,
      ...parties(c, i, (CUSTOMER_ONLY.invoices as readonly number[]).includes(i)),
      reference: '',
      invoiceNumber: '',
      ...money(priceTransaction(atLeast(saleLines(c), INVOICE_MINIMUM), discount)),
      ...tender(c, i),
      paymentStatus,
      confirmedAt: formatC(at, 'amsterdam'),
      ...(settledAt ? { settledAt: formatC(settledAt, 'amsterdam') } : {}),
      ...(refundedAt
        ? { refundedAt: formatC(refundedAt, 'amsterdam'), refundReason: 'Dubbel gefactureerd; bedrag teruggestort' }
        : {}),
    };
    drafts.push({
      kind: 'posTransaction',
      key: `${customer.key}:invoice:${i}`,
      at,
      updatedAt: refundedAt ?? settledAt,
      data,
      organisation: c.organisation,
      number: (next) => {
        const year = formatDay(at).slice(0, 4);
        data.reference = next('BON', year, 5);
        data.invoiceNumber = next('F', year, 5);
      },
      attachment: (d) => ({
        name: `factuur-${String(d.invoiceNumber)}.pdf`,
        title: `Factuur ${String(d.invoiceNumber)}`,
        labels: ['factuur'],
        lines: invoicePdfLines(c, d, at),
      }),
    });
  }
  return drafts;
}

function orderDrafts(c: CustomerContext): Draft[] {
  const { customer, tenant } = c;
  const drafts: Draft[] = [];
  for (let i = 0; i < customer.volume.orders; i++) {
    const daysAgo = Math.floor((i + 0.1 + c.rnd() * 0.8) * (1080 / customer.volume.orders));
    const at = BASE_DATE - daysAgo * DAY + c.hour();
    // The newest is still parked at the till, the next awaits payment, the rest are paid.
    const status = i === 0 ? 'parked' : i === 1 || daysAgo < 45 ? 'confirmed' : 'settled';
    const settledAt = status === 'settled' ? at + 14 * DAY : undefined;
    const data: JsonObject = {
      cashier: c.pick(tenant.cashiers),
      status,
      ...parties(c, i + 1, (CUSTOMER_ONLY.orders as readonly number[]).includes(i)),
      reference: '',
      ...money(priceTransaction(saleLines(c))),
      ...tender(c, i),
      ...(status === 'parked'
        ? { parkedAt: formatC(at, 'amsterdam') }
        : {
            confirmedAt: formatC(at, 'amsterdam'),
            paymentStatus: status === 'confirmed' ? 'pending' : i % 2 === 0 ? 'captured' : 'settled',
          }),
      ...(settledAt ? { settledAt: formatC(settledAt, 'amsterdam') } : {}),
    };
    drafts.push({
      kind: 'posTransaction',
      key: `${customer.key}:order:${i}`,
      at,
      updatedAt: settledAt,
      data,
      organisation: c.organisation,
      number: (next) => (data.reference = next('ORD', formatDay(at).slice(0, 4), 4)),
    });
  }
  return drafts;
}

/** An open basket at the till: no number, no dates, never for a customer's eyes. */
function openBasket(c: CustomerContext): Draft {
  return {
    kind: 'posTransaction',
    key: `${c.customer.key}:draft`,
    at: BASE_DATE - 2 * 3_600_000,
    organisation: c.organisation,
    data: {
      cashier: c.pick(c.tenant.cashiers),
      status: 'draft',
      ...parties(c, 0, false),
      ...money(priceTransaction(saleLines(c))),
      tenderType: 'cash',
    },
  };
}

export function transactionDrafts(c: CustomerContext): Draft[] {
  const { invoices, orders } = c.customer.volume;
  if (invoices + orders === 0) return [];
  return [...invoiceDrafts(c), ...orderDrafts(c), openBasket(c)];
}
