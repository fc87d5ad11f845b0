import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startSimulator, type SimulatedNextcloud, type Simulator } from './simulator/index.js';

/**
 * A proxy in front of the simulator that can replace the answer of one route, for upstream answers
 * the simulator has no switch for (an older OpenRegister, a refused route, a reverse proxy's page).
 * Everything it does not rewrite is passed through as the simulator answered it.
 */
export interface Answer {
  status: number;
  /** Sent as JSON, unless `raw` is given. */
  json?: unknown;
  /** Exact bytes and headers; `chunked` leaves Content-Length out. */
  raw?: { body: Buffer; headers: Record<string, string>; chunked?: boolean };
}

/** What the simulator answered, with the method of the request. */
export interface Received {
  method: string;
  status: number;
  /** The parsed body; undefined when it is not JSON. */
  json: unknown;
}

export type Rewrite = (path: string, received: Received) => Answer | undefined;

export interface RewritingProxy {
  url: string;
  /** Method and path with query, as the proxy received them, e.g. `GET /ocs/v2.php/cloud/user?format=json`. */
  seen: string[];
  /** Rewrites answers by path (without query); undefined passes the simulator's answer on. */
  rewrite: (fn: Rewrite) => void;
  reset: () => void;
  close: () => Promise<void>;
}

const FORWARDED = ['authorization', 'ocs-apirequest', 'accept', 'content-type'];
const PASSED_BACK = ['content-type', 'content-disposition'];

/** The connector only sends JSON bodies (uploads too, as base64), so text passes them on intact. */
async function readBody(req: http.IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return chunks.length ? Buffer.concat(chunks).toString('utf8') : undefined;
}

function send(res: http.ServerResponse, answer: Answer): void {
  if (!answer.raw) {
    res.writeHead(answer.status, { 'Content-Type': 'application/json' }).end(JSON.stringify(answer.json));
    return;
  }
  const length = answer.raw.chunked ? {} : { 'Content-Length': String(answer.raw.body.length) };
  res.writeHead(answer.status, { ...answer.raw.headers, ...length });
  if (answer.raw.chunked) res.write(answer.raw.body);
  res.end(answer.raw.chunked ? undefined : answer.raw.body);
}

export async function startRewritingProxy(target: string): Promise<RewritingProxy> {
  let rewrite: Rewrite = () => undefined;
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    void (async () => {
      const method = req.method ?? 'GET';
      seen.push(`${method} ${req.url ?? '/'}`);
      const headers = Object.fromEntries(FORWARDED.flatMap((h) => (req.headers[h] ? [[h, String(req.headers[h])]] : [])));
      const upstream = await fetch(`${target}${req.url}`, { method, headers, body: await readBody(req) });
      const body = Buffer.from(await upstream.arrayBuffer());
      let json: unknown;
      try {
        json = JSON.parse(body.toString('utf8'));
      } catch {
        json = undefined;
      }
      const path = new URL(req.url ?? '/', 'http://proxy').pathname;
      const passed = Object.fromEntries(
        PASSED_BACK.flatMap((h) => (upstream.headers.get(h) ? [[h, upstream.headers.get(h)!]] : [])),
      );
      send(
        res,
        rewrite(path, { method, status: upstream.status, json }) ?? { status: upstream.status, raw: { body, headers: passed } },
      );
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    rewrite: (fn) => void (rewrite = fn),
    reset: () => {
      rewrite = () => undefined;
      seen.length = 0;
    },
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The demo simulator with a rewriting proxy in front of its `demo` instance. */
export interface ProxiedSimulator {
  sim: Simulator;
  nc: SimulatedNextcloud;
  proxy: RewritingProxy;
}

/**
 * Starts the simulator and the proxy for a test file (the proxy's rewrites reset before each test)
 * and hands them to `use` once they run.
 */
export function useProxiedSimulator(use: (setup: ProxiedSimulator) => void): void {
  let setup: ProxiedSimulator | undefined;
  beforeAll(async () => {
    const sim = await startSimulator();
    const nc = sim.instance('demo');
    setup = { sim, nc, proxy: await startRewritingProxy(nc.url) };
    use(setup);
  });
  afterAll(async () => {
    await setup?.proxy.close();
    await setup?.sim.close();
  });
  beforeEach(() => setup?.proxy.reset());
}
