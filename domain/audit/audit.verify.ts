import type { Connection } from 'mongoose';
import { computeEventHash, GENESIS_HASH } from './audit.hash.js';
import { AuditRepository } from './audit.repository.js';
import type { AuditBreakReason, AuditTrailVerification } from './audit.types.js';

/**
 * Walks a tenant's chain oldest first, in batches (memory stays flat however long the chain), and
 * stops at the first broken link: a missing or repeated seq, a `prevHash` that is not the previous
 * event's hash, or a stored hash that does not match the event's content.
 *
 * What a chain cannot show by itself: events cut off the end, or a whole suffix rewritten and
 * re-hashed by someone with write access. The result names the head (`lastSeq`, `lastHash`) so it
 * can be recorded elsewhere and compared later.
 */
export async function verifyAuditChain(
  repository: AuditRepository,
  tenantId: string,
  options: { batchSize?: number } = {},
): Promise<AuditTrailVerification> {
  let expectedSeq = 1;
  let previousHash = GENESIS_HASH;
  let checkedEvents = 0;
  const broken = (firstBrokenSeq: number, reason: AuditBreakReason, expected: string, found: string): AuditTrailVerification => ({
    intact: false,
    checkedEvents,
    firstBrokenSeq,
    reason,
    expected,
    found,
    lastSeq: expectedSeq > 1 ? expectedSeq - 1 : null,
    lastHash: expectedSeq > 1 ? previousHash : null,
  });

  for await (const doc of repository.scan(tenantId, {}, { batchSize: options.batchSize ?? 1000 })) {
    if (doc.seq > expectedSeq) return broken(expectedSeq, 'missing-event', String(expectedSeq), String(doc.seq));
    if (doc.seq !== expectedSeq) return broken(Number(doc.seq), 'unexpected-seq', String(expectedSeq), String(doc.seq));
    if (doc.prevHash !== previousHash) return broken(doc.seq, 'prev-hash-mismatch', previousHash, String(doc.prevHash));
    const recomputed = computeEventHash(doc);
    if (recomputed !== doc.hash) return broken(doc.seq, 'hash-mismatch', recomputed, String(doc.hash));
    checkedEvents += 1;
    expectedSeq += 1;
    previousHash = doc.hash;
  }
  return {
    intact: true,
    checkedEvents,
    firstBrokenSeq: null,
    reason: null,
    lastSeq: checkedEvents ? expectedSeq - 1 : null,
    lastHash: checkedEvents ? previousHash : null,
  };
}

const reasonText: Record<AuditBreakReason, string> = {
  'missing-event': 'an event is missing',
  'unexpected-seq': 'an event is out of sequence or repeated',
  'prev-hash-mismatch': 'the link to the previous event is broken',
  'hash-mismatch': 'the event was changed after it was written',
};

/**
 * `portal audit verify --tenant ID`: prints the outcome and returns the exit code (0 intact,
 * 1 broken, 2 could not verify).
 */
export async function runAuditVerifyCommand(options: {
  connection: Connection;
  tenantId: string;
  out: NodeJS.WritableStream;
}): Promise<number> {
  const { connection, tenantId, out } = options;
  if (!tenantId) {
    out.write('audit verify: --tenant ID is required\n');
    return 2;
  }
  try {
    const result = await verifyAuditChain(new AuditRepository(connection), tenantId);
    if (result.intact) {
      const head = result.lastSeq ? ` Head: seq ${result.lastSeq}, hash ${result.lastHash}.` : '';
      out.write(`Audit trail of tenant "${tenantId}" is intact: ${result.checkedEvents} events checked.${head}\n`);
      return 0;
    }
    out.write(
      `Audit trail of tenant "${tenantId}" is BROKEN at seq ${result.firstBrokenSeq}: ${reasonText[result.reason!]} ` +
        `(${result.reason}; expected ${result.expected}, found ${result.found}). ` +
        `${result.checkedEvents} events before it are intact.\n`,
    );
    return 1;
  } catch (error) {
    out.write(`audit verify: could not read the audit trail: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
}
