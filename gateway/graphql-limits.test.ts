import { describe, expect, it } from 'vitest';
import { objectCalls } from '../nextcloud/connector.test-support.js';
import { signInCustomer } from '../test/customers.js';
import { useTestGateway, type GraphQLBody } from '../test/gateway.js';

/**
 * The GraphQL edge's limits over real HTTP (issue 10, items 2, 4, 5 and 7): client mistakes and
 * over-large operations answer 400 with a stable code, before anything reaches Nextcloud.
 */
describe('GraphQL limits at the edge', () => {
  const gw = useTestGateway();

  const codesOf = (body: GraphQLBody) => (body.errors ?? []).map((e) => e.extensions?.code);

  describe('invalid variables answer 400 BAD_USER_INPUT naming the variable', () => {
    const cases: Array<{ name: string; query: string; variables: Record<string, unknown>; variable: string }> = [
      {
        name: 'a string for an Int',
        query: 'query ($f: Int) { invoices(first: $f) { totalCount } }',
        variables: { f: 'abc' },
        variable: 'f',
      },
      {
        name: 'a missing Int!',
        query: 'query ($id: ID!) { invoice(id: $id) { id } }',
        variables: {},
        variable: 'id',
      },
      {
        name: 'a bad DateTime',
        query: 'query ($v: InvoiceFilter) { invoices(filter: $v) { totalCount } }',
        variables: { v: { from: 'yesterday-ish' } },
        variable: 'v',
      },
      {
        name: 'an input object lacking a required field',
        query: 'mutation ($i: SignInInput!) { signIn(input: $i) { status } }',
        variables: { i: { password: 'x' } },
        variable: 'i',
      },
      {
        name: 'a deeply nested array',
        query: 'query ($v: InvoiceFilter) { invoices(filter: $v) { totalCount } }',
        variables: { v: { status: JSON.parse('['.repeat(2000) + ']'.repeat(2000)) as unknown } },
        variable: 'v',
      },
    ];
    for (const c of cases) {
      it(`for ${c.name}`, async () => {
        const { status, body } = await gw().graphql(c.query, c.variables);
        expect(status).toBe(400);
        expect(codesOf(body)).toEqual(['BAD_USER_INPUT']);
        expect(body.errors![0]!.message).toContain(`"$${c.variable}"`);
      });
    }
  });

  it('answers a too expensive query with 400 BAD_USER_INPUT saying why', async () => {
    const { headers } = await signInCustomer(gw(), 'jan');
    const { status, body } = await gw().graphql(
      `{ ${[1, 2, 3, 4, 5]
        .map(
          (n) =>
            `a${n}: invoices(first: 100) { edges { node { id number date amount currency status documents { id name mimeType size } } } }`,
        )
        .join(' ')} }`,
      undefined,
      headers,
    );
    expect(status).toBe(400);
    expect(codesOf(body)).toEqual(['BAD_USER_INPUT']);
    expect(body.errors![0]!.message).toMatch(/too expensive/);
  });

  it('measures one query per variable set: a repeated refusal stays a refusal, cheap variables still pass', async () => {
    const { headers } = await signInCustomer(gw(), 'jan');
    const query =
      'query ($n: Int) { a: invoices(first: $n) { edges { node { id documents { id name } } } } b: orders(first: $n) { edges { node { id } } } }';
    const ask = (n: number) => gw().graphql(query, { n }, headers);
    for (const attempt of [1, 2]) {
      const refused = await ask(100_000);
      expect(refused.status, `attempt ${attempt}`).toBe(400);
      expect(refused.body.errors![0]!.message).toMatch(/too expensive/);
    }
    const fine = await ask(2);
    expect(fine.status).toBe(200);
    expect(fine.body.errors).toBeUndefined();
    expect((await ask(100_000)).status).toBe(400);
  });

  it('refuses cyclic fragments with 400 as NoFragmentCycles says, without a crash', async () => {
    const { status, body } = await gw().graphql(
      'query { viewer { ...A } } fragment A on CustomerViewer { ...B } fragment B on CustomerViewer { ...A }',
    );
    expect(status).toBe(400);
    expect(codesOf(body)[0]).toBe('BAD_USER_INPUT');
    expect(body.errors!.some((e) => /Cannot spread fragment "A" within itself/.test(e.message))).toBe(true);
  });

  it('refuses a 1,000-alias list request quickly with 0 upstream calls, and serves another customer right after', async () => {
    const jan = await signInCustomer(gw(), 'jan');
    const bakkerij = await signInCustomer(gw(), 'bakkerij');
    const demo = gw().simulator.instance('demo');
    demo.clearCalls();
    const aliases = Array.from({ length: 1000 }, (_, n) => `a${n}: invoices(first: 1, filter: {search: "x${n}"}) { totalCount }`);
    const started = performance.now();
    const { status, body } = await gw().graphql(`{ ${aliases.join(' ')} }`, undefined, jan.headers);
    const elapsed = performance.now() - started;
    expect(status).toBe(400);
    expect(codesOf(body)).toEqual(['BAD_USER_INPUT']);
    // Refused by the first limit it meets (today the token cap on parsing), whichever it is.
    expect(body.errors![0]!.message).toMatch(/tokens|Nextcloud|aliases|list fields/);
    expect(objectCalls(demo)).toHaveLength(0);
    // Generous: the point is "refused before any work", not a benchmark on a busy machine.
    expect(elapsed).toBeLessThan(2_000);

    const ordinary = await gw().graphql(
      '{ invoices(first: 5) { totalCount edges { node { id } } } }',
      undefined,
      bakkerij.headers,
    );
    expect(ordinary.status).toBe(200);
    expect(ordinary.body.errors).toBeUndefined();
    expect((ordinary.body.data?.invoices as { totalCount: number }).totalCount).toBeGreaterThan(0);
  });

  it('refuses an operation needing more upstream calls than the budget, with 0 upstream calls', async () => {
    const jan = await signInCustomer(gw(), 'jan');
    const demo = gw().simulator.instance('demo');
    demo.clearCalls();
    const aliases = Array.from({ length: 25 }, (_, n) => `a${n}: invoices(first: 1, filter: {search: "y${n}"}) { totalCount }`);
    const { status, body } = await gw().graphql(`{ ${aliases.join(' ')} }`, undefined, jan.headers);
    expect(status).toBe(400);
    expect(codesOf(body)).toEqual(['BAD_USER_INPUT']);
    expect(body.errors![0]!.message).toMatch(/Nextcloud/);
    expect(objectCalls(demo)).toHaveLength(0);
  });

  it('counts identical list fields once against the upstream budget', async () => {
    const jan = await signInCustomer(gw(), 'jan');
    const aliases = Array.from({ length: 15 }, (_, n) => `a${n}: invoices(first: 1) { totalCount }`);
    const { status, body } = await gw().graphql(`{ ${aliases.join(' ')} }`, undefined, jan.headers);
    expect(body.errors).toBeUndefined();
    expect(status).toBe(200);
  });

  it('refuses many aliases of one list field even when they would share one upstream call', async () => {
    const jan = await signInCustomer(gw(), 'jan');
    const aliases = Array.from({ length: 25 }, (_, n) => `a${n}: invoices(first: 1) { totalCount }`);
    const { status, body } = await gw().graphql(`{ ${aliases.join(' ')} }`, undefined, jan.headers);
    expect(status).toBe(400);
    expect(codesOf(body)).toEqual(['BAD_USER_INPUT']);
    expect(body.errors![0]!.message).toMatch(/too many list fields \(25, maximum 20\)/);
  });

  it('refuses more aliases than allowed with 400', async () => {
    const aliases = Array.from({ length: 40 }, (_, n) => `p${n}: portal { tenantId }`);
    const { status, body } = await gw().graphql(`{ ${aliases.join(' ')} }`);
    expect(status).toBe(400);
    expect(body.errors![0]!.message).toMatch(/too many aliases \(40, maximum 30\)/);
  });

  it('refuses a flood of directives with 400 before it stalls the server', async () => {
    const directives = ' @include(if: true)'.repeat(50_000);
    const started = performance.now();
    const { status, body } = await gw().graphql(`{ portal${directives} { tenantId } }`);
    expect(status).toBe(400);
    expect(codesOf(body)).toEqual(['BAD_USER_INPUT']);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('refuses more directives than allowed with 400', async () => {
    const { status, body } = await gw().graphql(`{ ${'__typename @include(if: true) '.repeat(60)} }`);
    expect(status).toBe(400);
    expect(codesOf(body)).toEqual(['BAD_USER_INPUT']);
    expect(body.errors!.some((e) => /Too many directives \(more than 50\)/.test(e.message))).toBe(true);
  });

  it('still serves the web app’s ordinary dashboard-sized query', async () => {
    const jan = await signInCustomer(gw(), 'jan');
    const { status, body } = await gw().graphql(
      `{ invoices(first: 5) { totalCount edges { node { id number documents { id name } } } }
         contracts(first: 5) { totalCount } orders(first: 5) { totalCount } requests(first: 5) { totalCount }
         documents(first: 5) { totalCount } }`,
      undefined,
      jan.headers,
    );
    expect(body.errors).toBeUndefined();
    expect(status).toBe(200);
  });
});
