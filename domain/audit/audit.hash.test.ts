import { describe, expect, it } from 'vitest';
import { canonicalJson, computeEventHash, GENESIS_HASH, type HashedFields } from './audit.hash.js';

const base: HashedFields = {
  tenantId: 'demo',
  seq: 7,
  occurredAt: new Date('2026-03-01T10:00:00.123Z'),
  type: 'login.succeeded',
  outcome: 'success',
  accountId: 'acc-1',
  actor: 'account:acc-1',
  targetType: null,
  targetId: null,
  details: { method: 'password', nested: { b: 2, a: [1, 'x'] } },
  ipHash: null,
  userAgentHash: null,
  prevHash: GENESIS_HASH,
};

describe('canonical serialisation and event hash', () => {
  it('does not depend on key order at any depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"y":2,"z":1}]},"b":1}');
    const reordered = { ...base, details: { nested: { a: [1, 'x'], b: 2 }, method: 'password' } };
    expect(computeEventHash(reordered)).toBe(computeEventHash(base));
  });

  it('leaves out keys whose value is undefined (a database drops them), and writes undefined in a list as null', () => {
    expect(canonicalJson({ b: 1, a: undefined })).toBe(canonicalJson({ b: 1 }));
    expect(canonicalJson([undefined, null, Number.NaN, Infinity])).toBe('[null,null,null,null]');
    expect(canonicalJson({ z: 'x', m: true, a: 1.5 })).toBe('{"a":1.5,"m":true,"z":"x"}');
    // The first event of every chain links to 64 zeros: what an outside verifier starts from.
    expect(GENESIS_HASH).toBe('0000000000000000000000000000000000000000000000000000000000000000');
  });

  it('treats a missing optional field like null, and dates as ISO text', () => {
    const { accountId: _omitted, ...rest } = base;
    expect(computeEventHash({ ...rest, accountId: undefined as unknown as null })).toBe(
      computeEventHash({ ...base, accountId: null }),
    );
    expect(canonicalJson(new Date('2026-03-01T10:00:00.123Z'))).toBe('"2026-03-01T10:00:00.123Z"');
  });

  it('changes when any covered field changes', () => {
    const original = computeEventHash(base);
    expect(original).toMatch(/^[0-9a-f]{64}$/);
    const variants: Partial<HashedFields>[] = [
      { tenantId: 'other' },
      { seq: 8 },
      { occurredAt: new Date('2026-03-01T10:00:00.124Z') },
      { type: 'logout' },
      { outcome: 'denied' },
      { accountId: 'acc-2' },
      { actor: 'staff:x' },
      { targetType: 'document' },
      { targetId: 'doc-1' },
      { details: { method: 'password', nested: { b: 3, a: [1, 'x'] } } },
      { ipHash: 'a'.repeat(64) },
      { userAgentHash: 'b'.repeat(64) },
      { prevHash: 'c'.repeat(64) },
    ];
    for (const variant of variants) expect(computeEventHash({ ...base, ...variant })).not.toBe(original);
  });
});
