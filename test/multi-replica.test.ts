import { randomInt } from 'node:crypto';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../core/logger.js';
import { WORKER_LEASE_COLLECTION } from '../jobs/worker-lease.js';
import { DEMO_CUSTOMERS, DEMO_CUSTOMER_PASSWORD, signInCustomer } from './customers.js';
import { startTestGateway, type GraphQLBody, type TestGateway } from './gateway.js';
import { isAddressedTo, linkIn, startSmtpCatcher, type SmtpCatcher } from './smtp.js';
import { DEMO_STAFF, signInStaff, STAFF_SIGN_IN } from './staff.js';
import { readZip } from './zip.js';

/**
 * Two replicas of one portal on one database (issue 12, "Done when"): one simulator (started on
 * its own and shared), gateway A with the job worker, gateway B with JOBS=off. Whatever a user
 * does on one replica holds on the other.
 */

const REQUESTS_PER_MINUTE = 30;
const LEASE_MS = 6_000;
const VIEWER = '{ viewer { __typename ... on CustomerViewer { account { email } } } }';
const SIGN_IN = 'mutation ($input: SignInInput!) { signIn(input: $input) { status } }';

let catcher: SmtpCatcher;
let a: TestGateway;
let b: TestGateway;

beforeAll(async () => {
  catcher = await startSmtpCatcher();
  // A low request ceiling, so the test can show it is shared; every call below comes from its own
  // made-up address (X-Forwarded-For from loopback is trusted) unless it means to share one.
  const env = { SMTP_URL: catcher.url, RATE_LIMIT_PER_MINUTE: String(REQUESTS_PER_MINUTE) };
  a = await startTestGateway({ ...env, JOBS: 'on' }, { jobs: { processEvery: 150, leaseMs: LEASE_MS } });
  b = await startTestGateway({ ...env, JOBS: 'off' }, { shareDatabaseOf: a, shareSimulatorOf: a });
}, 120_000);

afterAll(async () => {
  // B first: A made the database and drops it.
  await b?.close();
  await a?.close();
  await catcher?.close();
});

const someAddress = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

