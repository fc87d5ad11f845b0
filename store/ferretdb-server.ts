import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
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
  onLog?: (line: string) => void;
  /**
   * How often the engine looks for collection tables that still lack its `_id` lookup index
   * (tools/ferretdb/idindex.go); 0 turns that off, which only tests and benchmarks of the
   * unindexed engine want. Defaults to the engine's own (1 s).
   */
  idIndexIntervalMs?: number;
}): Promise<EmbeddedDatabase> {
  const host = '127.0.0.1';
  const port = options.port ?? (await freePort(host));
  mkdirSync(options.dataDir, { recursive: true });
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
    child = started;
    await waitUntilListening(host, port, started, 30_000);
  };

  const stop = async () => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) return;
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
