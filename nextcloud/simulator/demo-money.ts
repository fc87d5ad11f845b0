import type { JsonObject } from './types.js';

/**
 * The money fields of a demo `posTransaction` (priceMode `excl`): subtotal, discount, VAT per rate
 * and total, computed so that total = subtotal - discountTotal + totalTax holds to the cent and the
 * tax lines add up to totalTax. The item keys of `taxBreakdown` and `invoiceBreakdown` are the
 * simulator's assumption (the reference gives no item shape; see pipelinq-schemas.json).
 */

export interface SaleLine {
  description: string;
  quantity: number;
  /** Excluding VAT. */
  unitPrice: number;
  vatRate: number;
}

export interface TransactionMoney {
  subtotal: number;
  discountTotal: number;
  totalTax: number;
  total: number;
  taxBreakdown: JsonObject[];
  invoiceBreakdown: JsonObject[];
}

/** Rounds to cents without the binary drift of `toFixed` on values such as 1.005. */
export const cents = (n: number) => Math.round((n + Number.EPSILON) * 100) / 100;

/** `discountRate` is a fraction of the subtotal (0.05 = 5 %), spread over the VAT rates pro rata. */
export function priceTransaction(lines: SaleLine[], discountRate = 0): TransactionMoney {
  const invoiceBreakdown = lines.map((l) => ({
    description: l.description,
    quantity: l.quantity,
    unitPrice: l.unitPrice,
    total: cents(l.quantity * l.unitPrice),
  }));
  const subtotal = cents(invoiceBreakdown.reduce((sum, l) => sum + l.total, 0));
  const byRate = new Map<number, number>();
  lines.forEach((l, i) => byRate.set(l.vatRate, cents((byRate.get(l.vatRate) ?? 0) + invoiceBreakdown[i]!.total)));
  const taxBreakdown = [...byRate.entries()]
    .sort(([a], [b]) => b - a)
    .map(([rate, gross]) => {
      const base = cents(gross * (1 - discountRate));
      return { rate, base, amount: cents((base * rate) / 100) };
    });
  const discounted = cents(taxBreakdown.reduce((sum, t) => sum + t.base, 0));
  const totalTax = cents(taxBreakdown.reduce((sum, t) => sum + t.amount, 0));
  const discountTotal = cents(subtotal - discounted);
  return { subtotal, discountTotal, totalTax, total: cents(discounted + totalTax), taxBreakdown, invoiceBreakdown };
}
