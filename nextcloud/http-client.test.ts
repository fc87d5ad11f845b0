import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '../core/errors.js';
import { createLogger } from '../core/logger.js';
import { createMetrics } from '../core/metrics.js';
import { CircuitBreaker } from './circuit-breaker.js';
import { captureLogs, failureOf, upstreamCount } from './connector.test-support.js';
import { NextcloudHttpClient, type HttpClientOptions } from './http-client.js';
import { MAX_BODY_BYTES } from './http-transport.js';

/**
 * The HTTP layer against a scripted server, for the statuses the simulator has no knob for
 * (502/503/504, short Retry-After, redirects) and for the exact headers sent.
 */

interface Scripted {
  status: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

let server: Server;
let baseUrl: string;
let script: Scripted[] = [];
let seen: Array<{ method: string; url: string; headers: IncomingHttpHeaders; body: string; port: number | undefined }> = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
        port: req.socket.remotePort,
      });
      const next = script.shift() ?? { status: 200, body: '{"ok":true}' };
      res.writeHead(next.status, { 'Content-Type': 'application/json', ...next.headers });
      res.end(next.body ?? '{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/nc`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  script = [];
  seen = [];
});

function client(overrides: Partial<HttpClientOptions> = {}) {
  const sleeps: number[] = [];
  const metrics = createMetrics();
  const http = new NextcloudHttpClient({
    tenantId: 't1',
    baseUrl,
    credentials: { loginName: 'svc', appPassword: 's3cret' },
    timeoutMs: 1_000,
    budgetMs: 5_000,
    maxRetries: 2,
    retryAfterCapMs: 2_000,
    metrics,
    logger: createLogger({ level: 'silent' }),
    breaker: new CircuitBreaker({ failureThreshold: 10 }),
    sleep: async (ms) => void sleeps.push(ms),
    random: () => 0.5,
    ...overrides,
  });
  return { http, sleeps, metrics };
}

