/**
 * The Nextcloud simulator in a worker thread, for benchmarks. A real Nextcloud runs on another
 * machine; sharing the gateway's event loop would bill the simulator's JSON and gzip work to the
 * gateway's latency. In its own thread it uses the machine's other core, like a remote server.
 */
import { isMainThread, parentPort, Worker } from 'node:worker_threads';
import { startSimulator, type Simulator, type SimulatorCall, type SimulatorFaults } from '../nextcloud/simulator/index.js';
import { threadCpuMs } from './thread-cpu.js';

type Request = {
  id: number;
  op: 'setFaults' | 'calls' | 'clearCalls' | 'cpuMs' | 'close';
  instance?: string;
  faults?: Partial<SimulatorFaults>;
};

export interface SimulatorThread {
  urls: Record<string, string>;
  setFaults(instance: string, faults: Partial<SimulatorFaults>): Promise<void>;
  calls(instance: string): Promise<SimulatorCall[]>;
  clearCalls(instance: string): Promise<void>;
  /** CPU the simulator's thread has used so far (ms), or null where it cannot be read (thread-cpu.ts). */
  cpuMs(): Promise<number | null>;
  /** Enough of the Simulator interface for the gateway's demo seeding (instance URLs). */
  asSimulator(): Simulator;
  close(): Promise<void>;
}

export async function startSimulatorThread(): Promise<SimulatorThread> {
  const worker = new Worker(new URL(import.meta.url));
  const urls = await new Promise<Record<string, string>>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  let nextId = 0;
  const pending = new Map<number, (value: unknown) => void>();
  worker.on('message', (message: { id: number; result: unknown }) => {
    pending.get(message.id)?.(message.result);
    pending.delete(message.id);
  });
  const ask = <T>(request: Omit<Request, 'id'>) =>
    new Promise<T>((resolve) => {
      const id = nextId++;
      pending.set(id, resolve as (value: unknown) => void);
      worker.postMessage({ ...request, id });
    });
  return {
    urls,
    setFaults: (instance, faults) => ask({ op: 'setFaults', instance, faults }),
    calls: (instance) => ask({ op: 'calls', instance }),
    clearCalls: (instance) => ask({ op: 'clearCalls', instance }),
    cpuMs: () => ask({ op: 'cpuMs' }),
    asSimulator: () => ({ instance: (name: string) => ({ name, url: urls[name]! }) }) as unknown as Simulator,
    close: async () => {
      await ask({ op: 'close' });
      await worker.terminate();
    },
  };
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  const simulator = await startSimulator();
  port.postMessage(Object.fromEntries(Object.entries(simulator.instances).map(([name, instance]) => [name, instance.url])));
  port.on('message', async (request: Request) => {
    const instance = request.instance ? simulator.instance(request.instance) : undefined;
    let result: unknown = null;
    if (request.op === 'setFaults') instance!.setFaults(request.faults ?? {});
    if (request.op === 'calls') result = instance!.calls();
    if (request.op === 'clearCalls') instance!.clearCalls();
    if (request.op === 'cpuMs') result = threadCpuMs();
    if (request.op === 'close') await simulator.close();
    port.postMessage({ id: request.id, result });
  });
}
