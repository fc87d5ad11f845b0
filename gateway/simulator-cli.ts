import { DEMO } from '../nextcloud/simulator/demo-data.js';
import { startSimulator, type Simulator } from '../nextcloud/simulator/index.js';
import { parseFlags } from './cli.js';

export const SIMULATOR_USAGE = `Usage: portal simulator [--port N]

Runs the demo Nextcloud simulator on its own, on 127.0.0.1, until SIGINT/SIGTERM, so several
gateways (and tests) can share one. Its data lives in memory and starts afresh each time.

  --port N   the first instance listens on N, the next on N+1 (default: free ports)
`;

/** The port from `--port`, null for "any free port", or a problem to report. */
export function parseSimulatorArgs(args: string[]): { basePort: number | null } | { problem: string } | { help: true } {
  const flags = parseFlags(args);
  if (flags.help || args[0] === 'help') return { help: true };
  const unknown = Object.keys(flags).filter((name) => name !== 'port');
  if (unknown.length) return { problem: `Unknown option ${unknown.map((name) => `--${name}`).join(', ')}.` };
  if (flags.port === undefined) return { basePort: null };
  const port = typeof flags.port === 'string' && /^\d+$/.test(flags.port) ? Number(flags.port) : NaN;
  // The last instance takes a port above the first, so leave room for it below 65536.
  if (!(port >= 1 && port <= 65_000)) return { problem: '--port must be a number from 1 to 65000.' };
  return { basePort: port };
}

function describe(simulator: Simulator): string {
  const { service, admin } = DEMO.users;
  const lines = ['', '  Nextcloud simulator is running (demo data, in memory)'];
  for (const instance of Object.values(simulator.instances)) lines.push(`    ${instance.name.padEnd(12)} ${instance.url}`);
  lines.push(
    '',
    `    service account  ${service.login} / ${service.appPassword}`,
    `    admin            ${admin.login} / ${admin.appPassword}`,
    '',
    '  Point a gateway at an instance with NEXTCLOUD_URL, NEXTCLOUD_USER and NEXTCLOUD_APP_PASSWORD.',
  );
  return `${lines.join('\n')}\n\n`;
}

/** `portal simulator`: serves until SIGINT/SIGTERM. Returns the exit code. */
export async function runSimulatorCommand(args: string[], out: NodeJS.WritableStream, err: NodeJS.WritableStream) {
  const parsed = parseSimulatorArgs(args);
  if ('help' in parsed) {
    out.write(SIMULATOR_USAGE);
    return 0;
  }
  if ('problem' in parsed) {
    err.write(`${parsed.problem}\n\n${SIMULATOR_USAGE}`);
    return 2;
  }
  let simulator: Simulator;
  try {
    simulator = await startSimulator({ basePort: parsed.basePort ?? undefined });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    err.write(
      code === 'EADDRINUSE'
        ? `Port ${parsed.basePort} or the one after it is in use; choose another --port.\n`
        : `The simulator could not start: ${(error as Error).message}\n`,
    );
    return 1;
  }
  out.write(describe(simulator));
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  await simulator.close();
  return 0;
}
