/**
 * Body text on the tenant's background colour. The gateway checks primary-on-background
 * contrast and supplies onPrimaryColor; the text colour on the background is ours to pick:
 * near-black unless the background is dark (WCAG relative luminance).
 */
function luminance(hex: string): number | null {
  const match = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex.trim());
  if (!match) return null;
  const digits = match[1]!.length === 3 ? [...match[1]!].map((c) => c + c).join('') : match[1]!;
  const channels = [0, 2, 4].map((offset) => parseInt(digits.slice(offset, offset + 2), 16) / 255);
  const [r, g, b] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function textColourOn(background: string): string {
  const l = luminance(background);
  // #1a1a1a has luminance ~0.010; white 1.0. Pick whichever contrasts more.
  if (l === null) return '#1a1a1a';
  return (l + 0.05) / (0.0103 + 0.05) >= 1.05 / (l + 0.05) ? '#1a1a1a' : '#ffffff';
}

/**
 * WCAG contrast ratio of two hex colours (1 to 21), rounded to two decimals as the gateway rounds
 * before it applies the 4.5 minimum; null when either is not a hex colour. The admin panel uses
 * it for live feedback only: the gateway's check on save is the one that counts.
 */
export function contrastRatio(a: string, b: string): number | null {
  const la = luminance(a);
  const lb = luminance(b);
  if (la === null || lb === null) return null;
  const [light, dark] = la >= lb ? [la, lb] : [lb, la];
  return Math.round(((light + 0.05) / (dark + 0.05)) * 100) / 100;
}

/** `#RRGGBB` upper case from `#RGB` / `#RRGGBB` (with or without #), or null. */
export function normaliseHex(value: string): string | null {
  const match = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(value.trim());
  if (!match) return null;
  const digits = match[1]!.length === 3 ? [...match[1]!].map((c) => c + c).join('') : match[1]!;
  return `#${digits.toUpperCase()}`;
}
