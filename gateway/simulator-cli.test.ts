import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../core/paths.js';
import { freePort } from '../store/ferretdb-server.js';
import { parseSimulatorArgs } from './simulator-cli.js';

/** Starts `portal simulator …` as a user would; `output()` is what it printed so far. */
function startPortalSimulator(args: string[]) {
  const child = spawn(process.execPath, [path.join(projectRoot, 'bin', 'portal.js'), 'simulator', ...args], {
    cwd: projectRoot,
    env: { ...process.env, LOG_LEVEL: 'silent' },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  return {
    child,
    exited,
    output: () => ({ stdout, stderr }),
    /** Resolves once the banner names the service account, i.e. every instance is listening. */
    async ready(timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while (!stdout.includes('service account')) {
        if (child.exitCode !== null || Date.now() > deadline) throw new Error(`simulator did not start: ${stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
  };
}

describe('portal simulator', () => {
  it('serves the demo instances on the given port and the next, and stops on SIGTERM', async () => {
    const port = await freePort();
    const sim = startPortalSimulator(['--port', String(port)]);
    try {
      await sim.ready();
      const { stdout } = sim.output();
      expect(stdout).toContain(`demo         http://127.0.0.1:${port}`);
      expect(stdout).toContain(`other        http://127.0.0.1:${port + 1}`);
      expect(stdout).toContain('portal-service / demo-service-app-password');

      for (const url of [`http://127.0.0.1:${port}`, `http://127.0.0.1:${port + 1}`]) {
        const status = await fetch(`${url}/status.php`);
        expect(status.status).toBe(200);
        expect(((await status.json()) as { installed: boolean }).installed).toBe(true);
      }

      sim.child.kill('SIGTERM');
      expect(await sim.exited).toBe(0);
      await expect(fetch(`http://127.0.0.1:${port}/status.php`)).rejects.toThrow();
    } finally {
      if (sim.child.exitCode === null) sim.child.kill('SIGKILL');
    }
  }, 60_000);

  it('takes free ports without --port and prints where', async () => {
    const sim = startPortalSimulator([]);
    try {
      await sim.ready();
      const demoUrl = /demo\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(sim.output().stdout)?.[1];
      expect(demoUrl).toBeDefined();
      const status = await fetch(`${demoUrl}/status.php`);
      expect(((await status.json()) as { installed: boolean }).installed).toBe(true);
      sim.child.kill('SIGINT');
      expect(await sim.exited).toBe(0);
    } finally {
      if (sim.child.exitCode === null) sim.child.kill('SIGKILL');
    }
  }, 60_000);

  it('exits 1 with a clear message when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve()));
    const { port } = blocker.address() as { port: number };
    try {
      const sim = startPortalSimulator(['--port', String(port)]);
      expect(await sim.exited).toBe(1);
      expect(sim.output().stderr).toContain(`Port ${port} or the one after it is in use`);
    } finally {
      blocker.close();
    }
  }, 60_000);

  it('rejects a port that is not a number and unknown options', () => {
    expect(parseSimulatorArgs(['--port', 'abc'])).toEqual({ problem: '--port must be a number from 1 to 65000.' });
    expect(parseSimulatorArgs(['--port'])).toEqual({ problem: '--port must be a number from 1 to 65000.' });
    expect(parseSimulatorArgs(['--host', 'x'])).toEqual({ problem: 'Unknown option --host.' });
    expect(parseSimulatorArgs(['--port', '4100'])).toEqual({ basePort: 4100 });
    expect(parseSimulatorArgs([])).toEqual({ basePort: null });
  });
});
