/**
 * A tiny PDF writer: one A4 page of Helvetica text, with a correct cross-reference table so real
 * PDF readers (and the gateway's export ZIPs) accept the demo documents.
 */

/** PDF literal strings take Latin-1; anything else is replaced rather than mis-encoded. */
function pdfString(text: string): string {
  const latin = text.replace(/€/g, 'EUR').replace(/[^\x20-\x7e\xa0-\xff]/g, '?');
  return `(${latin.replace(/\\/g, '\\\\').replace(/\(/g, '\\(').replace(/\)/g, '\\)')})`;
}

export interface PdfLine {
  text: string;
  size?: number;
}

export function buildPdf(title: string, lines: PdfLine[]): Uint8Array {
  let y = 800;
  const ops = ['BT', '/F1 18 Tf', `50 ${y} Td`, `${pdfString(title)} Tj`, 'ET'];
  y -= 34;
  for (const line of lines) {
    const size = line.size ?? 11;
    ops.push('BT', `/F1 ${size} Tf`, `50 ${y} Td`, `${pdfString(line.text)} Tj`, 'ET');
    y -= Math.round(size * 1.6);
    if (y < 40) break;
  }
  const content = ops.join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    `<< /Title ${pdfString(title)} /Producer (Pipelinq simulator) >>`,
  ];
  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xrefAt = Buffer.byteLength(out, 'latin1');
  // Each xref entry is exactly 20 bytes: 10-digit offset, space, 5-digit generation, space, flag, CR LF.
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f\r\n`;
  for (const offset of offsets) out += `${String(offset).padStart(10, '0')} 00000 n\r\n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info ${objects.length} 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}
