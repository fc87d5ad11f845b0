import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { authenticate } from './auth.js';
import type { RequestContext } from './context.js';
import { Deadlines } from './deadlines.js';
import { demoSeeds } from './demo-data.js';
import { FaultState, type SimulatorFaults } from './faults.js';
import { encodeResponse, exceptionPage, writeResponse, type SimResponse } from './http.js';
import { parsePhpQuery } from './php-query.js';
import { dispatch } from './router.js';
import type { InstanceData, InstanceOptions, InstanceSeed } from './types.js';

/**
 * A stand-in Nextcloud + OpenRegister: one real HTTP server per simulated Nextcloud, each on its own
 * port so a tenant's base URL has no path, each with its own data, faults and call log.
 *
 * Knobs: per instance `setFaults({ latencyMs, errorRate, down, quota, seed })`; per seed
 * `options` (`multitenancy` on by default, `adminOverride`, `gzipQuirk` for §12.3's unrequested
 * gzip label, `nextcloudVersion`). Lists without `_order` come back in insertion order, which the
 * real server does not promise: clients must always send `_order`.
 */

export type { SimulatorFaults } from './faults.js';
export type * from './types.js';
export { DEMO, demoSeeds } from './demo-data.js';
export { BASE_DATE } from './demo-builder.js';

export interface SimulatorCall {
  method: string;
  path: string;
  /** The raw query string, without `?`. */
  query: string;
  /** 0 when the connection was destroyed (instance down). */
  status: number;
  /** The authenticated login, null for anonymous or refused credentials. */
  user: string | null;
  at: number;
}

export interface SimulatedNextcloud {
  readonly name: string;
  readonly url: string;
  readonly data: InstanceData;
  setFaults(f: Partial<SimulatorFaults>): void;
  resetFaults(): void;
  calls(): SimulatorCall[];
  clearCalls(): void;
}

export interface Simulator {
  readonly instances: Record<string, SimulatedNextcloud>;
  instance(name: string): SimulatedNextcloud;
  close(): Promise<void>;
}

const DEFAULT_OPTIONS: InstanceOptions = {
  multitenancy: true,
  adminOverride: false,
  gzipQuirk: false,
  nextcloudVersion: '31.0.5.1',
};

function dataFromSeed(seed: InstanceSeed): InstanceData {
  // A private copy: two simulators started from the same seeds must not share mutations.
  const copy = structuredClone(seed);
  return {
    name: copy.name,
    users: copy.users,
    organisations: copy.organisations,
    registers: copy.registers,
    schemas: copy.schemas,
    objects: copy.objects,
    files: copy.files,
    options: { ...DEFAULT_OPTIONS, ...copy.options },
    nextObjectId: Math.max(0, ...copy.objects.map((o) => o.id)) + 1,
    nextFileId: Math.max(0, ...copy.files.map((f) => f.id)) + 1,
  };
}

/** Nextcloud request ids are 20 url-safe characters. */
function newRequestId(): string {
  return randomBytes(15).toString('base64url');
}

