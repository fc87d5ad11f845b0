import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHROMIUM_FIX, ensureChromium, findChromium } from '../scripts/chromium.mjs';

/** `npm test` finds Chromium, installs Debian's package where it may, or names the fix in one line. */
describe('the Chromium the browser tests use', () => {
  let dir: string;
  const script = (name: string, body: string) => {
    const file = path.join(dir, name);
    writeFileSync(file, `#!/bin/sh\n${body}\n`);
    chmodSync(file, 0o755);
    return file;
  };
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'chromium-test-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('takes CHROMIUM_PATH when it is an executable, and PATH otherwise', () => {
    const own = script('my-chromium', 'exit 0');
    expect(findChromium({ CHROMIUM_PATH: own, PATH: '' })).toBe(own);
    const onPath = script('chromium', 'exit 0');
    expect(findChromium({ PATH: `/nonexistent${path.delimiter}${dir}` })).toBe(onPath);
  });

  it('refuses a CHROMIUM_PATH that is not there instead of falling back to another browser', () => {
    script('chromium', 'exit 0');
    const answer = ensureChromium({ env: { CHROMIUM_PATH: path.join(dir, 'missing'), PATH: dir } });
    expect(answer.problem).toBe(`CHROMIUM_PATH=${path.join(dir, 'missing')} is not an executable file; ${CHROMIUM_FIX}`);
  });

  it('names the fix in one line when there is no browser and no apt-get', () => {
    const answer = ensureChromium({ env: { PATH: dir } });
    expect(answer).toEqual({ problem: `Chromium not found; ${CHROMIUM_FIX}` });
    expect(answer.problem).not.toContain('\n');
    expect(answer.problem).toContain('apt-get install -y chromium');
  });

  // The install path needs root (as on CI and a fresh dev machine here); a stand-in apt-get on PATH
  // records what it is asked and "installs" a browser, so the real package list is never touched.
  it.runIf(process.getuid?.() === 0)('installs Debian’s chromium with apt-get when root and missing', () => {
    const calls = path.join(dir, 'calls');
    script(
      'apt-get',
      `echo "$@" >> ${calls}\n[ "$1" = install ] && printf '#!/bin/sh\\n' > ${dir}/chromium && /bin/chmod +x ${dir}/chromium\nexit 0`,
    );
    const lines: string[] = [];
    const answer = ensureChromium({ env: { PATH: dir }, log: (line) => lines.push(line) });
    expect(answer).toEqual({ path: path.join(dir, 'chromium') });
    expect(lines).toHaveLength(1);
    expect(readFileSync(calls, 'utf8').trim().split('\n')).toEqual([
      'update -qq',
      'install -y -qq --no-install-recommends chromium fonts-dejavu-core',
    ]);
  });

  it.runIf(process.getuid?.() === 0)('reports a failed install with apt-get’s last line and the fix', () => {
    script('apt-get', 'echo "Reading package lists..." >&2; echo "E: Unable to locate package chromium" >&2; exit 100');
    const answer = ensureChromium({ env: { PATH: dir } });
    expect(answer.problem).toBe(`apt-get update failed (E: Unable to locate package chromium); ${CHROMIUM_FIX}`);
  });
});
