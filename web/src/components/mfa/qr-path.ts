/**
 * The dark modules of a QR code as one SVG path, in module units with the quiet zone the
 * standard asks for (4 modules) around it. Drawn by us from the library's matrix, so the page
 * needs neither {@html} nor an image URL: the secret inside the code never leaves the browser.
 */
export const QUIET_ZONE = 4;

export interface QrMatrix {
  size: number;
  get(row: number, col: number): number;
}

export function qrPath(matrix: QrMatrix): { path: string; extent: number } {
  const parts: string[] = [];
  for (let row = 0; row < matrix.size; row++) {
    for (let col = 0; col < matrix.size; col++) {
      if (matrix.get(row, col)) parts.push(`M${col + QUIET_ZONE} ${row + QUIET_ZONE}h1v1h-1z`);
    }
  }
  return { path: parts.join(''), extent: matrix.size + 2 * QUIET_ZONE };
}

/** The key as people read it: blocks of four ("ABCD EFGH …"), the way authenticator apps show it. */
export function secretBlocks(secret: string): string[] {
  return secret.replace(/\s+/g, '').match(/.{1,4}/g) ?? [];
}
