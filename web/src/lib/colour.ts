/**
 * Body text on the tenant's background colour. The gateway checks primary-on-background
 * contrast and supplies onPrimaryColor; the text colour on the background is ours to pick:
 * near-black unless the background is dark (WCAG relative luminance).
 */
function luminance(hex: string): number | null {
  const match = /^#?([0-9a-f]{6})$/i.exec(hex.trim());
  if (!match) return null;
  const channels = [0, 2, 4].map((offset) => parseInt(match[1]!.slice(offset, offset + 2), 16) / 255);
  const [r, g, b] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function textColourOn(background: string): string {
  const l = luminance(background);
  // #1a1a1a has luminance ~0.010; white 1.0. Pick whichever contrasts more.
  if (l === null) return '#1a1a1a';
  return (l + 0.05) / (0.0103 + 0.05) >= 1.05 / (l + 0.05) ? '#1a1a1a' : '#ffffff';
}
