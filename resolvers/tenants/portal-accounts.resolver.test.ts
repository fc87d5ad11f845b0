import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { accountRecord } from '../../domain/accounts/account.test-support.js';
import type { AccountStatus, AccountType } from '../../domain/accounts/account.types.js';
import { DEMO_CUSTOMER_PASSWORD } from '../../domain/accounts/demo-accounts.js';
import { DEMO } from '../../nextcloud/simulator/demo-data.js';
import { useTestGateway, type GraphQLBody } from '../../test/gateway.js';
import { signInStaff } from '../../test/staff.js';

const ACCOUNTS = `query ($tenantId: ID!, $first: Int, $after: String, $filter: PortalAccountFilter) {
  portalAccounts(tenantId: $tenantId, first: $first, after: $after, filter: $filter) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { id email type status lastSignInAt createdAt contactName } } } }`;
const SET_STATUS = `mutation ($tenantId: ID!, $accountId: ID!, $status: AccountStatus!) {
  setPortalAccountStatus(tenantId: $tenantId, accountId: $accountId, status: $status) { id email status } }`;
const SIGN_IN = 'mutation ($input: SignInInput!) { signIn(input: $input) { status } }';
const VIEWER = '{ viewer { __typename } }';

type Node = {
  id: string;
  email: string;
  type: string;
  status: string;
  lastSignInAt: string | null;
  createdAt: string;
  contactName: string | null;
};
type Page = {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: Array<{ cursor: string; node: Node }>;
};
const codeOf = (body: GraphQLBody) => body.errors?.[0]?.extensions?.code;

