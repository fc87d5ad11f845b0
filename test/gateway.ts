import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { createLogger } from '../core/logger.js';
import { parseConfig } from '../gateway/config.js';
import { existingSecretKey } from '../gateway/secret-key.js';
import { startGateway, type GatewayOptions, type RunningGateway } from '../gateway/server.js';
import { startSimulator, type Simulator } from '../nextcloud/simulator/index.js';
import { freePort } from '../store/ferretdb-server.js';
import { testMongoUri, uniqueDatabaseName } from './db.js';

export interface TestGateway extends RunningGateway {
  simulator: Simulator;
  /** POSTs a GraphQL operation; returns the HTTP status and the parsed body. */
  graphql(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: GraphQLBody }>;
}

export interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string; extensions?: Record<string, unknown>; path?: unknown[] }>;
}

/**
 * Starts a whole gateway for one test file: real HTTP on a free port, its own database on the
 * run's embedded engine, and its own Nextcloud simulator with the demo data.
 */
export interface TestGatewayOptions extends Pick<GatewayOptions, 'jobs' | 'logger' | 'readinessTtlMs'> {
  /**
   * Another replica's database: the gateway joins it and leaves it in place on close (the one that
   * created it drops it). Without it every test gateway has a database of its own.
   */
  shareDatabaseOf?: TestGateway;
  /** Another gateway's simulator to talk to (left running on close); without it a fresh one. */
  shareSimulatorOf?: TestGateway;
}

export async function startTestGateway(
  env: Record<string, string> = {},
  testOptions: TestGatewayOptions = {},
): Promise<TestGateway> {
  const { shareDatabaseOf, shareSimulatorOf, ...options } = testOptions;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'portal-gw-'));
  const simulator = shareSimulatorOf?.simulator ?? (await startSimulator());
  const config = parseConfig({
    MONGODB_URI: testMongoUri(),
    DATA_DIR: dataDir,
    // A known free port rather than 0, so PUBLIC_URL (links in mails and answers) is right.
    PORT: String(await freePort()),
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
    // Every test request comes from 127.0.0.1; the per-address ceiling has its own test.
    RATE_LIMIT_PER_MINUTE: '100000',
    // Replicas of one portal share its secret key (a replica with another key refuses to start).
    ...(shareDatabaseOf ? { PORTAL_SECRET_KEY: existingSecretKey(shareDatabaseOf.config) ?? '' } : {}),
    ...env,
  });
  const gateway = await startGateway(config, {
    simulator,
    dbName: shareDatabaseOf?.connection.name ?? uniqueDatabaseName('gw'),
    logger: createLogger({ level: env.LOG_LEVEL ?? 'silent' }),
    ...options,
  });
  return {
    ...gateway,
    simulator,
    async graphql(query, variables, headers = {}) {
      const response = await fetch(`${gateway.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, body: (await response.json()) as GraphQLBody };
    },
    async close() {
      if (!shareDatabaseOf) await gateway.connection.dropDatabase().catch(() => {});
      await gateway.close();
      if (!shareSimulatorOf) await simulator.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** beforeAll/afterAll wiring for a test file that needs a running gateway. */
export function useTestGateway(
  env: Record<string, string> = {},
  options: Pick<GatewayOptions, 'jobs' | 'logger' | 'readinessTtlMs'> = {},
): () => TestGateway {
  let gateway: TestGateway | undefined;
  beforeAll(async () => {
    gateway = await startTestGateway(env, options);
  });
  afterAll(async () => {
    await gateway?.close();
  });
  return () => {
    if (!gateway) throw new Error('useTestGateway(): only available inside tests');
    return gateway;
  };
}
