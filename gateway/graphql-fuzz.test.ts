import { describe, expect, it } from 'vitest';
import { signInCustomer } from '../test/customers.js';
import { useTestGateway } from '../test/gateway.js';

/**
 * Malformed GraphQL over real HTTP (issue 10, "Done when"): wrong types, missing and unknown
 * fields, huge and nested values, broken syntax, cyclic fragments, floods of aliases and
 * directives, broken bodies. None may answer 5xx or show a stack trace or an internal path, and the
 * gateway must still be alive and ready afterwards. Generated from a fixed seed, so a failure
 * can be replayed.
 */

/** A small deterministic PRNG (mulberry32): the same seed gives the same requests. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  return { next, int, pick };
}

interface FuzzRequest {
  body: string;
  contentType?: string;
  signedIn: boolean;
}

/** Operations the fuzzer bends. None of them changes state when it does succeed. */
const OPERATIONS: ReadonlyArray<{ query: string; variables: Record<string, unknown> }> = [
  {
    query: 'query ($f: Int, $a: String) { invoices(first: $f, after: $a) { totalCount edges { node { id number } } } }',
    variables: { f: 2 },
  },
  { query: 'query ($v: InvoiceFilter) { invoices(filter: $v) { totalCount } }', variables: { v: { search: 'x' } } },
  { query: 'query ($id: ID!) { invoice(id: $id) { id number documents { id name } } }', variables: { id: 'nope' } },
  { query: 'query ($v: ContractFilter, $f: Int) { contracts(first: $f, filter: $v) { totalCount } }', variables: { f: 1 } },
  { query: 'query ($v: DocumentFilter) { documents(filter: $v) { totalCount } }', variables: {} },
  { query: 'query ($f: Int) { myAuditEvents(first: $f) { totalCount } }', variables: { f: 3 } },
  { query: '{ portal { tenantId displayName enabledFeatures } viewer { __typename } }', variables: {} },
  {
    query: 'mutation ($i: SignInInput!) { signIn(input: $i) { status } }',
    variables: { i: { email: 'nobody@example.nl', password: 'wrong' } },
  },
  {
    query: 'mutation ($i: StaffSignInInput!) { staffSignIn(input: $i) { token } }',
    variables: { i: { tenantId: 'demo', loginName: 'x', appPassword: 'y' } },
  },
  {
    query: 'mutation ($t: String!, $p: String!) { resetPassword(token: $t, newPassword: $p) }',
    variables: { t: 'bad', p: 'pw' },
  },
  { query: 'mutation ($c: String!) { confirmEmailChange(token: $c) }', variables: { c: 'bad' } },
  { query: 'query ($t: ID!, $f: Int) { auditEvents(tenantId: $t, first: $f) { totalCount } }', variables: { t: 'demo' } },
];

const WEIRD_VALUES: readonly unknown[] = [
  'abc',
  '',
  -1,
  0,
  2 ** 31,
  1e308,
  1.5,
  true,
  null,
  [],
  {},
  [1, [2, [3]]],
  { __proto__: { polluted: true } },
  { constructor: { prototype: { x: 1 } } },
  'x'.repeat(100_000),
  '\u0000\uffff\ud800',
  '2026-13-45T99:99:99Z',
  'not-a-date',
  JSON.parse('['.repeat(500) + ']'.repeat(500)) as unknown,
  JSON.parse('{"a":'.repeat(300) + '1' + '}'.repeat(300)) as unknown,
];

/** Pieces of GraphQL that break a document in the ways a parser or validator must survive. */
const BROKEN_DOCUMENTS: ReadonlyArray<(r: ReturnType<typeof prng>) => string> = [
  () => 'query { viewer { ...A } } fragment A on CustomerViewer { ...B } fragment B on CustomerViewer { ...A }',
  () => 'query { viewer { ...A } } fragment A on CustomerViewer { ...A }',
  () => '{ invoices { ...F } } fragment F on InvoiceConnection { ...G } fragment G on InvoiceConnection { ...F totalCount }',
  (r) =>
    `{ ${Array.from({ length: 50 + r.int(2000) }, (_, n) => `a${n}: invoices(first: 1, filter: {search: "x${n}"}) { totalCount }`).join(' ')} }`,
  (r) => `{ portal${' @include(if: true)'.repeat(10 + r.int(20_000))} { tenantId } }`,
  (r) => `{ ${'__typename @skip(if: false) '.repeat(20 + r.int(500))} }`,
  (r) => `{ ${'invoices { edges { node { '.repeat(1 + r.int(30))} id ${'} } } '.repeat(1 + r.int(30))} }`,
  (r) => `{ __type(name: "Invoice") { ${'ofType { '.repeat(r.int(60))} name ${'} '.repeat(r.int(60))} } }`,
  () => '{ unknownField }',
  () => '{ invoices(unknownArg: 1) { totalCount } }',
  () => '{ invoce { id } }',
  () => 'query ($x: NoSuchType) { portal { tenantId } }',
  () => 'subscription { portal { tenantId } }',
  () => 'query A { portal { tenantId } } query A { viewer { __typename } }',
  () => 'query { portal { tenantId } } mutation { signOut }',
  () => '{ invoices(first: "ten") { totalCount } }',
  () => '{ invoices(filter: { from: "yesterday" }) { totalCount } }',
  () => '{ invoice { id } }',
  () => `{ portal { tenantId } } ${'fragment F on Portal { tenantId } '.repeat(2)}`,
  () => '{ ...on Query { ...on Query { ...on Query { portal { tenantId } } } } }',
  (r) => `{ portal { tenantId ${'"'.repeat(r.int(5))}`,
  (r) => '{'.repeat(1 + r.int(5_000)),
  (r) => '}'.repeat(1 + r.int(100)),
  () => '"""unterminated block string',
  () => '{ portal(tenantId: 1e999999) { tenantId } }',
  () => '\u0000\u0001\u0002',
  () => '',
  () => '# only a comment',
];

