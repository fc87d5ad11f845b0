import { AxeBuilder } from '@axe-core/playwright';
import { describe, expect, it } from 'vitest';
import { useBrowser } from '../browser.js';
import { useTestGateway } from '../gateway.js';

describe('the portal page in Chromium', () => {
  const gw = useTestGateway();
  const browser = useBrowser();

  it('renders the tenant’s branding from the public portal query, without accessibility violations', async () => {
    const context = await browser().newContext();
    const page = await context.newPage();
    const failedRequests: string[] = [];
    page.on('requestfailed', (request) => failedRequests.push(request.url()));
    await page.goto(`${gw().url}/portal/`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Welkom bij Klantportaal');
    expect(await page.title()).toBe('Klantportaal');
    const headerColour = await page.locator('header').evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(headerColour).toBe('rgb(33, 70, 139)');
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    expect(failedRequests).toEqual([]);
    await context.close();
  });

  it('shows the other tenant when opened with ?tenant=other, and a 404 for an unknown tenant', async () => {
    const context = await browser().newContext();
    const page = await context.newPage();
    await page.goto(`${gw().url}/portal/?tenant=other`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Welkom bij Klantportaal');
    const response = await page.goto(`${gw().url}/portal/?tenant=nope`);
    expect(response?.status()).toBe(404);
    await context.close();
  });
});