describe('NextcloudHttpClient', () => {
  it('sends Basic auth, OCS-APIRequest and Accept on every call, Content-Type only on writes', async () => {
    const { http } = client();
    await http.request({ method: 'GET', path: '/x', resource: 'r', query: new URLSearchParams({ a: '1' }) });
    await http.request({ method: 'POST', path: '/x', resource: 'r', body: { title: 'é' } });
    const [get, post] = seen;
    expect(get!.url).toBe('/nc/x?a=1');
    expect(get!.headers.authorization).toBe(`Basic ${Buffer.from('svc:s3cret').toString('base64')}`);
    expect(get!.headers['ocs-apirequest']).toBe('true');
    expect(get!.headers.accept).toBe('application/json');
    expect(get!.headers['content-type']).toBeUndefined();
    expect(post!.headers['content-type']).toBe('application/json');
    expect(JSON.parse(post!.body)).toEqual({ title: 'é' });
  });

  it('asks for gzip, decodes a gzip body, and reads a body labelled gzip but sent plain (§12.3) as it is', async () => {
    const list = JSON.stringify({ results: [{ id: 'a' }], total: 1 });
    script = [
      { status: 200, headers: { 'Content-Encoding': 'gzip' }, body: gzipSync(list) },
      { status: 200, headers: { 'Content-Encoding': 'gzip' }, body: list },
    ];
    const { http } = client();
    const compressed = await http.request({ method: 'GET', path: '/x', resource: 'r' });
    const mislabelled = await http.request({ method: 'GET', path: '/x', resource: 'r' });
    expect(seen[0]!.headers['accept-encoding']).toBe('gzip');
    expect(compressed.json).toEqual({ results: [{ id: 'a' }], total: 1 });
    expect(mislabelled.json).toEqual({ results: [{ id: 'a' }], total: 1 });
  });

  it('keeps the connection alive between calls (one TCP connection for calls made one after another)', async () => {
    const { http } = client();
    for (let i = 0; i < 3; i += 1) await http.request({ method: 'GET', path: '/x', resource: 'r' });
    expect(new Set(seen.map((s) => s.port)).size).toBe(1);
  });

  it('streams a download decoded, with its headers readable by any case', async () => {
    script = [{ status: 200, headers: { 'Content-Encoding': 'gzip', 'X-Thing': 'yes' }, body: gzipSync('file bytes') }];
    const { http } = client();
    const res = await http.request({ method: 'GET', path: '/f', resource: 'r', stream: true });
    const chunks: Buffer[] = [];
    for await (const chunk of res.body!) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('file bytes');
    expect(res.headers.get('x-thing')).toBe('yes');
    expect(res.headers.get('Content-Encoding')).toBe('gzip');
    expect(res.headers.get('retry-after')).toBeNull();
  });

  it('gives up on a server that stalls mid-body within the timeout, and counts it as a timeout', async () => {
    const stalling = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('{"results":[');
    });
    await new Promise<void>((resolve) => stalling.listen(0, '127.0.0.1', resolve));
    try {
      const { http, metrics } = client({
        baseUrl: `http://127.0.0.1:${(stalling.address() as AddressInfo).port}`,
        timeoutMs: 100,
        maxRetries: 0,
      });
      expect((await failureOf(http.request({ method: 'GET', path: '/x', resource: 'r' }))).code).toBe(
        ErrorCode.UPSTREAM_UNAVAILABLE,
      );
      expect(await upstreamCount(metrics, { tenant: 't1', resource: 'r', outcome: 'timeout' })).toBe(1);
    } finally {
      stalling.closeAllConnections();
      await new Promise<void>((resolve) => stalling.close(() => resolve()));
    }
  });

  it('refuses an answer too large to hold (a 64 MiB gzip bomb, or an endless plain body) without holding it', async () => {
    const bomb = gzipSync(Buffer.alloc(MAX_BODY_BYTES * 2));
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const endless = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      // Writes until the client hangs up: far more than the cap, never an end.
      const pump = () => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once('drain', pump);
      };
      pump();
    });
    await new Promise<void>((resolve) => endless.listen(0, '127.0.0.1', resolve));
    try {
      script = [{ status: 200, headers: { 'Content-Encoding': 'gzip' }, body: bomb }];
      const { http } = client({ maxRetries: 0 });
      expect((await failureOf(http.request({ method: 'GET', path: '/x', resource: 'r' }))).code).toBe(
        ErrorCode.UPSTREAM_UNAVAILABLE,
      );
      const { http: toEndless, metrics } = client({
        baseUrl: `http://127.0.0.1:${(endless.address() as AddressInfo).port}`,
        maxRetries: 0,
      });
      expect((await failureOf(toEndless.request({ method: 'GET', path: '/x', resource: 'r' }))).code).toBe(
        ErrorCode.UPSTREAM_UNAVAILABLE,
      );
      expect(await upstreamCount(metrics, { tenant: 't1', resource: 'r', outcome: 'network_error' })).toBe(1);
    } finally {
      endless.closeAllConnections();
      await new Promise<void>((resolve) => endless.close(() => resolve()));
    }
  });

  it('retries a GET on 502/503/504 and returns the eventual answer', async () => {
    script = [{ status: 503 }, { status: 504 }, { status: 200, body: '{"n":1}' }];
    const { http, sleeps, metrics } = client();
    const res = await http.request({ method: 'GET', path: '/x', resource: 'r' });
    expect(res.json).toEqual({ n: 1 });
    expect(seen).toHaveLength(3);
    expect(sleeps).toEqual([75, 150]);
    expect(await upstreamCount(metrics, { tenant: 't1', resource: 'r', outcome: 'server_error' })).toBe(2);
    expect(await upstreamCount(metrics, { tenant: 't1', resource: 'r', outcome: 'ok' })).toBe(1);
  });

  it('stops after two retries', async () => {
    script = [{ status: 502 }, { status: 502 }, { status: 502 }, { status: 200 }];
    const { http } = client();
    expect((await failureOf(http.request({ method: 'GET', path: '/x', resource: 'r' }))).code).toBe(
      ErrorCode.UPSTREAM_UNAVAILABLE,
    );
    expect(seen).toHaveLength(3);
  });

  it('honours a short Retry-After on 429 and refuses to wait out a long one', async () => {
    script = [{ status: 429, headers: { 'Retry-After': '1' } }, { status: 200 }];
    const first = client();
    await first.http.request({ method: 'GET', path: '/x', resource: 'r' });
    expect(first.sleeps).toEqual([1_000]);

    seen = [];
    script = [{ status: 429, headers: { 'Retry-After': '3600' } }, { status: 200 }];
    const second = client();
    await failureOf(second.http.request({ method: 'GET', path: '/x', resource: 'r' }));
    expect(seen).toHaveLength(1);
    expect(second.sleeps).toEqual([]);
  });

  it('never retries POST or PATCH', async () => {
    script = [{ status: 503 }, { status: 503 }];
    const { http } = client();
    await failureOf(http.request({ method: 'POST', path: '/x', resource: 'r', body: {} }));
    await failureOf(http.request({ method: 'PATCH', path: '/x', resource: 'r', body: {} }));
    expect(seen.map((s) => s.method)).toEqual(['POST', 'PATCH']);
  });

  it('does not follow redirects (credentials stay on the configured host) and calls it a configuration error', async () => {
    script = [{ status: 302, headers: { Location: 'https://evil.example/login' } }];
    const { http } = client();
    const error = await failureOf(http.request({ method: 'GET', path: '/x', resource: 'r' }));
    expect(error.code).toBe(ErrorCode.NOT_CONFIGURED);
    expect(error.reason).toMatch(/redirected/);
    expect(seen).toHaveLength(1);
  });

  it('returns 4xx answers to the caller without retrying', async () => {
    script = [{ status: 404, body: '{"error":"Not Found"}' }];
    const { http, metrics } = client();
    const res = await http.request({ method: 'GET', path: '/x', resource: 'r' });
    expect(res.status).toBe(404);
    expect(res.json).toEqual({ error: 'Not Found' });
    expect(await upstreamCount(metrics, { tenant: 't1', resource: 'r', outcome: 'not_found' })).toBe(1);
  });

  it('counts 5xx and 429 against the breaker, other answers for it', async () => {
    const breaker = new CircuitBreaker({ failureThreshold: 2 });
    const { http } = client({ breaker, maxRetries: 0 });
    script = [{ status: 401 }, { status: 404 }, { status: 400 }];
    for (let i = 0; i < 3; i += 1) await http.request({ method: 'GET', path: '/x', resource: 'r' });
    expect(breaker.state).toBe('closed');
    script = [{ status: 500 }, { status: 429 }];
    await failureOf(http.request({ method: 'GET', path: '/x', resource: 'r' }));
    await failureOf(http.request({ method: 'GET', path: '/x', resource: 'r' }));
    expect(breaker.state).toBe('open');
  });

  it('sends other credentials when asked (staff sign-in), and none at all for anonymous probes', async () => {
    const { http } = client();
    await http.request({ method: 'GET', path: '/x', resource: 'r', credentials: { loginName: 'jan', appPassword: 'pw2' } });
    await http.request({ method: 'GET', path: '/status.php', resource: 'r', credentials: null });
    expect(seen[0]!.headers.authorization).toBe(`Basic ${Buffer.from('jan:pw2').toString('base64')}`);
    expect(seen[1]!.headers.authorization).toBeUndefined();
    expect(seen[1]!.url).toBe('/nc/status.php');
  });

  it('does not retry a probe that asks for an honest first answer, nor a 500 (it would fail again)', async () => {
    script = [{ status: 503 }, { status: 200 }];
    const { http } = client();
    await failureOf(http.request({ method: 'GET', path: '/x', resource: 'r', retry: false }));
    expect(seen).toHaveLength(1);

    seen = [];
    script = [{ status: 500 }, { status: 200 }];
    const second = client();
    expect((await failureOf(second.http.request({ method: 'GET', path: '/x', resource: 'r' }))).code).toBe(
      ErrorCode.UPSTREAM_UNAVAILABLE,
    );
    expect(seen).toHaveLength(1);
    expect(await upstreamCount(second.metrics, { tenant: 't1', resource: 'r', outcome: 'server_error' })).toBe(1);
  });

  it('waits out a Retry-After of exactly the cap', async () => {
    script = [{ status: 429, headers: { 'Retry-After': '2' } }, { status: 200 }];
    const { http, sleeps } = client({ retryAfterCapMs: 2_000 });
    await http.request({ method: 'GET', path: '/x', resource: 'r' });
    expect(sleeps).toEqual([2_000]);
  });

  it('refuses calls without sending them while the circuit is open, and counts them', async () => {
    const breaker = new CircuitBreaker({ failureThreshold: 1, cooldownMs: 60_000 });
    const logs = captureLogs();
    const { http, metrics } = client({ breaker, maxRetries: 0, logger: logs.logger });
    script = [{ status: 503 }];
    await failureOf(http.request({ method: 'GET', path: '/x', resource: 'r' }));
    expect(breaker.state).toBe('open');
    expect((await failureOf(http.request({ method: 'GET', path: '/x', resource: 'r' }))).code).toBe(
      ErrorCode.UPSTREAM_UNAVAILABLE,
    );
    expect(seen).toHaveLength(1);
    expect(await upstreamCount(metrics, { tenant: 't1', resource: 'r', outcome: 'circuit_open' })).toBe(1);
    expect(logs.lines().filter((l) => l.msg === 'nextcloud circuit open; call refused')).toMatchObject([
      { tenant: 't1', resource: 'r' },
    ]);
  });

  it('reads a body that is not JSON (an HTML error page) as no JSON rather than failing', async () => {
    script = [{ status: 200, headers: { 'Content-Type': 'text/html' }, body: '<html>login</html>' }];
    const { http } = client();
    const res = await http.request({ method: 'GET', path: '/x', resource: 'r' });
    expect(res.status).toBe(200);
    expect(res.json).toBeUndefined();
  });

  it('labels outcomes for the metrics: 5xx from 500 up, other non-2xx answers as client errors', async () => {
    script = [{ status: 500 }, { status: 302, headers: { Location: '/login' } }, { status: 300 }];
    const { http, metrics } = client({ maxRetries: 0 });
    await failureOf(http.request({ method: 'GET', path: '/x', resource: 'r' }));
    await failureOf(http.request({ method: 'GET', path: '/x', resource: 'r' }));
    await failureOf(http.request({ method: 'GET', path: '/x', resource: 'r' }));
    expect(await upstreamCount(metrics, { tenant: 't1', resource: 'r', outcome: 'server_error' })).toBe(1);
    expect(await upstreamCount(metrics, { tenant: 't1', resource: 'r', outcome: 'client_error' })).toBe(2);
  });

  it('logs outages as warnings with the path but never the query (it can hold what customers typed)', async () => {
    const logs = captureLogs();
    const { http } = client({ maxRetries: 0, logger: logs.logger });
    const ask = (path: string) =>
      http.request({ method: 'GET', path, resource: 'r', query: new URLSearchParams({ _search: 'jansen' }) }).catch(() => null);
    script = [{ status: 503 }, { status: 429 }, { status: 401 }, { status: 404 }, { status: 200 }];
    for (const path of ['/a', '/b', '/c', '/d', '/e']) await ask(path);
    const failed = logs.lines().filter((l) => l.msg === 'nextcloud call failed');
    expect(failed).toMatchObject([
      { level: 40, tenant: 't1', resource: 'r', method: 'GET', path: '/a', status: 503, outcome: 'server_error' },
      { level: 40, path: '/b', status: 429, outcome: 'client_error' },
      { level: 20, path: '/c', status: 401, outcome: 'client_error' },
    ]);
    expect(logs.text()).not.toContain('jansen');
  });

  it('logs a redirect as a configuration problem of the tenant', async () => {
    const logs = captureLogs();
    script = [{ status: 301, headers: { Location: 'https://nc.example.nl/nc/x' } }];
    const { http } = client({ logger: logs.logger });
    await failureOf(http.request({ method: 'GET', path: '/x', resource: 'r' }));
    expect(logs.lines().filter((l) => l.msg === 'nextcloud configuration error')).toMatchObject([
      { level: 40, tenant: 't1', resource: 'r', reason: 'Nextcloud redirected (301); check the base URL' },
    ]);
  });

  it('records how long a call took in seconds', async () => {
    const { http, metrics } = client();
    await http.request({ method: 'GET', path: '/x', resource: 'r' });
    const { values } = await metrics.upstreamDuration.get();
    const sum = values.find((v) => v.metricName === 'portal_upstream_request_duration_seconds_sum');
    expect(sum?.value).toBeGreaterThan(0);
    expect(sum?.value).toBeLessThan(1);
  });

  it('reads a refused download as an answer, and streams a plain one unchanged', async () => {
    script = [
      { status: 404, body: '{"error":"not found"}' },
      { status: 200, headers: { 'Content-Type': 'application/pdf' }, body: Buffer.from([0x1f, 0x8b, 0x25, 0x50]) },
    ];
    const { http } = client();
    const refused = await http.request({ method: 'GET', path: '/f', resource: 'r', stream: true });
    expect(refused).toMatchObject({ status: 404, json: { error: 'not found' }, body: null });
    const plain = await http.request({ method: 'GET', path: '/f', resource: 'r', stream: true });
    const chunks: Buffer[] = [];
    for await (const chunk of plain.body!) chunks.push(chunk as Buffer);
    expect([...Buffer.concat(chunks)]).toEqual([0x1f, 0x8b, 0x25, 0x50]);
  });

  it('fails fast as a network error when nothing listens', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const { http, metrics } = client({ baseUrl: `http://127.0.0.1:${port}`, maxRetries: 0, timeoutMs: 5_000 });
    const started = performance.now();
    expect((await failureOf(http.request({ method: 'GET', path: '/x', resource: 'r' }))).code).toBe(
      ErrorCode.UPSTREAM_UNAVAILABLE,
    );
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(await upstreamCount(metrics, { tenant: 't1', resource: 'r', outcome: 'network_error' })).toBe(1);
  });
});