function mutateValue(r: ReturnType<typeof prng>, value: unknown, depth = 0): unknown {
  if (depth > 3 || r.next() < 0.4) return r.pick(WEIRD_VALUES);
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    const keys = Object.keys(copy);
    const action = r.int(3);
    if (action === 0 && keys.length) delete copy[r.pick(keys)];
    else if (action === 1) copy[`unknown${r.int(10)}`] = r.pick(WEIRD_VALUES);
    else if (keys.length) copy[r.pick(keys)] = mutateValue(r, copy[r.pick(keys)], depth + 1);
    return copy;
  }
  return r.pick(WEIRD_VALUES);
}

function generate(count: number, seed: number): FuzzRequest[] {
  const r = prng(seed);
  const requests: FuzzRequest[] = [];
  while (requests.length < count) {
    const signedIn = r.next() < 0.5;
    const kind = r.int(10);
    if (kind <= 3) {
      // Right document, wrong variables.
      const op = r.pick(OPERATIONS);
      const variables: Record<string, unknown> = { ...op.variables };
      const names = [...op.query.matchAll(/\$(\w+):/g)].map((m) => m[1]!);
      const name = names.length ? r.pick(names) : 'x';
      if (r.next() < 0.2) delete variables[name];
      else variables[name] = mutateValue(r, variables[name]);
      requests.push({ body: JSON.stringify({ query: op.query, variables }), signedIn });
    } else if (kind <= 6) {
      requests.push({ body: JSON.stringify({ query: r.pick(BROKEN_DOCUMENTS)(r) }), signedIn });
    } else if (kind === 7) {
      // A valid document cut short or with a character replaced.
      const { query } = r.pick(OPERATIONS);
      const cut = r.int(query.length);
      const broken =
        r.next() < 0.5
          ? query.slice(0, cut)
          : `${query.slice(0, cut)}${r.pick(['{', '}', '$', '@', '"', '...', '(', ':'])}${query.slice(cut + 1)}`;
      requests.push({ body: JSON.stringify({ query: broken, variables: r.pick(OPERATIONS).variables }), signedIn });
    } else if (kind === 8) {
      // The request envelope itself is wrong.
      const envelope = r.pick<unknown>([
        { query: 42 },
        { query: ['{ portal { tenantId } }'] },
        { query: '{ portal { tenantId } }', variables: 'not an object' },
        { query: '{ portal { tenantId } }', variables: [1, 2] },
        { query: '{ portal { tenantId } }', operationName: 'Missing' },
        { query: '{ portal { tenantId } }', operationName: { a: 1 } },
        { query: '{ portal { tenantId } }', extensions: { persistedQuery: { version: 1, sha256Hash: 'abc' } } },
        { variables: {} },
        [],
        null,
        'a string',
      ]);
      requests.push({ body: JSON.stringify(envelope), signedIn });
    } else {
      // Not JSON, or not the JSON it claims to be.
      const raw = r.pick(['{"query": "{ portal { tenantId } }"', '{{{', '\u0000', 'query=%7Bportal%7D', '['.repeat(20_000)]);
      requests.push({ body: raw, contentType: r.pick(['application/json', 'text/plain', 'application/graphql']), signedIn });
    }
  }
  return requests;
}

const LEAKS = [
  /\n\s+at /,
  /node_modules/,
  /\/work\//,
  /\.ts:\d+/,
  /\.js:\d+/,
  /MongoServerError|MongooseError|FerretDB/,
  /RangeError|TypeError|Maximum call stack/,
];

describe('fuzzing the GraphQL endpoint', () => {
  const gw = useTestGateway();

  it('answers 2,000 malformed requests without a 5xx or a leak, and stays up and ready', async () => {
    const jan = await signInCustomer(gw(), 'jan');
    const requests = generate(2_000, 20_261_207);
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    const concurrency = 6;
    let next = 0;
    const worker = async () => {
      while (next < requests.length) {
        const index = next++;
        const request = requests[index]!;
        const response = await fetch(`${gw().url}/graphql`, {
          method: 'POST',
          headers: {
            'content-type': request.contentType ?? 'application/json',
            // From its own address per request, so the per-address ceiling is not what is tested.
            'x-forwarded-for': `10.77.${index >> 8}.${index & 255}`,
            ...(request.signedIn ? jan.headers : {}),
          },
          body: request.body,
        });
        const text = await response.text();
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        if (response.status >= 500)
          failures.push(`#${index} ${response.status}: ${request.body.slice(0, 200)} → ${text.slice(0, 300)}`);
        const leak = LEAKS.find((pattern) => pattern.test(text));
        if (leak) failures.push(`#${index} leaks ${leak}: ${text.slice(0, 300)}`);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));

    expect(failures.slice(0, 10)).toEqual([]);
    expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(2_000);
    expect((await fetch(`${gw().url}/healthz`)).status).toBe(200);
    expect((await fetch(`${gw().url}/readyz`)).status).toBe(200);
    // Still serving real work, for the customer who sent all of it too.
    const after = await gw().graphql('{ invoices(first: 2) { totalCount } }', undefined, jan.headers);
    expect(after.status).toBe(200);
    expect(after.body.errors).toBeUndefined();
  }, 240_000);
});
