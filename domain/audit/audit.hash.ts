import { sha256Hex } from '../../core/crypto.js';
import type { AuditEventFields } from './audit.types.js';

/** The `prevHash` of the first event of every tenant's chain. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields a hash covers; everything that gives an event its meaning, and the link backwards. */
export type HashedFields = AuditEventFields;

/**
 * Deterministic JSON: object keys sorted at every depth, no whitespace. A database may hand keys
 * back in another order (or drop an undefined one), so the hash must not depend on key order.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      // An object's keys are distinct, so two never compare equal.
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  // Strings, booleans and numbers as JSON has them (NaN and ±Infinity become null there too).
  return JSON.stringify(value);
}

/** SHA-256 over the canonical form; `prevHash` is inside it, which is what chains the events. */
export function computeEventHash(fields: HashedFields): string {
  const covered: HashedFields = {
    tenantId: fields.tenantId,
    seq: fields.seq,
    occurredAt: fields.occurredAt,
    type: fields.type,
    outcome: fields.outcome,
    accountId: fields.accountId ?? null,
    actor: fields.actor ?? null,
    targetType: fields.targetType ?? null,
    targetId: fields.targetId ?? null,
    details: fields.details ?? {},
    ipHash: fields.ipHash ?? null,
    userAgentHash: fields.userAgentHash ?? null,
    prevHash: fields.prevHash,
  };
  return sha256Hex(canonicalJson(covered));
}
