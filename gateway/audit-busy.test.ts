import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { AUDIT_LEASE_COLLECTION } from '../domain/audit/index.js';
import { createTestAuditService } from '../domain/audit/audit.test-support.js';
import { useTestGateway } from '../test/gateway.js';
import { DEMO_STAFF, STAFF_SIGN_IN, signInStaff } from '../test/staff.js';

/**
 * Another replica holds the demo tenant's audit writer lease and never lets go (it died, or hangs).
 * An audited mutation then answers 503 SERVICE_UNAVAILABLE with Retry-After after a bounded wait,
 * without doing the action; retried after Retry-After, it succeeds (the lease is taken over).
 */
describe('an audited mutation while another replica holds the audit lease', () => {
  const gateway = useTestGateway();

  it('answers 503 with Retry-After, does nothing, and succeeds when retried after Retry-After', async () => {
    const gw = gateway();
    await signInStaff(gw, 'admin'); // the gateway's writer now remembers the demo chain's tail

    // The other replica writes an event (so this one's tail is stale) and keeps its lease.
    const otherReplica = await createTestAuditService(gw.connection, { turns: false });
    await otherReplica.append({ tenantId: 'demo', type: 'logout' });
    await gw.connection.collection(AUDIT_LEASE_COLLECTION).insertOne({
      _id: 'demo:lease',
      tenantId: 'demo',
      holder: 'other-replica',
      token: 'stuck',
      acquiredAt: new Date(),
    } as never);
    const sessions = () => gw.connection.collection('staffSessions').countDocuments();
    const sessionsBefore = await sessions();
    const signIn = () =>
      gw.graphql(STAFF_SIGN_IN, { input: { tenantId: 'demo', ...DEMO_STAFF.admin } }, { 'x-portal-tenant': 'demo' });

    const started = performance.now();
    const raw = await fetch(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-portal-tenant': 'demo' },
      body: JSON.stringify({ query: STAFF_SIGN_IN, variables: { input: { tenantId: 'demo', ...DEMO_STAFF.admin } } }),
    });
    const refused = { status: raw.status, body: (await raw.json()) as Awaited<ReturnType<typeof signIn>>['body'] };
    expect(refused.status).toBe(503);
    expect(raw.headers.get('retry-after')).toBe('2');
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryAfter: 2 });
    expect(JSON.stringify(refused.body)).not.toMatch(/other-replica|audit trail of tenant|demo:lease/);
    expect(performance.now() - started).toBeLessThan(4_000);
    expect(await sessions()).toBe(sessionsBefore); // no session without its audit event

    const metrics = await (await fetch(`${gw.url}/metrics`)).text();
    expect(metrics).toMatch(/^portal_audit_write_busy_total 1$/m);
    expect(metrics).toMatch(/^portal_audit_write_waits_total [1-9]/m);
    expect(metrics).toMatch(/^portal_audit_write_collisions_total [1-9]/m);
    expect(metrics).toMatch(/^portal_audit_write_wait_seconds_count [1-9]/m);

    // The client does what Retry-After says. By then the lease counts as abandoned (taken over if
    // this writer meets competition again); the lease is only for fairness, so a writer whose tail
    // is current simply writes.
    await sleep(Number(refused.body.errors![0]!.extensions!.retryAfter) * 1000);
    const retried = await signIn();
    expect(retried.status).toBe(200);
    expect(retried.body.errors).toBeUndefined();
    expect(await sessions()).toBe(sessionsBefore + 1);
    const verification = await gw.services.audit.verify('demo');
    expect(verification).toMatchObject({ intact: true });
    // the first sign-in and the retried one: the refused attempt left no event.
    expect(await gw.services.audit.count('demo', { eventType: 'staff.signed-in' })).toBe(2);
  });
});
