import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous } from '../../domain/principal.js';
import { DEMO } from '../../nextcloud/simulator/demo-data.js';
import { signInCustomer } from '../../test/customers.js';
import { startTestGateway, type GraphQLBody, type TestGateway } from '../../test/gateway.js';
import { signInStaff } from '../../test/staff.js';

/**
 * Issue 14 item 11: "DPO needs a person, not an id". A DPO asks by the address the person wrote
 * in and gets their accounts (closed and pseudonymised ones through the address's keyed
 * fingerprint), exports, closure, retention and every event about them, paged — while the trail
 * itself never holds the address.
 */
let gateway: TestGateway;
const JAN = DEMO.demo.janJansen;
const UNKNOWN = 'Niemand.Bekend@Example.nl';
const REPORT = `query ($tenantId: ID!, $email: String!, $first: Int, $after: String) {
  dataSubjectReport(tenantId: $tenantId, email: $email, first: $first, after: $after) {
    tenantId auditEventCount
    accounts { id type status matchedBy pseudonymised createdAt closedAt closureRequestedAt
      exports { id requestedAt readyAt downloads }
      retention { outcome heldUntil reasons } }
    auditEvents { totalCount }
  } }`;
const PAGE = `query ($email: String!, $first: Int, $after: String) {
  dataSubjectReport(tenantId: "demo", email: $email, first: $first, after: $after) {
    auditEvents { totalCount edges { node { seq type accountId } } pageInfo { hasNextPage endCursor } } } }`;

interface Report {
  tenantId: string;
  auditEventCount: number;
  accounts: Array<{
    id: string;
    status: string;
    matchedBy: string;
    pseudonymised: boolean;
    closedAt: string | null;
    exports: Array<{ id: string; requestedAt: string; readyAt: string | null }>;
    retention: { outcome: string; heldUntil: string | null; reasons: string[] } | null;
  }>;
}
const codeOf = (body: GraphQLBody) => body.errors?.[0]?.extensions?.code;
const auditDocs = () => gateway.connection.db!.collection('audit_events');

beforeAll(async () => {
  gateway = await startTestGateway({}, { jobs: { start: false } });
});
afterAll(async () => {
  await gateway?.close();
});

async function report(email: string, headers: Record<string, string>, tenantId = 'demo') {
  const { body } = await gateway.graphql(REPORT, { tenantId, email }, headers);
  return body;
}

