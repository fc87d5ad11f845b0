/**
 * Which precompressed variant of a static file to send, from the request's Accept-Encoding.
 * Brotli is smaller than gzip for the same file, so it wins whenever the browser accepts it at
 * least as much as gzip (browsers list gzip first with equal weight, so the header's order is no
 * preference). Only encodings that the build wrote a file for are offered (`available`).
 */
export type Encoding = 'br' | 'gzip';

export function pickEncoding(acceptEncoding: string | undefined, available: readonly Encoding[]): Encoding | null {
  if (!acceptEncoding) return null;
  const weights = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((param) => param.trim()).find((param) => param.startsWith('q='));
    const weight = q ? Number(q.slice(2)) : 1;
    weights.set(name.trim(), Number.isFinite(weight) ? weight : 0);
  }
  const weightOf = (encoding: Encoding) => weights.get(encoding) ?? weights.get('*') ?? 0;
  const candidates = (['br', 'gzip'] as const).filter((encoding) => available.includes(encoding) && weightOf(encoding) > 0);
  if (candidates.length === 0) return null;
  return candidates.reduce((best, encoding) => (weightOf(encoding) > weightOf(best) ? encoding : best));
}
