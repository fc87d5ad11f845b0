import { describe, expect, it } from 'vitest';
import { useBrowser } from '../browser.js';
import { DEMO_CUSTOMERS } from '../customers.js';
import { useTestGateway } from '../gateway.js';
import { openPortal, signInThroughForm } from './portal-support.js';

/**
 * The web app speaks only in trusted documents: against a gateway that refuses any other text
 * from browsers, a customer signs in and opens their invoices, and every GraphQL request the page
 * made carried a hash and no document text.
 */
describe('the portal against TRUSTED_DOCUMENTS=require-for-browsers (Chromium)', () => {
  const gw = useTestGateway({ TRUSTED_DOCUMENTS: 'require-for-browsers' });
  const browser = useBrowser();

  it('signs in and shows invoices, sending only hashes', async () => {
    const { context, page } = await openPortal(browser());
    const bodies: Array<Record<string, unknown>> = [];
    const answers: Array<{ status: number; codes: unknown[] }> = [];
    page.on('request', (request) => {
      if (request.url().includes('/graphql') && request.method() === 'POST') bodies.push(request.postDataJSON());
    });
    page.on('response', async (response) => {
      if (!response.url().includes('/graphql')) return;
      const body = (await response.json().catch(() => ({}))) as { errors?: Array<{ extensions?: { code?: unknown } }> };
      answers.push({ status: response.status(), codes: (body.errors ?? []).map((e) => e.extensions?.code) });
    });
    try {
      await signInThroughForm(page, gw().url, DEMO_CUSTOMERS.jan.email);
      await page.goto(`${gw().url}/portal/invoices`);
      await expect.poll(() => page.locator('a[href*="/portal/invoices/"]').count()).toBeGreaterThan(0);

      expect(bodies.length).toBeGreaterThan(2);
      for (const body of bodies) {
        expect(body.query, JSON.stringify(body)).toBeUndefined();
        expect(body.extensions).toMatchObject({
          persistedQuery: { version: 1, sha256Hash: expect.stringMatching(/^[0-9a-f]{64}$/) },
        });
      }
      const refusals = answers.filter((answer) => answer.codes.some((code) => String(code).match(/PERSISTED|TRUSTED/)));
      expect(refusals).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
