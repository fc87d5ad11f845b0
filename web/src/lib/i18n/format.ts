import { hasMessage, i18n, t } from './i18n.svelte';

/** Dates, money and sizes in the current language. Nextcloud values may be missing: show a dash. */
const DASH = '—';

/** The BCP 47 tag of the language on screen, for Intl formatters. */
export const localeTag = () => (i18n.language === 'nl' ? 'nl-NL' : 'en-GB');

export function formatDate(value: string | null | undefined): string {
  if (!value) return DASH;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? DASH : new Intl.DateTimeFormat(localeTag(), { dateStyle: 'medium' }).format(date);
}

export function formatDateTime(value: string | null | undefined): string {
  if (!value) return DASH;
  const date = new Date(value);
  return Number.isNaN(date.getTime())
    ? DASH
    : new Intl.DateTimeFormat(localeTag(), { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

export function formatMoney(amount: number | null | undefined, currency: string | null | undefined): string {
  if (amount === null || amount === undefined) return DASH;
  try {
    return new Intl.NumberFormat(localeTag(), { style: 'currency', currency: currency || 'EUR' }).format(amount);
  } catch {
    return `${amount.toFixed(2)} ${currency ?? ''}`.trim();
  }
}

export function formatBytes(size: number | null | undefined): string {
  if (size === null || size === undefined) return DASH;
  const units = ['B', 'kB', 'MB', 'GB'];
  let value = size;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${new Intl.NumberFormat(localeTag(), { maximumFractionDigits: unit ? 1 : 0 }).format(value)} ${units[unit]}`;
}

export type StatusKind = 'invoice' | 'order' | 'contract' | 'request';

/**
 * A value another system names in its own words (a Nextcloud status or paymentMethod, a gateway
 * enum, a form field's name) as the message `prefix.value` in the reader's language. Those values
 * may be new to us, so one without a message is shown as it is named; a missing one as a dash.
 */
export function wordFor(prefix: string, value: string | null | undefined): string {
  if (!value) return DASH;
  const key = `${prefix}.${value}`;
  return hasMessage(key) ? t(key) : value;
}

/** A Nextcloud status in words; an unknown status is shown as Nextcloud names it. */
export const statusLabel = (kind: StatusKind, status: string | null | undefined) => wordFor(`status.${kind}`, status);

export const intervalLabel = (interval: string | null | undefined) => wordFor('interval', interval);

/** posTransaction.paymentStatus as the payment provider reports it. */
export const paymentStatusLabel = (status: string | null | undefined) => wordFor('paymentStatus', status);

/** The gateway's PaymentState: where the customer stands with the payment. */
export const paymentStateLabel = (state: string | null | undefined) => wordFor('paymentState', state);

/** posTransaction.paymentMethod is free text in Pipelinq (ideal, cash, …): known ones in words. */
export const paymentMethodLabel = (method: string | null | undefined) => wordFor('paymentMethod', method);

/** A VAT rate such as 21 or 9 as "21%" / "9%"; Nextcloud may hold 5.5 as well. */
export function formatPercent(rate: number | null | undefined): string {
  if (rate === null || rate === undefined) return DASH;
  return new Intl.NumberFormat(localeTag(), { style: 'percent', maximumFractionDigits: 2 }).format(rate / 100);
}
