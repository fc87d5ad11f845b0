import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { FEATURES } from '../domain/tenants/portal-settings.js';
import { useTestGateway } from '../test/gateway.js';

/** What the gateway sends for the web app: statuses from the route table, encodings, no source maps. */
describe('the portal web bundle over HTTP', () => {
  const gw = useTestGateway();

  beforeAll(async () => {
    const tenant = gw().services.tenants.get('other')!;
    await gw().services.tenants.savePortal(
      'other',
      { ...tenant.portal, enabledFeatures: FEATURES.filter((feature) => feature !== 'ORDERS') },
      'staff:test',
      new Date(),
    );
  });

  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${gw().url}${path}`, { headers });
  /** Node's fetch decodes on its own; asking for identity keeps the raw answer comparable. */
  const shellScripts = async () => {
    const html = await (await get('/portal/', { 'accept-encoding': 'identity' })).text();
    return [...html.matchAll(/src="(\/portal\/assets\/[^"]+\.js)"/g)].map((match) => match[1]!);
  };

  it('answers the pages of the route table with 200 and the shell, never cached', async () => {
    for (const path of [
      '/portal/',
      '/portal',
      '/portal/invoices',
      '/portal/invoices/',
      '/portal/requests/abc-1',
      '/portal/admin/audit',
    ]) {
      const response = await get(path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(await response.text()).toContain('<div id="app">');
    }
  });

  it('answers an unknown address with 404 and the same shell, so the app shows its not-found page', async () => {
    for (const path of ['/portal/no-such-page', '/portal/invoices/1/extra', '/portal/admin/nope']) {
      const response = await get(path);
      expect(response.status, path).toBe(404);
      expect(response.headers.get('content-type')).toContain('text/html');
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(await response.text()).toContain('<div id="app">');
    }
  });

  it('answers a part the tenant switched off with 404, and the same part of another tenant with 200', async () => {
    expect((await get('/portal/orders?tenant=other')).status).toBe(404);
    expect((await get('/portal/orders/o-1?tenant=other')).status).toBe(404);
    expect((await get('/portal/invoices?tenant=other')).status).toBe(200);
    expect((await get('/portal/orders?tenant=demo')).status).toBe(200);
    // Privacy and security are never switched off.
    expect((await get('/portal/privacy?tenant=other')).status).toBe(200);
  });

  it('serves scripts and the shell brotli- or gzip-compressed as the browser accepts, with Vary', async () => {
    const [script] = await shellScripts();
    expect(script).toBeDefined();
    const identity = Buffer.from(await (await get(script!, { 'accept-encoding': 'identity' })).arrayBuffer());

    const br = await get(script!, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.status).toBe(200);
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('vary')).toContain('Accept-Encoding');
    expect(br.headers.get('content-type')).toContain('text/javascript');
    expect(br.headers.get('cache-control')).toContain('immutable');

    const gzip = await get(script!, { 'accept-encoding': 'gzip' });
    expect(gzip.headers.get('content-encoding')).toBe('gzip');

    const plain = await get(script!, { 'accept-encoding': 'identity' });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(plain.headers.get('vary')).toContain('Accept-Encoding');

    // The encoded bodies are the same script (undici would decode them itself; read raw over http).
    const raw = async (encoding: string) => {
      const { request } = await import('node:http');
      return new Promise<Buffer>((resolve, reject) => {
        request(`${gw().url}${script}`, { headers: { 'accept-encoding': encoding } }, (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => resolve(Buffer.concat(chunks)));
        })
          .on('error', reject)
          .end();
      });
    };
    const brBody = await raw('br');
    expect(brBody.length).toBeLessThan(identity.length);
    expect(brotliDecompressSync(brBody).equals(identity)).toBe(true);
    expect(gunzipSync(await raw('gzip')).equals(identity)).toBe(true);

    const shell = await get('/portal/invoices', { 'accept-encoding': 'br' });
    expect(shell.headers.get('content-encoding')).toBe('br');
    expect(shell.headers.get('cache-control')).toBe('no-cache');
    const missingShell = await get('/portal/nope', { 'accept-encoding': 'br' });
    expect(missingShell.status).toBe(404);
    expect(missingShell.headers.get('content-encoding')).toBe('br');
  });

  it('never serves a source map, an unknown asset or a compressed twin by name', async () => {
    const [script] = await shellScripts();
    for (const path of [
      `${script}.map`,
      '/portal/assets/index.js.map',
      '/portal/app.js.map',
      '/portal/assets/nope.js',
      `${script}.br`,
      '/portal/assets/..%2findex.html',
    ]) {
      const response = await get(path);
      expect(response.status, path).toBe(404);
      expect(await response.text()).not.toContain('<div id="app">');
    }
  });
});
