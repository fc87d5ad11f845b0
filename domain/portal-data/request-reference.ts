import { randomInt } from 'node:crypto';

/** Letters and digits a customer cannot mistake for each other when reading one out on the phone. */
const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/**
 * The number a request filed through the portal gets (Pipelinq's portal property `reference`), so
 * the customer has something to quote: `REQ-2026-7K3QH9`. Pipelinq allocates none itself and the
 * reference gives no format; random rather than a counter, because counters need atomic updates
 * the embedded engine does not give (DESIGN.md, Storage). 32^6 ≈ 10^9 values per year.
 */
export function newRequestReference(now: Date): string {
  let code = '';
  for (let i = 0; i < 6; i += 1) code += ALPHABET[randomInt(ALPHABET.length)];
  return `REQ-${now.getUTCFullYear()}-${code}`;
}
