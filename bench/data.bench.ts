/**
 * Customer data benchmark, over real HTTP into a whole demo gateway (embedded engine, simulator in
 * its own thread at 25 ms per Nextcloud call), signed in as the demo customer Jan Jansen:
 *   node --import @swc-node/register/esm-register bench/data.bench.ts
 * - upstream calls per dashboard query (first 5 of every list, totals, each invoice's documents);
 * - dashboard latency p50/p95, and the p50 as a multiple of one Nextcloud round trip (goal
 *   ≤ 1.2 ×: at 25 ms per call about 30 ms), that round trip measured in the same run;
 * - at 0 ms latency, the p50 and the CPU behind it per dashboard: this thread's (the gateway and
 *   the bench client share it) and the simulator thread's, which answers a dashboard's calls one
 *   after another and so sits inside that figure too;
 * - the same data fetched the naive way (the original portal's: one call per object, one after
 *   another) as a ratio;
 * - requests per second of a simple signed-in query next to a bare Apollo Server hello-world,
 *   measured in the same run on the same machine.
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import http, { type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { createLogger } from '../core/logger.js';
import { DEMO_CUSTOMER_PASSWORD } from '../domain/accounts/demo-accounts.js';
import { parseConfig } from '../gateway/config.js';
import { startGateway, type RunningGateway } from '../gateway/server.js';
import { DEMO } from '../nextcloud/simulator/demo-data.js';
import { basicAuth, PROTOCOL_HEADERS } from '../nextcloud/http-client.js';
import type { SimulatorCall } from '../nextcloud/simulator/index.js';
import type { FilterValue, NcObject } from '../nextcloud/types.js';
import { ensureFerretDbBinary } from '../store/ferretdb-binary.js';
import { startEmbeddedDatabase } from '../store/ferretdb-server.js';
import { startSimulatorThread } from './simulator-thread.js';
import { threadCpuMs } from './thread-cpu.js';

export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  goal?: string;
}

const LATENCY_MS = 25;
/** Dashboards before any timing (a few seconds without latency, until the JIT has settled). */
const WARM_UP_RUNS = 300;
/** Dashboards timed without latency; enough for a steady p50 and for the 10 ms CPU clock of thread-cpu.ts. */
const PROCESSING_RUNS = 200;
const DASHBOARD = `{
  invoices(first: 5) { totalCount edges { node { id number date amount currency status documents { id name size } } } }
  orders(first: 5) { totalCount edges { node { id number date amount status } } }
  contracts(first: 5) { totalCount edges { node { id number title status documents { id name } } } }
  requests(first: 5) { totalCount edges { node { id subject status notes { author message } } } }
  documents(first: 5) { totalCount edges { node { id name source } } }
}`;
const SIMPLE = '{ viewer { __typename ... on CustomerViewer { account { email } } } }';

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)]!;

/**
 * The timed client: one keep-alive connection over node:http. It shares this thread with the
 * gateway, so its own cost lands in every figure; fetch's web streams cost about a millisecond of
 * this thread per request, which a browser on another machine would not add.
 */
function createClient(url: string, headers: Record<string, string>) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  return (query: string) =>
    new Promise<{ data?: unknown; errors?: unknown[] }>((resolve, reject) => {
      const body = JSON.stringify({ query });
      const request = http.request(
        url,
        {
          method: 'POST',
          agent,
          headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () => {
            try {
              resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as { data?: unknown; errors?: unknown[] });
            } catch (error) {
              reject(error);
            }
          });
        },
      );
      request.on('error', reject);
      request.end(body);
    });
}

/**
 * One Nextcloud round trip, the yardstick of the dashboard goal: each of the dashboard's calls
 * sent alone, straight to the simulator as the gateway sends it (same path, query and headers,
 * its own keep-alive connection, the whole body read), and the slowest call's p50 taken, since a
 * dashboard waits for all of them.
 */
async function oneRoundTrip(simulatorUrl: string, calls: SimulatorCall[], runs: number): Promise<number> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const { login, appPassword } = DEMO.users.service;
  const headers = { ...PROTOCOL_HEADERS, Authorization: basicAuth({ loginName: login, appPassword }) };
  const get = (url: string) =>
    new Promise<void>((resolve, reject) => {
      const request = http.get(url, { agent, headers }, (response) => {
        if (response.statusCode !== 200) reject(new Error(`round trip ${url}: ${response.statusCode}`));
        response.on('data', () => undefined);
        response.on('end', resolve);
        response.on('error', reject);
      });
      request.on('error', reject);
    });
  let slowest = 0;
  for (const call of calls) {
    const url = `${simulatorUrl}${call.path}?${call.query}`;
    await get(url);
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      await get(url);
      times.push(performance.now() - started);
    }
    slowest = Math.max(slowest, percentile(times, 50));
  }
  agent.destroy();
  return slowest;
}

