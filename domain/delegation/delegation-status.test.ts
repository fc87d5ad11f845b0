import { describe, expect, it } from 'vitest';
import { delegationStatusOf, isLive } from './delegation-status.js';

const at = (iso: string) => new Date(iso);
const grant = (over: Partial<Parameters<typeof delegationStatusOf>[0]> = {}) => ({
  validFrom: at('2026-03-01T00:00:00Z'),
  validUntil: at('2026-04-01T00:00:00Z'),
  revokedAt: null,
  granteeAccountId: 'acc-1',
  ...over,
});

describe('delegation validity', () => {
  it('is live from validFrom (inclusive) until validUntil (exclusive)', () => {
    expect(isLive(grant(), at('2026-02-28T23:59:59Z'))).toBe(false);
    expect(isLive(grant(), at('2026-03-01T00:00:00Z'))).toBe(true);
    expect(isLive(grant(), at('2026-03-31T23:59:59Z'))).toBe(true);
    expect(isLive(grant(), at('2026-04-01T00:00:00Z'))).toBe(false);
  });

  it('without an end date it lasts until revoked', () => {
    expect(isLive(grant({ validUntil: null }), at('2036-01-01T00:00:00Z'))).toBe(true);
    expect(isLive(grant({ validUntil: null, revokedAt: at('2026-03-02T00:00:00Z') }), at('2026-03-03T00:00:00Z'))).toBe(false);
  });

  it('names each state', () => {
    const now = at('2026-03-15T00:00:00Z');
    expect(delegationStatusOf(grant(), now)).toBe('ACTIVE');
    expect(delegationStatusOf(grant({ granteeAccountId: null }), now)).toBe('PENDING');
    expect(delegationStatusOf(grant({ validFrom: at('2026-03-20T00:00:00Z') }), now)).toBe('SCHEDULED');
    expect(delegationStatusOf(grant(), at('2026-04-02T00:00:00Z'))).toBe('EXPIRED');
    expect(delegationStatusOf(grant({ granteeAccountId: null }), at('2026-04-02T00:00:00Z'))).toBe('EXPIRED');
    expect(delegationStatusOf(grant({ revokedAt: now }), now)).toBe('REVOKED');
  });

  it('names the edges: start and end instants, no end date, unbound future grants, revoked after expiry', () => {
    expect(delegationStatusOf(grant(), at('2026-03-01T00:00:00Z'))).toBe('ACTIVE');
    expect(delegationStatusOf(grant(), at('2026-04-01T00:00:00Z'))).toBe('EXPIRED');
    expect(delegationStatusOf(grant(), at('2026-03-31T23:59:59Z'))).toBe('ACTIVE');
    expect(delegationStatusOf(grant({ validUntil: null }), at('2036-01-01T00:00:00Z'))).toBe('ACTIVE');
    expect(
      delegationStatusOf(grant({ granteeAccountId: null, validFrom: at('2026-03-20T00:00:00Z') }), at('2026-03-15T00:00:00Z')),
    ).toBe('PENDING');
    expect(delegationStatusOf(grant({ revokedAt: at('2026-03-02T00:00:00Z') }), at('2026-05-01T00:00:00Z'))).toBe('REVOKED');
  });
});
