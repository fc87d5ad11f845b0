import { i18n } from '$lib/i18n/i18n.svelte';

/** A contrast ratio as WCAG tools write it, in the page's language: "4,5:1" / "4.5:1". */
export function formatRatio(ratio: number): string {
  const tag = i18n.language === 'nl' ? 'nl-NL' : 'en-GB';
  return `${new Intl.NumberFormat(tag, { maximumFractionDigits: 2 }).format(ratio)}:1`;
}