async function signIn(gateway: RunningGateway): Promise<Record<string, string>> {
  const response = await fetch(`${gateway.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-portal-tenant': 'demo' },
    body: JSON.stringify({
      query: 'mutation ($input: SignInInput!) { signIn(input: $input) { status } }',
      variables: { input: { email: DEMO.demo.janJansen.email, password: DEMO_CUSTOMER_PASSWORD } },
    }),
  });
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('portal_session='));
  if (!cookie) throw new Error(`sign-in failed: ${await response.text()}`);
  return { cookie: cookie.split(';')[0]!, 'x-portal-tenant': 'demo' };
}

/** The original portal's way: list ids, then every object and its files, one call at a time. */
async function naiveDashboard(gateway: RunningGateway): Promise<number> {
  const connector = gateway.services.nextcloud.for('demo');
  const client = DEMO.demo.janJansen.clientId;
  let calls = 0;
  const list = async (resource: string, filters: Record<string, FilterValue>, limit: number) => {
    calls++;
    return (await connector.listObjects(resource, { filters, limit })).results;
  };
  const each = async (resource: string, rows: NcObject[], withFiles: boolean) => {
    for (const row of rows) {
      calls++;
      await connector.getObject(resource, row.id);
      if (withFiles) {
        calls++;
        await connector.listFiles(resource, row.id);
      }
    }
  };
  // The five shown per list, with the invoices' documents…
  await each('posTransaction', await list('posTransaction', { client, invoiceNumber: { notNull: true } }, 5), true);
  await each(
    'posTransaction',
    await list('posTransaction', { client, status: ['parked', 'confirmed', 'settled', 'refunded'] }, 5),
    false,
  );
  await each('contract', await list('contract', { clientRef: client }, 5), true);
  await each('request', await list('request', { client }, 5), false);
  // …and the documents list, which needs the files of every record.
  for (const [resource, filters] of [
    ['posTransaction', { client }],
    ['contract', { clientRef: client }],
    ['request', { client }],
  ] as const) {
    for (const row of await list(resource, filters, 100)) {
      calls++;
      await connector.listFiles(resource, row.id);
    }
  }
  return calls;
}

/** Completed requests per second with `concurrency` clients looping for `durationMs`. */
async function throughput(
  url: string,
  query: string,
  headers: Record<string, string>,
  durationMs: number,
  concurrency: number,
): Promise<number> {
  const body = JSON.stringify({ query });
  const init = { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body };
  let done = 0;
  let failed = 0;
  const started = performance.now();
  const end = started + durationMs;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const response = await fetch(url, init);
        const text = await response.text();
        if (response.ok && !text.includes('"errors"')) done++;
        else failed++;
      }
    }),
  );
  if (failed) throw new Error(`${failed} requests failed during the throughput run against ${url}`);
  return done / ((performance.now() - started) / 1000);
}

async function startHelloWorld(): Promise<{ url: string; close: () => Promise<void> }> {
  const apollo = new ApolloServer({ typeDefs: 'type Query { hello: String! }', resolvers: { Query: { hello: () => 'world' } } });
  await apollo.start();
  const app = express();
  app.use('/graphql', express.json(), expressMiddleware(apollo));
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  server.keepAliveTimeout = 65_000;
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await apollo.stop();
    },
  };
}

export async function runDataBench(
  log: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Promise<BenchRow[]> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'portal-data-bench-'));
  const database = await startEmbeddedDatabase({ binary: await ensureFerretDbBinary(log), dataDir: path.join(dataDir, 'db') });
  // In its own thread, like a remote Nextcloud (see simulator-thread.ts).
  const simulator = await startSimulatorThread();
  const config = parseConfig({
    MONGODB_URI: database.uri,
    DATA_DIR: dataDir,
    PORT: '0',
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
    RATE_LIMIT_PER_MINUTE: '1000000',
  });
  const gateway = await startGateway(config, {
    dbName: 'data_bench',
    simulator: simulator.asSimulator(),
    logger: createLogger({ level: 'silent' }),
  });
  const hello = await startHelloWorld();
  const rows: BenchRow[] = [];
  try {
    const headers = await signIn(gateway);
    const graphql = `${gateway.url}/graphql`;
    const post = createClient(graphql, headers);
    // A running gateway is warm: time it after the JIT has compiled the request path.
    for (let i = 0; i < WARM_UP_RUNS; i++) {
      const warm = await post(DASHBOARD);
      if (warm.errors) throw new Error(`dashboard failed: ${JSON.stringify(warm.errors)}`);
    }
    // Without latency: what the gateway, the simulator (own thread) and the client spend.
    const processing: number[] = [];
    const cpuBefore = { main: threadCpuMs(), simulator: await simulator.cpuMs() };
    for (let i = 0; i < PROCESSING_RUNS; i++) {
      const started = performance.now();
      await post(DASHBOARD);
      processing.push(performance.now() - started);
    }
    // Where that time is spent: this thread (gateway and bench client share it) and the simulator's.
    // The simulator answers a dashboard's calls one after another on its one thread, so its CPU
    // is part of the figure above; a real Nextcloud's work falls inside its round trip instead.
    const cpuAfter = { main: threadCpuMs(), simulator: await simulator.cpuMs() };
    const cpuPerDashboard = (before: number | null, after: number | null) =>
      before === null || after === null ? null : round((after - before) / PROCESSING_RUNS, 2);
    await simulator.setFaults('demo', { latencyMs: LATENCY_MS });
    log(`customer data benchmark (simulator latency ${LATENCY_MS} ms per call)`);
    await simulator.clearCalls('demo');
    await post(DASHBOARD);
    const calls = await simulator.calls('demo');
    // A record is the customer's through `client`, or through the contact when it has no client;
    // OpenRegister's filters combine with AND only, so a resource with both paths takes two calls
    // in the same wave. What must not happen is the same rows being asked for twice.
    const perQuery = new Map<string, number>();
    for (const call of calls) {
      const key = `${call.path}?${call.query}`;
      perQuery.set(key, (perQuery.get(key) ?? 0) + 1);
    }
    const resources = new Set(calls.map((call) => call.path));
    // Calls that reach the simulator within one latency of the first of a wave were sent together.
    const starts = calls.map((c) => c.at).sort((a, b) => a - b);
    let waves = 0;
    let waveStart = -Infinity;
    for (const at of starts) {
      if (at - waveStart < LATENCY_MS) continue;
      waves += 1;
      waveStart = at;
    }
    rows.push({ name: 'upstream calls per dashboard query', value: calls.length, unit: 'calls' });
    rows.push({ name: 'upstream resources asked (client and contact-only owner paths)', value: resources.size, unit: 'res' });
    rows.push({ name: 'upstream round trips per dashboard query', value: waves, unit: 'waves', goal: '1' });
    rows.push({
      name: 'most calls with the same resource and query',
      value: Math.max(...perQuery.values()),
      unit: 'calls',
      goal: '≤ 1',
    });

    const latencies: number[] = [];
    for (let i = 0; i < 60; i++) {
      const started = performance.now();
      const result = await post(DASHBOARD);
      latencies.push(performance.now() - started);
      if (result.errors) throw new Error('dashboard failed during the run');
    }
    const p50 = percentile(latencies, 50);
    const roundTrip = await oneRoundTrip(simulator.urls.demo!, calls, 30);
    rows.push({ name: `dashboard p50 (${LATENCY_MS} ms per Nextcloud call)`, value: round(p50), unit: 'ms' });
    rows.push({ name: '  one Nextcloud round trip (slowest dashboard call alone, p50)', value: round(roundTrip), unit: 'ms' });
    rows.push({ name: '  dashboard ÷ one round trip', value: round(p50 / roundTrip, 2), unit: '×', goal: '≤ 1.2' });
    rows.push({ name: 'dashboard p95', value: round(percentile(latencies, 95)), unit: 'ms' });
    rows.push({
      name: 'dashboard p50 at 0 ms latency (gateway + simulator thread + client)',
      value: round(percentile(processing, 50)),
      unit: 'ms',
      goal: '≤ 6',
    });
    const mainCpu = cpuPerDashboard(cpuBefore.main, cpuAfter.main);
    const simulatorCpu = cpuPerDashboard(cpuBefore.simulator, cpuAfter.simulator);
    if (mainCpu !== null) rows.push({ name: '  of which CPU: gateway + bench client thread', value: mainCpu, unit: 'ms' });
    if (simulatorCpu !== null)
      rows.push({ name: '  of which CPU: simulator thread (stand-in Nextcloud)', value: simulatorCpu, unit: 'ms' });

    const naive: number[] = [];
    let naiveCalls = 0;
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      naiveCalls = await naiveDashboard(gateway);
      naive.push(performance.now() - started);
    }
    const naiveP50 = percentile(naive, 50);
    rows.push({ name: `naive dashboard (${naiveCalls} sequential calls) p50`, value: round(naiveP50, 0), unit: 'ms' });
    rows.push({ name: 'naive ÷ gateway dashboard latency', value: round(naiveP50 / p50, 1), unit: '×' });

    await simulator.setFaults('demo', { latencyMs: 0 });
    const concurrency = 16;
    const durationMs = 4_000;
    await throughput(graphql, SIMPLE, headers, 500, concurrency);
    await throughput(hello.url, '{ hello }', {}, 500, concurrency);
    const gatewayRps = await throughput(graphql, SIMPLE, headers, durationMs, concurrency);
    const helloRps = await throughput(hello.url, '{ hello }', {}, durationMs, concurrency);
    rows.push({ name: `signed-in viewer query (${concurrency} clients)`, value: round(gatewayRps, 0), unit: 'req/s' });
    rows.push({ name: `bare Apollo Server hello-world (${concurrency} clients)`, value: round(helloRps, 0), unit: 'req/s' });
    rows.push({ name: 'gateway ÷ hello-world throughput', value: round(gatewayRps / helloRps, 2), unit: '×', goal: '≥ 0.5' });
    return rows;
  } finally {
    await hello.close();
    await gateway.close();
    await simulator.close();
    await database.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const rows = await runDataBench();
  const width = Math.max(...rows.map((r) => r.name.length));
  for (const row of rows) {
    process.stdout.write(
      `${row.name.padEnd(width)}  ${String(row.value).padStart(10)} ${row.unit.padEnd(5)} ${row.goal ? `goal ${row.goal}` : ''}\n`,
    );
  }
}
