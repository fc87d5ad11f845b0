import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export interface EmbeddedDatabase {
  /** A MongoDB connection string without a database name, e.g. mongodb://127.0.0.1:41234 */
  readonly uri: string;
  readonly port: number;
  /** Stops the engine; the data stays in the data folder. */
  stop(): Promise<void>;
  /** Starts it again on the same port and data (used to prove the gateway survives an outage). */
  restart(): Promise<void>;
}

export async function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Whether nothing listens on host:port right now (checked by binding it for a moment). */
export async function isPortFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

function savedPort(portFile: string): number | null {
  try {
    const port = Number(readFileSync(portFile, 'utf8').trim());
    return Number.isInteger(port) && port > 0 && port < 65_536 ? port : null;
  } catch {
    return null;
  }
}

/**
 * The port of the last run when it is still free, else a new free one, which is saved for the next
 * run: processes given the engine's address (a second replica's MONGODB_URI, the command line)
 * find it again after a restart.
 */
async function stablePort(host: string, portFile: string): Promise<{ port: number; previous: number | null }> {
  const previous = savedPort(portFile);
  if (previous !== null && (await isPortFree(host, previous))) return { port: previous, previous };
  const port = await freePort(host);
  writeFileSync(portFile, `${port}\n`);
  return { port, previous };
}

async function waitUntilListening(host: string, port: number, child: ChildProcess, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`FerretDB exited during start-up (exit ${child.exitCode})`);
    const connected = await new Promise<boolean>((resolve) => {
      const socket = net.connect({ host, port }, () => {
        socket.destroy();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (connected) return;
    await sleep(50);
  }
  throw new Error(`FerretDB did not start listening on ${host}:${port} within ${timeoutMs} ms`);
}

/**
 * Runs the embedded engine as a child process on loopback. Its stdin is a pipe it watches: when
 * this process dies, even by SIGKILL, the engine stops too, so no orphan holds the data files.
 */
export async function startEmbeddedDatabase(options: {
  binary: string;
  dataDir: string;
  port?: number;
  /**
   * A file that keeps the port across runs (see stablePort); ignored when `port` is given. Without
   * either, every start takes a new free port.
   */
  portFile?: string;
  /** Told when the saved port was taken by something else and the engine moved to another. */
  onPortMoved?: (from: number, to: number) => void;
  onLog?: (line: string) => void;
  /** Told when the engine stops by itself (a crash), not through `stop` or `restart`. */
  onUnexpectedExit?: (code: number | null, signal: NodeJS.Signals | null) => void;
  /**
   * How often the engine looks for collection tables that still lack its `_id` lookup index
   * (tools/ferretdb/idindex.go); 0 turns that off, which only tests and benchmarks of the
   * unindexed engine want. Defaults to the engine's own (1 s).
   */
  idIndexIntervalMs?: number;
}): Promise<EmbeddedDatabase> {
  const host = '127.0.0.1';
  mkdirSync(options.dataDir, { recursive: true });
  let port: number;
  if (options.port !== undefined) port = options.port;
  else if (options.portFile) {
    const chosen = await stablePort(host, options.portFile);
    port = chosen.port;
    if (chosen.previous !== null && chosen.previous !== port) options.onPortMoved?.(chosen.previous, port);
  } else port = await freePort(host);
  let child: ChildProcess | undefined;

  const launch = async () => {
    const args = ['-listen', `${host}:${port}`, '-data', options.dataDir, '-exit-on-stdin-eof'];
    if (options.idIndexIntervalMs !== undefined) args.push('-id-index-interval', `${options.idIndexIntervalMs}ms`);
    const started = spawn(options.binary, args, {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const forward = (chunk: Buffer) =>
      chunk
        .toString()
        .split('\n')
        .filter(Boolean)
        .forEach((l) => options.onLog?.(l));
    started.stdout?.on('data', forward);
    started.stderr?.on('data', forward);
    started.once('exit', (code, signal) => {
      if (child === started) options.onUnexpectedExit?.(code, signal);
    });
    child = started;
    await waitUntilListening(host, port, started, 30_000);
  };

  const stop = async () => {
    const running = child;
    child = undefined;
    // A process killed by a signal has no exit code, only a signal code: it is gone all the same.
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
    running.kill('SIGTERM');
    const forced = setTimeout(() => running.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(forced);
  };

  await launch();
  return {
    uri: `mongodb://${host}:${port}`,
    port,
    stop,
    restart: async () => {
      await stop();
      await launch();
    },
  };
}
