import { describe, expect, it } from 'vitest';
import { AUDIT_EVENT_TYPES } from '../domain/audit/index.js';
import { useTestGateway } from '../test/gateway.js';
import { signInCustomer } from '../test/customers.js';
import { signInStaff } from '../test/staff.js';

const AUDIT_EVENTS = `query ($tenantId: ID!, $first: Int, $after: String, $filter: AuditEventFilter) {
  auditEvents(tenantId: $tenantId, first: $first, after: $after, filter: $filter) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { id seq type outcome actor details prevHash hash } }
  }
}`;

describe('reading the audit trail (staff)', () => {
  const gw = useTestGateway();

  it('records staff sign-ins, including refused ones, and lets ADMIN and DPO read them newest first', async () => {
    await gw().graphql(
      'mutation { staffSignIn(input: { tenantId: "demo", loginName: "admin", appPassword: "nope" }) { token } }',
    );
    const admin = await signInStaff(gw(), 'admin');
    const dpo = await signInStaff(gw(), 'dpo');
    for (const who of [admin, dpo]) {
      const { body } = await gw().graphql(
        AUDIT_EVENTS,
        { tenantId: 'demo', filter: { eventType: 'staff.signed-in' } },
        who.headers,
      );
      expect(body.errors).toBeUndefined();
      const connection = body.data!.auditEvents as { totalCount: number; edges: Array<{ node: Record<string, unknown> }> };
      const nodes = connection.edges.map((edge) => edge.node);
      expect(nodes.map((n) => [n.actor, n.outcome])).toEqual(
        expect.arrayContaining([
          ['staff:admin', 'denied'],
          ['staff:admin', 'success'],
          ['staff:dpo', 'success'],
        ]),
      );
      const seqs = nodes.map((n) => n.seq as number);
      expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
      expect(JSON.stringify(nodes)).not.toContain('nope');
    }
  });

  it('pages with cursors and filters by outcome', async () => {
    const admin = await signInStaff(gw(), 'admin');
    const first = await gw().graphql(AUDIT_EVENTS, { tenantId: 'demo', first: 2 }, admin.headers);
    const page1 = first.body.data!.auditEvents as {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string };
      edges: Array<{ node: { seq: number } }>;
    };
    expect(page1.edges).toHaveLength(2);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const second = await gw().graphql(
      AUDIT_EVENTS,
      { tenantId: 'demo', first: 2, after: page1.pageInfo.endCursor },
      admin.headers,
    );
    const page2 = second.body.data!.auditEvents as { edges: Array<{ node: { seq: number } }> };
    expect(page2.edges[0]!.node.seq).toBeLessThan(page1.edges[1]!.node.seq);

    const denied = await gw().graphql(AUDIT_EVENTS, { tenantId: 'demo', filter: { outcome: 'denied' } }, admin.headers);
    const outcomes = (denied.body.data!.auditEvents as { edges: Array<{ node: { outcome: string } }> }).edges.map(
      (e) => e.node.outcome,
    );
    expect(new Set(outcomes)).toEqual(new Set(['denied']));

    const bad = await gw().graphql(
      AUDIT_EVENTS,
      { tenantId: 'demo', filter: { eventType: 'nope', outcome: 'maybe' } },
      admin.headers,
    );
    expect(bad.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.body.errors?.[0]?.extensions?.problems).toHaveLength(2);
  });

  it('lists the recorded event types for filters, to staff only', async () => {
    const dpo = await signInStaff(gw(), 'dpo');
    const { body } = await gw().graphql('{ auditEventTypes }', undefined, dpo.headers);
    const types = body.data!.auditEventTypes as string[];
    expect(types).toHaveLength(AUDIT_EVENT_TYPES.length);
    expect(types).toEqual(expect.arrayContaining(['login.succeeded', 'staff.signed-in', 'audit.exported']));
    expect((await gw().graphql('{ auditEventTypes }')).body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('verifies the chain', async () => {
    const dpo = await signInStaff(gw(), 'dpo');
    const { body } = await gw().graphql(
      'query { verifyAuditTrail(tenantId: "demo") { intact checkedEvents firstBrokenSeq reason lastSeq } }',
      undefined,
      dpo.headers,
    );
    expect(body.data!.verifyAuditTrail).toMatchObject({ intact: true, firstBrokenSeq: null, reason: null });
    expect((body.data!.verifyAuditTrail as { checkedEvents: number }).checkedEvents).toBeGreaterThan(2);
  });

  it('refuses anonymous callers and another tenant’s staff', async () => {
    const anonymous = await gw().graphql(AUDIT_EVENTS, { tenantId: 'demo' });
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(anonymous.body.data).toBeNull();
    const otherAdmin = await signInStaff(gw(), 'admin', 'other');
    const foreign = await gw().graphql(AUDIT_EVENTS, { tenantId: 'demo' }, otherAdmin.headers);
    expect(foreign.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // The same token on the demo tenant's address is not a session there at all.
    const crossed = await gw().graphql(AUDIT_EVENTS, { tenantId: 'demo' }, { ...otherAdmin.headers, 'x-portal-tenant': 'demo' });
    expect(crossed.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('shows a customer only their own events, and never the staff trail', async () => {
    const jan = await signInCustomer(gw(), 'jan');
    await signInCustomer(gw(), 'bakkerij');
    const { body } = await gw().graphql(
      '{ myAuditEvents(first: 50) { totalCount edges { node { type outcome accountId actor } } } }',
      undefined,
      jan.headers,
    );
    const nodes = (
      body.data!.myAuditEvents as { edges: Array<{ node: { type: string; accountId: string; actor: string } }> }
    ).edges.map((e) => e.node);
    expect(nodes.some((n) => n.type === 'login.succeeded')).toBe(true);
    expect(new Set(nodes.map((n) => n.accountId)).size).toBe(1);
    const staffTrail = await gw().graphql(AUDIT_EVENTS, { tenantId: 'demo' }, jan.headers);
    expect(staffTrail.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const rest = await fetch(`${gw().url}/portal/api/admin/audit-events?tenantId=demo`, { headers: jan.headers });
    expect(rest.status).toBe(403);
    expect(await rest.text()).not.toContain('login.succeeded');
  });

  describe('GET /portal/api/admin/audit-events', () => {
    const get = (query: string, headers: Record<string, string> = {}) =>
      fetch(`${gw().url}/portal/api/admin/audit-events?${query}`, { headers });

    it('answers JSON pages with a cursor', async () => {
      const admin = await signInStaff(gw(), 'admin');
      const response = await get('tenantId=demo&limit=1', { authorization: admin.headers.authorization! });
      expect(response.status).toBe(200);
      const page = (await response.json()) as { events: Array<{ seq: number; type: string }>; nextCursor: string };
      expect(page.events).toHaveLength(1);
      const next = (await (
        await get(`tenantId=demo&limit=1&cursor=${encodeURIComponent(page.nextCursor)}`, {
          authorization: admin.headers.authorization!,
        })
      ).json()) as {
        events: Array<{ seq: number }>;
      };
      expect(next.events[0]!.seq).toBe(page.events[0]!.seq - 1);
    });

    it('streams CSV and NDJSON of the whole selection, and audits each export', async () => {
      const dpo = await signInStaff(gw(), 'dpo');
      const csv = await get('tenantId=demo&format=csv&eventType=staff.signed-in', { authorization: dpo.headers.authorization! });
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toContain('text/csv');
      expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="audit-demo-.*\.csv"$/);
      const lines = (await csv.text()).trim().split('\n');
      expect(lines[0]).toContain('seq');
      expect(lines.length).toBeGreaterThan(3);

      const ndjson = await get('tenantId=demo&format=ndjson', { authorization: dpo.headers.authorization! });
      const events = (await ndjson.text())
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { seq: number; type: string });
      const seqs = events.map((e) => e.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      expect(events.some((e) => e.type === 'audit.exported')).toBe(true);

      const exports = (await (
        await get('tenantId=demo&eventType=audit.exported', { authorization: dpo.headers.authorization! })
      ).json()) as {
        events: unknown[];
      };
      expect(exports.events).toHaveLength(2);
    });

    it('refuses anonymous callers (401), unknown formats (400) and another tenant’s staff', async () => {
      expect((await get('tenantId=demo')).status).toBe(401);
      const admin = await signInStaff(gw(), 'admin');
      const badFormat = await get('tenantId=demo&format=xml', { authorization: admin.headers.authorization! });
      expect(badFormat.status).toBe(400);
      const other = await signInStaff(gw(), 'admin', 'other');
      const foreign = await get('tenantId=demo', { authorization: other.headers.authorization! });
      expect([401, 403]).toContain(foreign.status);
      expect(await foreign.text()).not.toContain('staff.signed-in');
      expect((await get('tenantId=nope', { authorization: admin.headers.authorization! })).status).toBe(404);
    });
  });
});
