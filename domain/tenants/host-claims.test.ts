import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../test/db.js';
import type { HostClaim } from './config/hosts.js';
import { HostClaims } from './host-claims.js';

/**
 * The register that keeps a host with one tenant (real database). Each test uses its own host
 * names, so the tests do not see each other's claims.
 */
const db = useTestDatabase();
const claims = () => new HostClaims(db());
const domain = (host: string): HostClaim => ({ host, field: 'customDomain' });
const sub = (host: string): HostClaim => ({ host, field: 'subdomain' });

describe('host claims', () => {
  it('claims new hosts and keeps the ones the tenant already holds, without calling them new', async () => {
    expect(await claims().claim('t1', [domain('a1.example.nl'), sub('a1.*')])).toEqual({
      conflicts: [],
      added: ['a1.example.nl', 'a1.*'],
    });
    expect(await claims().claim('t1', [domain('a1.example.nl'), sub('a1.*'), domain('a2.example.nl')])).toEqual({
      conflicts: [],
      added: ['a2.example.nl'],
    });
  });

  it("names another tenant's host as a conflict, and lets go of what this call had just claimed", async () => {
    await claims().claim('t1', [sub('b1.*')]);
    const result = await claims().claim('t2', [domain('b2.example.nl'), domain('b1.*')]);
    expect(result).toEqual({
      conflicts: [{ claim: domain('b1.*'), owner: { id: 't1', field: 'subdomain' } }],
      added: [],
    });
    // b2 was released again: a third tenant can take it.
    expect(await claims().claim('t3', [domain('b2.example.nl')])).toEqual({ conflicts: [], added: ['b2.example.nl'] });
  });

  it('releases every host of the tenant but the ones it keeps, and nobody else’s', async () => {
    await claims().claim('t1', [domain('c1.example.nl'), domain('c2.example.nl')]);
    await claims().claim('t2', [domain('c3.example.nl')]);
    await claims().releaseAllBut('t1', ['c1.example.nl']);
    const taken = await claims().claim('t4', [domain('c1.example.nl'), domain('c2.example.nl'), domain('c3.example.nl')]);
    expect(taken.conflicts.map((c) => [c.claim.host, c.owner.id])).toEqual([
      ['c1.example.nl', 't1'],
      ['c3.example.nl', 't2'],
    ]);
  });

  it('releases the named hosts of the tenant only', async () => {
    await claims().claim('t1', [domain('d1.example.nl'), domain('d2.example.nl')]);
    await claims().claim('t2', [domain('d3.example.nl')]);
    await claims().releaseHosts('t1', ['d1.example.nl', 'd3.example.nl']);
    const taken = await claims().claim('t5', [domain('d1.example.nl'), domain('d2.example.nl'), domain('d3.example.nl')]);
    expect(taken.conflicts.map((c) => c.claim.host)).toEqual(['d2.example.nl', 'd3.example.nl']);
  });

  it('lets go of what the call had claimed and fails when the database refuses a claim for another reason', async () => {
    // An empty host is no host: the register refuses to store it (not a duplicate, so no conflict either).
    await expect(claims().claim('t1', [domain('e1.example.nl'), domain('')])).rejects.toThrow();
    expect(await claims().claim('t2', [domain('e1.example.nl')])).toEqual({ conflicts: [], added: ['e1.example.nl'] });
  });

  it('claims nothing and releases nothing when asked for no hosts', async () => {
    await claims().claim('t1', [domain('f1.example.nl')]);
    expect(await claims().claim('t1', [])).toEqual({ conflicts: [], added: [] });
    await claims().releaseHosts('t1', []);
    expect((await claims().claim('t6', [domain('f1.example.nl')])).conflicts).toHaveLength(1);
  });

  it('stores each claim as host, tenant, field and time in tenantHostClaims, where other processes look', async () => {
    const at = new Date('2026-05-01T12:00:00Z');
    await claims().claim('t7', [domain('g1.example.nl')], at);
    const stored = await db()
      .collection('tenantHostClaims')
      .findOne({ _id: 'g1.example.nl' as never });
    expect(stored).toEqual({ _id: 'g1.example.nl', tenantId: 't7', field: 'customDomain', claimedAt: at });
  });

  it('refuses a claim that names no tenant or no field, so no host is ever held by nobody', async () => {
    await expect(claims().claim('', [domain('h1.example.nl')])).rejects.toThrow();
    await expect(claims().claim('t8', [{ host: 'h2.example.nl', field: '' as never }])).rejects.toThrow();
    expect(await claims().claim('t9', [domain('h1.example.nl'), domain('h2.example.nl')])).toEqual({
      conflicts: [],
      added: ['h1.example.nl', 'h2.example.nl'],
    });
  });
});
