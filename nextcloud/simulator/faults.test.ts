import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type SimulatedNextcloud, type Simulator } from './index.js';
import { AS_SERVICE, WRONG_PASSWORD } from './testing.js';

// Fault injection and the call log.
let sim: Simulator;
let demo: SimulatedNextcloud;
const path = '/index.php/apps/openregister/api/objects/pipelinq/client';
const hit = (query = '_limit=1', headers: Record<string, string> = AS_SERVICE) =>
  fetch(`${demo.url}${path}?${query}`, { headers });

beforeAll(async () => {
  sim = await startSimulator();
  demo = sim.instance('demo');
});
afterEach(() => {
  demo.resetFaults();
  demo.clearCalls();
});
afterAll(() => sim.close());

describe('faults', () => {
  it('delays every response by latencyMs', async () => {
    demo.setFaults({ latencyMs: 150 });
    const started = performance.now();
    expect((await hit()).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('calls sent together all answer after one latency, however long this one thread works on each', async () => {
    // Every transaction with its files: a few milliseconds of rendering, JSON and gzip per call.
    const heavy = () =>
      fetch(`${demo.url}/index.php/apps/openregister/api/objects/5/24?_limit=5000&_extend=@self.files`, {
        headers: { ...AS_SERVICE, 'accept-encoding': 'gzip' },
      });
    /** When each of sixteen calls sent at once answered (ms after sending, at its headers). */
    const sendTogether = async () => {
      const started = performance.now();
      const answers = await Promise.all(
        Array.from({ length: 16 }, async () => {
          const response = await heavy();
          return { response, at: performance.now() - started };
        }),
      );
      // Bodies are read once every answer has begun, so reading one does not delay the next.
      for (const { response } of answers) {
        expect(response.status).toBe(200);
        await response.arrayBuffer();
      }
      return answers.map(({ at }) => at);
    };
    const spread = (times: number[]) => Math.max(...times) - Math.min(...times);
    await sendTogether(); // opens the connections, so the requests below are on the wire at once
    // What sixteen calls cost this thread one after another, on this machine at this moment.
    const serialStarted = performance.now();
    for (let i = 0; i < 16; i++) await (await heavy()).arrayBuffer();
    const serial = performance.now() - serialStarted;
    demo.setFaults({ latencyMs: 200 });
    const withLatency = await sendTogether();
    expect(Math.min(...withLatency)).toBeGreaterThanOrEqual(190);
    // Were each call's clock started only once the calls before it had been worked through, the
    // last would answer about fifteen calls' work after the first (most of `serial`).
    expect(spread(withLatency)).toBeLessThan(serial / 3);
  });

  it('errorRate 1 answers every request with the 500 HTML page; 0 with none', async () => {
    demo.setFaults({ errorRate: 1 });
    for (let i = 0; i < 5; i++) {
      const response = await hit();
      expect(response.status).toBe(500);
      expect(response.headers.get('content-type')).toContain('text/html');
      expect(await response.text()).toContain('Internal Server Error');
    }
    demo.setFaults({ errorRate: 0 });
    for (let i = 0; i < 5; i++) expect((await hit()).status).toBe(200);
  });

  it('a seeded errorRate fails the same requests on every run', async () => {
    const run = async () => {
      demo.setFaults({ errorRate: 0.5, seed: 42 });
      const statuses: number[] = [];
      for (let i = 0; i < 20; i++) statuses.push((await hit()).status);
      return statuses;
    };
    const first = await run();
    expect(await run()).toEqual(first);
    expect(first).toContain(500);
    expect(first).toContain(200);
  });

  it('down destroys connections like a dead host; reset brings it back', async () => {
    demo.setFaults({ down: true });
    await expect(hit()).rejects.toThrow();
    demo.resetFaults();
    expect((await hit()).status).toBe(200);
  });

  it('the quota mode answers 429 with Retry-After once the quota is used', async () => {
    demo.setFaults({ quota: 2 });
    expect((await hit()).status).toBe(200);
    expect((await hit()).status).toBe(200);
    const limited = await hit();
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await limited.json()).toMatchObject({
      error: 'Request quota exceeded',
      quota: 2,
      resetAt: expect.stringMatching(/:00:00\+00:00$/),
    });
  });
});

describe('call log', () => {
  it('records method, path, raw query, status and the authenticated login, oldest first', async () => {
    await hit('_limit=1&_order[name]=asc');
    await hit('_limit=2', WRONG_PASSWORD);
    await fetch(`${demo.url}/status.php`);
    const calls = demo.calls();
    expect(calls.map(({ at: _at, ...rest }) => rest)).toEqual([
      { method: 'GET', path, query: '_limit=1&_order[name]=asc', status: 200, user: 'portal-service' },
      { method: 'GET', path, query: '_limit=2', status: 401, user: null },
      { method: 'GET', path: '/status.php', query: '', status: 200, user: null },
    ]);
    expect(calls[0]!.at).toBeLessThanOrEqual(calls[2]!.at);
    expect(sim.instance('other').calls()).toEqual([]);
  });

  it('logs a request to a down instance with status 0', async () => {
    demo.setFaults({ down: true });
    // Let the client notice its pooled connection was killed, so the attempt reaches the server.
    await new Promise((resolve) => setTimeout(resolve, 50));
    await hit().catch(() => undefined);
    expect(demo.calls().map((c) => c.status)).toEqual([0]);
  });

  it('clearCalls empties the log', async () => {
    await hit();
    demo.clearCalls();
    expect(demo.calls()).toEqual([]);
  });
});