async function startInstance(
  seed: InstanceSeed,
  host: string,
  port = 0,
): Promise<{ instance: SimulatedNextcloud; server: Server }> {
  const data = dataFromSeed(seed);
  const faults = new FaultState();
  const deadlines = new Deadlines();
  const log: SimulatorCall[] = [];
  const sockets = new Set<Socket>();
  let url = '';

  async function handle(req: IncomingMessage, res: ServerResponse, at: number, arrived: number): Promise<void> {
    const parsed = new URL(req.url ?? '/', 'http://simulator.invalid');
    const entry: SimulatorCall = {
      method: req.method ?? 'GET',
      path: parsed.pathname,
      query: parsed.search.slice(1),
      status: 0,
      user: null,
      at,
    };
    log.push(entry);
    const auth = authenticate(req, data);
    const user = auth.kind === 'user' ? auth.user : null;
    entry.user = user?.id ?? null;
    // A dead host: the connection just goes away, no HTTP answer at all.
    if (faults.faults.down) {
      await waitOutLatency(arrived);
      req.socket.destroy();
      return;
    }
    const requestId = newRequestId();
    let response: SimResponse;
    try {
      const decision = faults.decide(at);
      if (decision.kind === 'error') response = exceptionPage(requestId);
      else if (decision.kind === 'quota') response = decision.response;
      else {
        const ctx: RequestContext = {
          req,
          data,
          baseUrl: url,
          requestId,
          method: entry.method,
          path: parsed.pathname.replace(/^\/index\.php(?=\/)/, ''),
          search: parsed.searchParams,
          query: parsePhpQuery(parsed.search.slice(1)),
          user,
        };
        response = await dispatch(ctx, auth);
      }
    } catch {
      // Anything unexpected is what Nextcloud shows for an uncaught exception.
      response = exceptionPage(requestId);
    }
    const encoded = encodeResponse(req, requestId, response);
    await waitOutLatency(arrived);
    // Gone down while this request was in flight: the answer never leaves (its effects stay, as on a crashed host).
    if (faults.faults.down) {
      req.socket.destroy();
      return;
    }
    entry.status = response.status;
    writeResponse(req, res, encoded);
  }

  /**
   * `latencyMs` is how long a call takes, the server's own work included: a real Nextcloud works
   * on many requests at once, so calls sent together all answer after about one latency, not one
   * after another as this single thread would otherwise make them.
   */
  function waitOutLatency(arrived: number): Promise<void> {
    return deadlines.until(arrived + faults.faults.latencyMs);
  }

  // Each call's clock starts when it is read off its connection. With a latency set, the work
  // waits a moment, so calls sent together are all read (and their clocks started) before this
  // one thread works through them: otherwise the later ones would start their clock only after
  // the work on the earlier ones, and calls that a real Nextcloud answers side by side would
  // come back one after another.
  const server = createServer((req, res) => {
    const at = Date.now();
    const arrived = performance.now();
    if (faults.faults.latencyMs > 0) setTimeout(() => void handle(req, res, at, arrived), 1);
    else void handle(req, res, at, arrived);
  });
  // While down, sockets are destroyed once a request arrives rather than on connect, so every
  // attempt still shows up in the call log (status 0) and retries can be counted.
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const bound = (server.address() as AddressInfo).port;
  url = `http://${host.includes(':') ? `[${host}]` : host}:${bound}`;

  const instance: SimulatedNextcloud = {
    name: data.name,
    url,
    data,
    setFaults(update) {
      faults.set(update);
      // Going down also kills idle keep-alive connections, as a crashed host would.
      if (update.down) for (const socket of sockets) socket.destroy();
    },
    resetFaults: () => faults.reset(),
    calls: () => log.map((c) => ({ ...c })),
    clearCalls: () => void log.splice(0, log.length),
  };
  return { instance, server };
}

/**
 * `basePort` puts the instances on consecutive ports from there (in seed order) so a standalone
 * simulator keeps its addresses across restarts; without it each instance takes a free port.
 */
export async function startSimulator(
  options: { host?: string; seeds?: InstanceSeed[]; basePort?: number } = {},
): Promise<Simulator> {
  const host = options.host ?? '127.0.0.1';
  const seeds = options.seeds ?? demoSeeds();
  const portOf = (index: number) => (options.basePort ? options.basePort + index : 0);
  const settled = await Promise.allSettled(seeds.map((seed, index) => startInstance(seed, host, portOf(index))));
  const started = settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const failed = settled.find((result) => result.status === 'rejected');
  if (failed) {
    // One port was taken: close the instances that did start, so a failed start leaves nothing listening.
    await Promise.all(started.map(({ server }) => new Promise<void>((resolve) => server.close(() => resolve()))));
    throw failed.reason;
  }
  const instances: Record<string, SimulatedNextcloud> = {};
  for (const { instance } of started) instances[instance.name] = instance;
  return {
    instances,
    instance(name) {
      const found = instances[name];
      if (!found) throw new Error(`No simulated Nextcloud named '${name}'`);
      return found;
    },
    async close() {
      await Promise.all(
        started.map(
          ({ server }) =>
            new Promise<void>((resolve) => {
              server.close(() => resolve());
              server.closeAllConnections();
            }),
        ),
      );
    },
  };
}
