import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, vi } from 'vitest';
import { CHROMIUM_FIX, findChromium } from '../scripts/chromium.mjs';

/** How long one condition may take to come true in a browser test (a poll, a click, a page load). */
export const BROWSER_WAIT = 30_000;
const BROWSER_TEST_TIMEOUT = 180_000;

/**
 * Debian's Chromium (CHROMIUM_PATH, else `chromium` on PATH) driven by Playwright; never a
 * downloaded browser. As root it needs --no-sandbox, and the network flags keep it from calling
 * home on a closed network. Playwright gives every launch a fresh temporary profile of its own.
 */
export function useBrowser(): () => Browser {
  // A browser test is a person's whole errand (sign in, click through, check), and on a busy
  // machine each step waits longer for the page. Waits are on conditions (expect.poll, Playwright's
  // auto-waiting), so these limits only decide how long a test that is really broken takes to
  // fail; they are set here, before the file's tests are declared, so they apply to all of them.
  vi.setConfig({ testTimeout: BROWSER_TEST_TIMEOUT, expect: { poll: { timeout: BROWSER_WAIT, interval: 50 } } });
  let browser: Browser | undefined;
  beforeAll(async () => {
    // `npm test` installs Chromium before vitest starts; a bare `vitest run` on a machine without it lands here.
    const executablePath = findChromium();
    if (!executablePath) throw new Error(`Chromium not found; ${CHROMIUM_FIX} (or run \`npm test\`, which installs it)`);
    browser = await chromium.launch({
      executablePath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('useBrowser(): only available inside tests');
    return browser;
  };
}
