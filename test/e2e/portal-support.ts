import { randomInt } from 'node:crypto';
import { createServer } from 'node:net';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { BROWSER_WAIT } from '../browser.js';
import { DEMO_CUSTOMER_PASSWORD } from '../customers.js';

/**
 * Helpers shared by the portal's browser tests. Each context comes from its own made-up client
 * address (the gateway trusts X-Forwarded-For from loopback), so sign-ins in one file never trip
 * the per-address sign-in limit of another test.
 */

/** A free TCP port, so a test gateway can know its own public URL (absolute links in answers). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export async function openPortal(
  browser: Browser,
  options: { locale?: string; acceptDownloads?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    locale: options.locale ?? 'nl-NL',
    acceptDownloads: options.acceptDownloads ?? false,
    extraHTTPHeaders: { 'x-forwarded-for': `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}` },
  });
  // Every locator action waits for its element; on a busy machine that can take a while.
  context.setDefaultTimeout(BROWSER_WAIT);
  return { context, page: await context.newPage() };
}

/** Signs in through the form, as a person would, and waits for the overview. */
export async function signInThroughForm(page: Page, baseUrl: string, email: string, password = DEMO_CUSTOMER_PASSWORD) {
  await page.goto(`${baseUrl}/portal/`);
  await page.locator('#portal-email').fill(email);
  await page.locator('#portal-password').fill(password);
  await page.locator('form button[type=submit]').click();
  await expect.poll(() => page.locator('h1').textContent()).toMatch(/^(Welkom|Welcome)/);
}

/** axe-core's WCAG 2.x A/AA rules and best practices; no violations allowed. */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}