describe('dataSubjectReport', () => {
  let janId: string;

  it('finds an active customer by address, whatever its case and spaces, with every event about them', async () => {
    const jan = await signInCustomer(gateway, 'jan');
    const requested = await gateway.graphql('mutation { requestDataExport { id } }', {}, jan.headers);
    const exportId = (requested.body.data?.requestDataExport as { id: string }).id;
    const dpo = await signInStaff(gateway, 'dpo');
    const body = await report(`  ${JAN.email.toUpperCase()} `, dpo.headers);
    expect(body.errors).toBeUndefined();
    const found = body.data!.dataSubjectReport as Report;
    expect(found.accounts).toHaveLength(1);
    const [account] = found.accounts;
    janId = account!.id;
    expect(account).toMatchObject({
      status: 'ACTIVE',
      matchedBy: 'EMAIL',
      pseudonymised: false,
      closedAt: null,
      retention: null,
    });
    expect(account!.exports.map((e) => e.id)).toEqual([exportId]);
    const stored = await auditDocs().countDocuments({ tenantId: 'demo', accountId: janId });
    expect(stored).toBeGreaterThan(1);
    expect(found.auditEventCount).toBe(stored);
  });

  it('finds a sign-in with an address that names no account, by a keyed fingerprint; the trail holds no address', async () => {
    const response = await gateway.graphql(
      'mutation ($input: SignInInput!) { signIn(input: $input) { status } }',
      { input: { email: UNKNOWN, password: 'wrong-password-123' } },
      { 'x-portal-tenant': 'demo', 'x-forwarded-for': '10.9.8.7' },
    );
    expect(codeOf(response.body)).toBe('INVALID_CREDENTIALS');
    const failed = await auditDocs().find({ tenantId: 'demo', type: 'login.failed', accountId: null }).toArray();
    const withSubject = failed.filter((doc) => doc.subjectHash);
    expect(withSubject).toHaveLength(1);
    expect(withSubject[0]!.subjectHash).toMatch(/^[0-9a-f]{64}$/);
    for (const doc of await auditDocs().find({ tenantId: 'demo' }).toArray())
      expect(JSON.stringify(doc).toLowerCase()).not.toContain('niemand');

    const dpo = await signInStaff(gateway, 'dpo');
    const found = (await report(UNKNOWN.toLowerCase(), dpo.headers)).data!.dataSubjectReport as Report;
    expect(found.accounts).toEqual([]);
    expect(found.auditEventCount).toBe(1);
    const page = await gateway.graphql(PAGE, { email: UNKNOWN }, dpo.headers);
    const events = (page.body.data!.dataSubjectReport as { auditEvents: { edges: Array<{ node: { type: string } }> } })
      .auditEvents;
    expect(events.edges.map((e) => e.node.type)).toEqual(['login.failed']);
    // Another tenant's fingerprint of the same address differs: nothing links the two tenants.
    const otherDpo = await signInStaff(gateway, 'dpo', 'other');
    const other = (await report(UNKNOWN, otherDpo.headers, 'other')).data!.dataSubjectReport as Report;
    expect(other.auditEventCount).toBe(0);
  });

  it('still finds the person once the account is closed and holds only the fingerprint, with closure and retention', async () => {
    const tenant = gateway.services.tenants.get('demo')!;
    await gateway.services.accounts.setStatus(tenant, janId, 'CLOSED', {
      principal: anonymous,
      meta: { ip: null, userAgent: null },
    });
    const stored = await gateway.connection.db!.collection('accounts').findOne({ _id: janId as never });
    expect(stored!.email).not.toBe(JAN.email);
    const dpo = await signInStaff(gateway, 'dpo');
    const found = (await report(JAN.email, dpo.headers)).data!.dataSubjectReport as Report;
    expect(found.accounts).toHaveLength(1);
    expect(found.accounts[0]).toMatchObject({ id: janId, status: 'CLOSED', matchedBy: 'EMAIL_FINGERPRINT' });
    expect(found.accounts[0]!.closedAt).not.toBeNull();
    expect(found.accounts[0]!.retention?.outcome).toBe('HELD');
    expect(found.accounts[0]!.retention?.heldUntil).not.toBeNull();
    expect(found.auditEventCount).toBe(await auditDocs().countDocuments({ tenantId: 'demo', accountId: janId }));
  });

  it('pages the events newest first, with a cursor', async () => {
    const dpo = await signInStaff(gateway, 'dpo');
    type Page = {
      auditEvents: {
        totalCount: number;
        edges: Array<{ node: { seq: number } }>;
        pageInfo: { hasNextPage: boolean; endCursor: string };
      };
    };
    const first = (
      (await gateway.graphql(PAGE, { email: JAN.email, first: 2 }, dpo.headers)).body.data!.dataSubjectReport as Page
    ).auditEvents;
    expect(first.edges).toHaveLength(2);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const next = (
      (await gateway.graphql(PAGE, { email: JAN.email, first: 2, after: first.pageInfo.endCursor }, dpo.headers)).body.data!
        .dataSubjectReport as Page
    ).auditEvents;
    const seqs = [...first.edges, ...next.edges].map((e) => e.node.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(seqs.length).toBe(Math.min(4, first.totalCount));
  });

  it("is the DPO's: not the admin's, not another tenant's DPO, not a customer's; a non-address is refused", async () => {
    const admin = await signInStaff(gateway, 'admin');
    expect(codeOf(await report(JAN.email, admin.headers))).toBe('FORBIDDEN');
    const otherDpo = await signInStaff(gateway, 'dpo', 'other');
    expect(codeOf(await report(JAN.email, otherDpo.headers))).toBe('FORBIDDEN');
    const customer = await signInCustomer(gateway, 'bakkerij');
    expect(['FORBIDDEN', 'UNAUTHENTICATED']).toContain(codeOf(await report(JAN.email, customer.headers)));
    const dpo = await signInStaff(gateway, 'dpo');
    expect(codeOf(await report('not an address', dpo.headers))).toBe('BAD_USER_INPUT');
  });

  it('audits each lookup without the address, with what it found', async () => {
    const dpo = await signInStaff(gateway, 'dpo');
    const found = (await report(JAN.email, dpo.headers)).data!.dataSubjectReport as Report & {
      auditEvents: { totalCount: number };
    };
    const [newest] = await auditDocs()
      .find({ tenantId: 'demo', type: 'audit.exported', 'details.view': 'data-subject-report' })
      .sort({ seq: -1 })
      .limit(1)
      .toArray();
    expect(newest!.actor).toMatch(/dpo/);
    expect(newest!.details).toEqual({
      view: 'data-subject-report',
      accounts: found.accounts.length,
      events: found.auditEvents.totalCount,
    });
    const lookups = await auditDocs()
      .find({ tenantId: 'demo', type: 'audit.exported', 'details.view': 'data-subject-report' })
      .toArray();
    expect(lookups.length).toBeGreaterThanOrEqual(5);
    for (const doc of lookups) {
      expect(doc.actor).toMatch(/dpo/);
      expect(JSON.stringify(doc)).not.toContain('jan.jansen');
    }
  });
});