async function call(
  gateway: TestGateway,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<{ status: number; body: GraphQLBody; retryAfter: string | null }> {
  const response = await fetch(`${gateway.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-portal-tenant': 'demo', 'x-forwarded-for': someAddress(), ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return {
    status: response.status,
    body: (await response.json()) as GraphQLBody,
    retryAfter: response.headers.get('retry-after'),
  };
}

const codeOf = (body: GraphQLBody) => body.errors?.[0]?.extensions?.code;

describe('two replicas on one database', () => {
  it('a session made on A is valid on B, and signed out on B it is refused on A', async () => {
    const bakkerij = await signInCustomer(a, 'bakkerij');
    const onB = await call(b, VIEWER, {}, bakkerij.headers);
    expect(onB.body.data?.viewer).toMatchObject({
      __typename: 'CustomerViewer',
      account: { email: DEMO_CUSTOMERS.bakkerij.email },
    });

    expect((await call(b, 'mutation { signOut }', {}, bakkerij.headers)).body.data).toEqual({ signOut: true });
    expect((await call(a, VIEWER, {}, bakkerij.headers)).body.data?.viewer).toBeNull();
    expect((await call(b, VIEWER, {}, bakkerij.headers)).body.data?.viewer).toBeNull();
  });

  it('200 audited actions alternating between A and B all succeed, and the audit chain verifies', async () => {
    // Staff sign-ins: each one is an audit event written by the replica that served it. Four at a
    // time (two per replica), so the replicas really write the chain concurrently.
    const statuses: number[] = [];
    const failures: unknown[] = [];
    for (let round = 0; round < 50; round++) {
      const batch = [a, b, a, b].map((gateway) =>
        call(gateway, STAFF_SIGN_IN, { input: { tenantId: 'demo', ...DEMO_STAFF.admin } }),
      );
      for (const { status, body } of await Promise.all(batch)) {
        statuses.push(status);
        if (body.errors || !(body.data?.staffSignIn as { token?: string } | undefined)?.token) failures.push(body.errors);
      }
    }
    expect(failures).toEqual([]);
    expect(statuses).toHaveLength(200);
    expect(new Set(statuses)).toEqual(new Set([200]));

    const dpo = await signInStaff(b, 'dpo');
    for (const gateway of [a, b]) {
      const { body } = await call(
        gateway,
        'query { verifyAuditTrail(tenantId: "demo") { intact checkedEvents firstBrokenSeq reason lastSeq } }',
        {},
        dpo.headers,
      );
      expect(body.errors).toBeUndefined();
      const verification = body.data!.verifyAuditTrail as { intact: boolean; checkedEvents: number; lastSeq: number };
      expect(verification).toMatchObject({ intact: true, firstBrokenSeq: null, reason: null });
      expect(verification.checkedEvents).toBeGreaterThanOrEqual(200);
    }
  }, 180_000);

  it("an export asked for on B is built by A's worker and downloads from B", async () => {
    // B runs no worker at all: only A's can build it.
    expect(b.jobWorker).toBeNull();
    const jan = await signInCustomer(b, 'jan');
    const requested = await call(b, 'mutation { requestDataExport { id status } }', {}, jan.headers);
    expect(requested.body.errors).toBeUndefined();
    expect(requested.body.data!.requestDataExport).toMatchObject({ status: 'PENDING' });

    const mail = await catcher.waitFor((m) => isAddressedTo(m, DEMO_CUSTOMERS.jan.email) && /export/i.test(m.subject), 60_000);
    const link = new URL(linkIn(mail, '/portal/downloads/'));
    const response = await fetch(`${b.url}${link.pathname}${link.search}`, { headers: { 'x-forwarded-for': someAddress() } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/zip');
    const archive = readZip(Buffer.from(await response.arrayBuffer()));
    expect(archive.has('export.json')).toBe(true);
  }, 90_000);

  it('wrong passwords on A lock the account on B', async () => {
    const { email, tenant } = DEMO_CUSTOMERS.piet;
    const signIn = (gateway: TestGateway, password: string) =>
      call(gateway, SIGN_IN, { input: { email, password } }, { 'x-portal-tenant': tenant });
    for (let i = 0; i < 5; i++) await signIn(a, `Wrong-Guess-${i}-Password`);
    const onB = await signIn(b, DEMO_CUSTOMER_PASSWORD);
    const outcome = (onB.body.data?.signIn as { status?: string } | undefined)?.status ?? codeOf(onB.body);
    expect(outcome).toBe('ACCOUNT_LOCKED');
  });

  it('the request ceiling per address counts what both replicas served', async () => {
    const address = someAddress();
    const ping = (gateway: TestGateway) => call(gateway, '{ __typename }', {}, { 'x-forwarded-for': address });
    const onA = [];
    for (let i = 0; i < 20; i++) onA.push((await ping(a)).status);
    expect(onA.every((status) => status === 200)).toBe(true);
    // The replicas exchange their counts about once a second.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    const onB = [];
    for (let i = 0; i < 15; i++) onB.push(await ping(b));
    const passed = onB.filter((answer) => answer.status === 200).length;
    // Alone, B would have let all 15 through.
    expect(passed).toBeLessThanOrEqual(REQUESTS_PER_MINUTE - 20);
    const refused = onB.find((answer) => answer.status === 429)!;
    expect(codeOf(refused.body)).toBe('RATE_LIMITED');
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
  }, 30_000);

  it('a replica with another PORTAL_SECRET_KEY refuses to start, naming PORTAL_SECRET_KEY', async () => {
    await expect(
      startTestGateway(
        { PORTAL_SECRET_KEY: 'not-the-portals-key-0123456789abcdefghijklmn', JOBS: 'off' },
        { shareDatabaseOf: a, shareSimulatorOf: a },
      ),
    ).rejects.toThrow(/PORTAL_SECRET_KEY/);
    // The refused replica wrote nothing that breaks the others: A still opens the tenant's credentials.
    expect((await signInStaff(a, 'admin')).token).toMatch(/^pst_/);
  });

  it('on the embedded engine a second JOBS=on replica runs no job until the first one stops, then takes over', async () => {
    const lines: Array<{ level: number; msg: string }> = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean))
          lines.push(JSON.parse(line) as { level: number; msg: string });
        done();
      },
    });
    const c = await startTestGateway(
      { JOBS: 'on' },
      {
        shareDatabaseOf: a,
        shareSimulatorOf: a,
        jobs: { processEvery: 150, leaseMs: LEASE_MS },
        logger: createLogger({ level: 'warn', destination }),
      },
    );
    // A one-off job both JOBS=on replicas know; each run is tallied by the replica that ran it.
    const runs = new Map<string, string[]>();
    for (const [name, gateway] of [
      ['a', a],
      ['c', c],
    ] as const) {
      gateway.jobs.define<{ id: string }>({
        name: 'tally',
        lockLifetimeMs: 10_000,
        concurrency: 4,
        handler: async ({ id }) => void runs.set(id, [...(runs.get(id) ?? []), name]),
      });
    }
    const runAll = async (prefix: string, count: number) => {
      const ids = Array.from({ length: count }, (_, i) => `${prefix}-${i}`);
      await Promise.all(ids.map((id, i) => (i % 2 ? a : c).jobs.enqueue('tally', { id })));
      const deadline = Date.now() + 30_000;
      while (ids.some((id) => !runs.has(id)) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      // A little longer, so a second run of any of them would show.
      await new Promise((resolve) => setTimeout(resolve, 600));
      return ids.map((id) => runs.get(id) ?? []);
    };
    try {
      expect(a.jobWorker?.active).toBe(true);
      expect(c.jobWorker?.active).toBe(false);
      // Each job runs exactly once, on the lease holder, whichever replica queued it.
      expect(await runAll('before', 20)).toEqual(Array.from({ length: 20 }, () => ['a']));
      // C still serves requests.
      expect((await call(c, '{ __typename }')).status).toBe(200);
      const warnings = lines.filter((line) => line.level === 40 && /another process runs the job worker/.test(line.msg));
      expect(warnings).toHaveLength(1);

      // A stops its worker (as on shutdown): C takes over at its next beat.
      await a.jobWorker!.stop();
      const stopped = Date.now();
      while (!c.jobWorker!.active && Date.now() - stopped < LEASE_MS * 3) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(c.jobWorker!.active).toBe(true);
      const [lease] = await a.connection
        .db!.collection(WORKER_LEASE_COLLECTION)
        .find({})
        .sort({ generation: -1 })
        .limit(1)
        .toArray();
      expect(lease?.expiresAt.getTime()).toBeGreaterThan(Date.now());
      expect(await runAll('after', 6)).toEqual(Array.from({ length: 6 }, () => ['c']));
    } finally {
      await c.close();
    }
  }, 60_000);
});
