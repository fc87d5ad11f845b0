import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failureOf, makeConnector } from './connector.test-support.js';
import { NextcloudConfigurationError } from './errors.js';
import { DEMO } from './simulator/demo-data.js';
import { startSimulator, type SimulatedNextcloud, type Simulator } from './simulator/index.js';

/**
 * The `_ids` batch read re-checks each row's schema like the other reads do. In front of the real
 * simulator sits a proxy that sends `_ids` reads of transactions to the client table instead, as
 * an upstream that mis-resolves the schema (or answers the cross-schema search) would: what
 * comes back is somebody's person record, and it must not pass for a transaction.
 */
let sim: Simulator;
let nc: SimulatedNextcloud;
let proxy: http.Server;
let proxyUrl: string;
/** How the proxy misbehaves on `_ids` reads. */
let mode: 'wrongSchema' | 'ignoresIdList' | 'refuses' | 'omitsSchema' = 'wrongSchema';
const ids = DEMO.demo.schemaIds;

beforeAll(async () => {
  sim = await startSimulator();
  nc = sim.instance('demo');
  const upstream = new URL(nc.url);
  proxy = http.createServer((req, res) => {
    let path = req.url ?? '/';
    const isBatch = path.includes('_ids');
    if (isBatch && mode === 'refuses') {
      res.writeHead(403, { 'Content-Type': 'application/json' }).end('{"message":"Forbidden"}');
      return;
    }
    if (isBatch && mode === 'ignoresIdList') {
      // An upstream that ignores the id list answers with the first rows of the whole table.
      const url = new URL(path, 'http://proxy');
      url.searchParams.delete('_ids');
      url.searchParams.set('_limit', '50');
      path = `${url.pathname}${url.search}`;
    } else if (isBatch && mode === 'wrongSchema') {
      path = path.replace(`/objects/5/${ids.posTransaction}?`, `/objects/5/${ids.client}?`);
    }
    const forward = http.request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path,
        headers: { ...req.headers, 'accept-encoding': 'identity' },
      },
      (answer) => {
        if (!(isBatch && mode === 'omitsSchema')) {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
          return;
        }
        // An upstream that does not report each row's schema at all.
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => {
          const page = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { results: Array<{ '@self': { schema: unknown } }> };
          for (const row of page.results) row['@self'].schema = null;
          res.writeHead(answer.statusCode ?? 502, { 'Content-Type': 'application/json' }).end(JSON.stringify(page));
        });
      },
    );
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => proxy?.close(resolve));
  await sim?.close();
});

describe('getObjectsByIds', () => {
  it('drops rows of another schema that upstream returned for an _ids read', async () => {
    const { connector } = makeConnector(nc, { baseUrl: proxyUrl });
    const jan = DEMO.demo.janJansen.clientId;
    // Through the same proxy, an honest read still works: the client is found as a client.
    expect((await connector.getObjectsByIds('client', [jan])).get(jan)?.id).toBe(jan);
    const found = await connector.getObjectsByIds('posTransaction', [jan]);
    expect(found.size).toBe(0);
  });

  it('returns only the ids asked for when upstream ignores the id list', async () => {
    const { connector } = makeConnector(nc, { baseUrl: proxyUrl });
    const jan = DEMO.demo.janJansen.clientId;
    mode = 'ignoresIdList';
    try {
      const found = await connector.getObjectsByIds('client', [jan]);
      expect([...found.keys()]).toEqual([jan]);
      expect(found.get(jan)?.id).toBe(jan);
      // Nothing asked for that upstream does not have: nothing comes back, however much it sends.
      expect((await connector.getObjectsByIds('client', ['00000000-0000-4000-8000-00000000abcd'])).size).toBe(0);
    } finally {
      mode = 'wrongSchema';
    }
  });

  it('keeps rows whose schema upstream does not report: only a different schema is refused', async () => {
    const { connector } = makeConnector(nc, { baseUrl: proxyUrl });
    const jan = DEMO.demo.janJansen.clientId;
    mode = 'omitsSchema';
    try {
      expect((await connector.getObjectsByIds('client', [jan])).get(jan)?.id).toBe(jan);
    } finally {
      mode = 'wrongSchema';
    }
  });

  it('a refused batch read is a configuration problem of the service account, not a garbled answer', async () => {
    const { connector } = makeConnector(nc, { baseUrl: proxyUrl });
    await connector.listObjects('client', { limit: 0 });
    mode = 'refuses';
    try {
      const error = await failureOf(connector.getObjectsByIds('client', [DEMO.demo.janJansen.clientId]));
      expect(error).toBeInstanceOf(NextcloudConfigurationError);
      expect(error.reason).toMatch(/cannot use object batch of 'client' \(HTTP 403\)/);
    } finally {
      mode = 'wrongSchema';
    }
  });
});
