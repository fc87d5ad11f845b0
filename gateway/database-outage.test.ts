import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../core/logger.js';
import { DEMO_CUSTOMER_PASSWORD } from '../domain/accounts/demo-accounts.js';
import { DEMO } from '../nextcloud/simulator/demo-data.js';
import { startSimulator, type Simulator } from '../nextcloud/simulator/index.js';
import { parseConfig } from './config.js';
import { startGateway, type RunningGateway } from './server.js';

/**
 * The gateway with its own embedded engine (MONGODB_URI unset, as `npm start` runs it), so the
 * test can stop the database under a running gateway and start it again.
 */
describe('database outage while the gateway runs', () => {
  let gateway: RunningGateway;
  let simulator: Simulator;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'portal-outage-'));
    simulator = await startSimulator();
    const config = parseConfig({ DATA_DIR: dataDir, PORT: '0', NODE_ENV: 'test', LOG_LEVEL: 'silent' });
    gateway = await startGateway(config, { simulator, logger: createLogger({ level: 'silent' }) });
  });

  afterAll(async () => {
    await gateway?.close();
    await simulator?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const readiness = async () => {
    const response = await fetch(`${gateway.url}/readyz`);
    return { status: response.status, body: (await response.json()) as { database: string } };
  };

  const SIGN_IN = 'mutation ($input: SignInInput!) { signIn(input: $input) { status } }';
  const graphql = async (query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) => {
    const response = await fetch(`${gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-portal-tenant': 'demo', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return {
      response,
      body: (await response.json()) as {
        data?: unknown;
        errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
      },
    };
  };
  const signInJan = () => graphql(SIGN_IN, { input: { email: DEMO.demo.janJansen.email, password: DEMO_CUSTOMER_PASSWORD } });

  /** What every call that needs the database answers while it is away: retry later, nothing internal. */
  const expectServiceUnavailable = ({ response, body }: Awaited<ReturnType<typeof graphql>>) => {
    expect(response.status).toBe(503);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect(body.errors?.[0]?.extensions?.retryAfter).toBe(Number(response.headers.get('retry-after')));
    // Neither the driver's message nor the engine's address reaches the client.
    expect(JSON.stringify(body)).not.toMatch(/mongo|ferret|127\.0\.0\.1|ECONNREFUSED|selection/i);
  };

  it('runs its own embedded database when MONGODB_URI is unset', async () => {
    expect(gateway.embeddedDatabase).not.toBeNull();
    expect((await readiness()).status).toBe(200);
  });

  it('reports 503 with a reason while the database is down, keeps serving, and recovers without a restart', async () => {
    const signedIn = await signInJan();
    expect(signedIn.body.errors).toBeUndefined();
    const cookie = signedIn.response.headers
      .getSetCookie()
      .find((c) => c.startsWith('portal_session='))!
      .split(';')[0]!;
    await gateway.embeddedDatabase!.stop();

    // A signed-in call and a sign-in need the database: 503 with a stable code and Retry-After.
    expectServiceUnavailable(await graphql('{ viewer { __typename } }', {}, { cookie }));
    expectServiceUnavailable(await signInJan());

    const down = await readiness();
    expect(down.status).toBe(503);
    expect(down.body.database).toMatch(/^unreachable/);
    // Liveness and the tenant snapshot do not depend on the database.
    expect((await fetch(`${gateway.url}/healthz`)).status).toBe(200);
    const portal = await fetch(`${gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ portal { displayName } }' }),
    });
    expect(await portal.json()).toEqual({ data: { portal: { displayName: 'Klantportaal' } } });

    await gateway.embeddedDatabase!.restart();
    await expect.poll(async () => (await readiness()).status, { timeout: 20_000, interval: 250 }).toBe(200);
    // The session made before the outage still holds.
    const after = await graphql('{ viewer { __typename } }', {}, { cookie });
    expect(after.response.status).toBe(200);
    expect(after.body).toEqual({ data: { viewer: { __typename: expect.any(String) } } });
  }, 60_000);
});
