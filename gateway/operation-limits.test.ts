import { buildSchema, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { checkOperation, DEFAULT_GRAPHQL_LIMITS, type GraphqlLimits } from './graphql-limits.js';

/** The limits on a small schema of their own, where depth and fragment blow-ups are easy to write. */
const schema = buildSchema(`
  type Node { id: ID! child: Node children(first: Int): [Node!]! }
  type Query { node: Node invoices(first: Int, filter: String): [Node!]! invoice(id: ID!): Node }
`);
const limits: GraphqlLimits = { ...DEFAULT_GRAPHQL_LIMITS };

const refusal = (query: string, variables: Record<string, unknown> = {}, overrides: Partial<GraphqlLimits> = {}) => {
  try {
    checkOperation(schema, parse(query), undefined, variables, { ...limits, ...overrides });
    return null;
  } catch (error) {
    return error as Error & { extensions: Record<string, unknown> };
  }
};

describe('operation limits', () => {
  it('lets an ordinary query through', () => {
    expect(refusal('{ node { id child { id } } invoices(first: 5) { id } }')).toBeNull();
  });

  it('refuses a query nested deeper than the maximum, with HTTP 400', () => {
    const deep = `{ node { ${'child { '.repeat(12)} id ${'} '.repeat(12)} } }`;
    const error = refusal(deep);
    expect(error?.message).toMatch(/nested too deeply \(depth 14, maximum 12\)/);
    expect(error?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', http: { status: 400 } });
  });

  it('counts fragment copies, and stops measuring an exponential fragment blow-up early', () => {
    const levels = 40;
    const fragments = Array.from(
      { length: levels },
      (_, n) => `fragment F${n} on Node { ${n === levels - 1 ? 'id' : `a: child { ...F${n + 1} } b: child { ...F${n + 1} }`} }`,
    ).join('\n');
    const started = performance.now();
    const error = refusal(`{ node { ...F0 } } ${fragments}`, {}, { maxDepth: 1000 });
    expect(error?.message).toMatch(/too many fields/);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('counts distinct list arguments as distinct upstream calls, with variables filled in', () => {
    // An invoice list is asked for once per owner field: two calls.
    const query = 'query ($s: String) { a: invoices(first: 1, filter: $s) { id } b: invoices(first: 1, filter: "other") { id } }';
    expect(refusal(query, { s: 'x' }, { upstreamCallsPerRequest: 4 })).toBeNull();
    expect(refusal(query, { s: 'x' }, { upstreamCallsPerRequest: 3 })?.message).toMatch(/about 4 calls to Nextcloud/);
    expect(refusal(query, { s: 'other' }, { upstreamCallsPerRequest: 2 })).toBeNull();
  });

  it('batches by-id lookups: a hundred ids cost one call', () => {
    const ids = Array.from({ length: 25 }, (_, n) => `i${n}: invoice(id: "${n}") { id }`).join(' ');
    expect(refusal(`{ ${ids} }`, {}, { upstreamCallsPerRequest: 1, maxAliases: 100 })).toBeNull();
  });

  it('steps aside for variables that do not coerce, so execution can name them', () => {
    expect(refusal('query ($f: Int) { invoices(first: $f) { id } }', { f: 'abc' })).toBeNull();
  });
});
