import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeConnector } from './connector.test-support.js';
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
const ids = DEMO.demo.schemaIds;

beforeAll(async () => {
  sim = await startSimulator();
  nc = sim.instance('demo');
  const upstream = new URL(nc.url);
  proxy = http.createServer((req, res) => {
    let path = req.url ?? '/';
    if (path.includes('_ids')) path = path.replace(`/objects/5/${ids.posTransaction}?`, `/objects/5/${ids.client}?`);
    const forward = http.request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
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
});
