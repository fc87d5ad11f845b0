import { localeTag } from '$lib/i18n/format';

/** A contrast ratio as WCAG tools write it, in the page's language: "4,5:1" / "4.5:1". */
export function formatRatio(ratio: number): string {
  return `${new Intl.NumberFormat(localeTag(), { maximumFractionDigits: 2 }).format(ratio)}:1`;
}
