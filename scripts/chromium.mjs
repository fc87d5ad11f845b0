// Where the browser tests find Chromium, and how `npm test` gets it on a machine that lacks it.
// Only Debian's `chromium` package is ever installed: the tests never download a browser build.
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';

/** Names Chromium has on PATH: Debian's package, then other distributions' names for it. */
const NAMES = ['chromium', 'chromium-browser'];

/** What to run by hand when `npm test` cannot install the browser itself. */
export const CHROMIUM_FIX =
  'the browser tests need Chromium: run `sudo apt-get install -y chromium` (Debian/Ubuntu), or set CHROMIUM_PATH to a Chromium binary';

function executable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** CHROMIUM_PATH when set (it must then exist), else the first Chromium on PATH; undefined when none. */
export function findChromium(env = process.env) {
  if (env.CHROMIUM_PATH) return executable(env.CHROMIUM_PATH) ? env.CHROMIUM_PATH : undefined;
  for (const dir of (env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    for (const name of NAMES) {
      const file = path.join(dir, name);
      if (executable(file)) return file;
    }
  }
  return undefined;
}

/**
 * The Chromium to test with, installing Debian's package first when the machine allows it (root
 * with apt-get, and no CHROMIUM_PATH pointing elsewhere). Returns `{ path }` or `{ problem }`, a
 * one-line reason that names the fix; `log` reports the install, which takes a while.
 */
export function ensureChromium({ env = process.env, log = () => {} } = {}) {
  const found = findChromium(env);
  if (found) return { path: found };
  if (env.CHROMIUM_PATH) return { problem: `CHROMIUM_PATH=${env.CHROMIUM_PATH} is not an executable file; ${CHROMIUM_FIX}` };
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!root || !findOnPath('apt-get', env)) return { problem: `Chromium not found; ${CHROMIUM_FIX}` };

  log('installing Chromium from Debian (apt-get install chromium), once per machine…');
  const aptEnv = { ...env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', '--no-install-recommends', 'chromium', 'fonts-dejavu-core'],
  ]) {
    const run = spawnSync('apt-get', args, { env: aptEnv, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
    if (run.status !== 0) {
      const reason = (run.stderr ?? '').trim().split('\n').pop() || `exit ${run.status}`;
      return { problem: `apt-get ${args[0]} failed (${reason}); ${CHROMIUM_FIX}` };
    }
  }
  const installed = findChromium(env);
  return installed ? { path: installed } : { problem: `apt-get installed no chromium on PATH; ${CHROMIUM_FIX}` };
}

function findOnPath(name, env) {
  return (env.PATH ?? '').split(path.delimiter).some((dir) => dir && executable(path.join(dir, name)));
}