describe('portal accounts for the tenant admin', () => {
  const gw = useTestGateway();
  const adminHeaders = async () => (await signInStaff(gw(), 'admin')).headers;
  const list = async (variables: Record<string, unknown> = {}) => {
    const { body } = await gw().graphql(ACCOUNTS, { tenantId: 'demo', ...variables }, await adminHeaders());
    expect(body.errors).toBeUndefined();
    return body.data!.portalAccounts as Page;
  };

  /** A B2C person account without a contact, so its name comes from the person client. */
  async function createSophie(status: AccountStatus = 'INVITED', type: AccountType = 'B2C') {
    const id = randomUUID();
    await gw().services.accounts.repository.create(
      accountRecord({
        id,
        tenantId: 'demo',
        email: `sophie.${id.slice(0, 8)}@example.nl`,
        type,
        status,
        clientId: DEMO.demo.noAccount.sophieVisser.clientId,
        invitedBy: 'test',
        activatedAt: null,
      }),
    );
    return id;
  }

  async function customerSignIn(email: string) {
    const response = await fetch(`${gw().url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: SIGN_IN, variables: { input: { email, password: DEMO_CUSTOMER_PASSWORD } } }),
    });
    const body = (await response.json()) as GraphQLBody;
    const cookie = response.headers
      .getSetCookie()
      .find((c) => c.startsWith('portal_session='))
      ?.split(';')[0];
    return { body, headers: cookie ? { cookie } : ({} as Record<string, string>) };
  }

  it("lists the tenant's accounts with type, status, dates and the linked person's name", async () => {
    const sophie = await createSophie();
    const headers = await adminHeaders();
    const demo = gw().simulator.instance('demo');
    demo.clearCalls();
    const { body } = await gw().graphql(ACCOUNTS, { tenantId: 'demo' }, headers);
    const page = body.data!.portalAccounts as Page;
    // The names of the whole page cost one batched call for contacts and one for person clients.
    const calls = demo.calls();
    expect(calls.filter((call) => decodeURIComponent(call.query).includes('_ids'))).toHaveLength(2);
    expect(calls.filter((call) => /\/objects\/[^/]+\/[^/]+\/[^/]+$/.test(call.path))).toEqual([]);
    const byEmail = new Map(page.edges.map((edge) => [edge.node.email, edge.node]));
    expect(page.totalCount).toBe(3);
    expect(byEmail.get(DEMO.demo.janJansen.email)).toMatchObject({ type: 'B2C', status: 'ACTIVE', contactName: 'Jan Jansen' });
    expect(byEmail.get(DEMO.demo.bakkerij.email)).toMatchObject({ type: 'B2B', status: 'ACTIVE', contactName: 'Sanne de Groot' });
    expect(page.edges[0]!.node).toMatchObject({
      id: sophie,
      status: 'INVITED',
      contactName: 'Sophie Visser',
      lastSignInAt: null,
    });
    // Another tenant's customers never appear.
    expect(byEmail.has(DEMO.other.pietDeVries.email)).toBe(false);
  });

  it('filters by status, type and part of the email, case-insensitively', async () => {
    expect((await list({ filter: { type: 'B2B' } })).edges.map((e) => e.node.email)).toEqual([DEMO.demo.bakkerij.email]);
    expect((await list({ filter: { status: 'INVITED' } })).edges.every((e) => e.node.status === 'INVITED')).toBe(true);
    const search = await list({ filter: { emailContains: 'JAN.Jansen' } });
    expect(search.totalCount).toBe(1);
    expect(search.edges[0]!.node.email).toBe(DEMO.demo.janJansen.email);
    // Regex characters are matched literally.
    expect((await list({ filter: { emailContains: '.*' } })).totalCount).toBe(0);
    expect((await list({ filter: { status: 'ACTIVE', type: 'B2C', emailContains: 'bakker' } })).totalCount).toBe(0);
  });

  it('pages newest first with stable cursors', async () => {
    const all = await list();
    const first = await list({ first: 2 });
    expect(first.edges).toHaveLength(2);
    expect(first.pageInfo.hasNextPage).toBe(true);
    expect(first.totalCount).toBe(all.totalCount);
    const rest = await list({ first: 2, after: first.pageInfo.endCursor });
    expect([...first.edges, ...rest.edges].map((e) => e.node.id)).toEqual(all.edges.map((e) => e.node.id));
    expect(rest.pageInfo.hasNextPage).toBe(false);
    const created = all.edges.map((e) => new Date(e.node.createdAt).getTime());
    expect(created).toEqual([...created].sort((a, b) => b - a));
    const bad = await gw().graphql(ACCOUNTS, { tenantId: 'demo', after: 'garbage' }, await adminHeaders());
    expect(codeOf(bad.body)).toBe('BAD_USER_INPUT');
  });

  it('blocks an account: its session ends and it cannot sign in; unblocking restores access; both audited', async () => {
    const jan = await customerSignIn(DEMO.demo.janJansen.email);
    expect(jan.body.errors).toBeUndefined();
    expect((await gw().graphql(VIEWER, undefined, jan.headers)).body.data).toEqual({ viewer: { __typename: 'CustomerViewer' } });
    const id = (await list({ filter: { emailContains: 'jan.jansen' } })).edges[0]!.node.id;

    const blocked = await gw().graphql(SET_STATUS, { tenantId: 'demo', accountId: id, status: 'BLOCKED' }, await adminHeaders());
    expect(blocked.body.data?.setPortalAccountStatus).toEqual({ id, email: DEMO.demo.janJansen.email, status: 'BLOCKED' });
    expect((await gw().graphql(VIEWER, undefined, jan.headers)).body.data).toEqual({ viewer: null });
    expect(codeOf((await customerSignIn(DEMO.demo.janJansen.email)).body)).toBe('FORBIDDEN');

    const unblocked = await gw().graphql(SET_STATUS, { tenantId: 'demo', accountId: id, status: 'ACTIVE' }, await adminHeaders());
    expect(unblocked.body.data?.setPortalAccountStatus).toMatchObject({ status: 'ACTIVE' });
    const again = await customerSignIn(DEMO.demo.janJansen.email);
    expect(again.body.data?.signIn).toEqual({ status: 'SIGNED_IN' });

    const { events } = await gw().services.audit.list('demo', { eventType: 'account.status-changed' });
    expect(events.slice(0, 2).map((e) => [e.actor, e.targetId, e.details])).toEqual([
      ['staff:admin', id, { from: 'BLOCKED', to: 'ACTIVE' }],
      ['staff:admin', id, { from: 'ACTIVE', to: 'BLOCKED' }],
    ]);
  });

  it('answers NOT_FOUND for an account of another tenant', async () => {
    const other = await gw().services.accounts.repository.findByEmail('other', DEMO.other.pietDeVries.email);
    const { body } = await gw().graphql(
      SET_STATUS,
      { tenantId: 'demo', accountId: other!.id, status: 'BLOCKED' },
      await adminHeaders(),
    );
    expect(codeOf(body)).toBe('NOT_FOUND');
    expect((await gw().services.accounts.repository.findById(other!.id))!.status).toBe('ACTIVE');
  });

  it('is for the tenant admin only: not the DPO, another tenant, a customer or anonymous', async () => {
    const vars = { tenantId: 'demo' };
    const dpo = await signInStaff(gw(), 'dpo');
    expect(codeOf((await gw().graphql(ACCOUNTS, vars, dpo.headers)).body)).toBe('FORBIDDEN');
    const otherAdmin = await signInStaff(gw(), 'admin', 'other');
    expect(codeOf((await gw().graphql(ACCOUNTS, vars, otherAdmin.headers)).body)).toBe('FORBIDDEN');
    expect(codeOf((await gw().graphql(ACCOUNTS, vars)).body)).toBe('UNAUTHENTICATED');
    const customer = await customerSignIn(DEMO.demo.bakkerij.email);
    expect(codeOf((await gw().graphql(ACCOUNTS, vars, customer.headers)).body)).toBe('FORBIDDEN');
    const status = { tenantId: 'demo', accountId: 'x', status: 'BLOCKED' };
    expect(codeOf((await gw().graphql(SET_STATUS, status, dpo.headers)).body)).toBe('FORBIDDEN');
    expect(codeOf((await gw().graphql(SET_STATUS, status, customer.headers)).body)).toBe('FORBIDDEN');
    // Nor may a customer save the tenant configuration.
    const save = await gw().graphql(
      'mutation ($input: TenantConfigInput!) { saveTenantConfig(tenantId: "demo", input: $input) { tenantId } }',
      { input: { displayName: 'Customer was here' } },
      customer.headers,
    );
    expect(codeOf(save.body)).toBe('FORBIDDEN');
  });
});
