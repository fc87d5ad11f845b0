/**
 * WCAG 2.2 relative luminance and contrast ratio (success criterion 1.4.3), for brand colours.
 * Accepts #RGB and #RRGGBB.
 */
export function parseHexColor(value: string): [number, number, number] | null {
  const match = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(value.trim());
  if (!match) return null;
  const hex = match[1]!.length === 3 ? [...match[1]!].map((c) => c + c).join('') : match[1]!;
  return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
}

function channel(value: number): number {
  const s = value / 255;
  return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
}

export function relativeLuminance([r, g, b]: [number, number, number]): number {
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/** The contrast ratio of two colours, from 1 (none) to 21 (black on white). */
export function contrastRatio(a: [number, number, number], b: [number, number, number]): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

export const WHITE = '#FFFFFF';
export const NEAR_BLACK = '#1A1A1A';

/** White or near-black, whichever reads better on the given background. */
export function readableTextOn(background: string): string {
  const bg = parseHexColor(background);
  if (!bg) return NEAR_BLACK;
  return contrastRatio(parseHexColor(WHITE)!, bg) >= contrastRatio(parseHexColor(NEAR_BLACK)!, bg) ? WHITE : NEAR_BLACK;
}
