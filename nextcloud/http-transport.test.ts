import http from 'node:http';
import https from 'node:https';
import net, { type AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createAgent,
  decodeBody,
  exchange,
  MAX_BODY_BYTES,
  TransportBodyTooLargeError,
  TransportTimeoutError,
} from './http-transport.js';

/**
 * The transport on its own, against a local server: what is decoded, what is streamed, what is
 * sent. (Through the connector, with retries and the circuit breaker: http-client.test.ts.)
 */

describe('decodeBody', () => {
  const json = Buffer.from('{"results":[]}');
  const gzipped = gzipSync(json);

  it('decodes a body labelled gzip (or x-gzip, in any case) that really is gzip', () => {
    for (const label of ['gzip', 'x-gzip', ' GZIP ', 'X-Gzip']) {
      expect(decodeBody(gzipped, { 'content-encoding': label }).equals(json), label).toBe(true);
    }
  });

  it('leaves a body as it is when the label lies or names something else', () => {
    // OpenRegister labels some plain JSON answers gzip by hand (reference §12.3).
    expect(decodeBody(json, { 'content-encoding': 'gzip' }).equals(json)).toBe(true);
    expect(decodeBody(Buffer.from([0x1f, 0x00, 0x8b]), { 'content-encoding': 'gzip' })).toEqual(Buffer.from([0x1f, 0x00, 0x8b]));
    expect(decodeBody(Buffer.from([0x00, 0x8b]), { 'content-encoding': 'gzip' })).toEqual(Buffer.from([0x00, 0x8b]));
    expect(decodeBody(Buffer.from([0x1f]), { 'content-encoding': 'gzip' })).toEqual(Buffer.from([0x1f]));
    for (const label of [undefined, 'br', 'gzip, br', 'gzipped', 'nogzip', 'x gzip']) {
      expect(decodeBody(gzipped, { 'content-encoding': label }).equals(gzipped), String(label)).toBe(true);
    }
  });

  it('refuses a body that inflates beyond the cap, and reports a broken one as broken', () => {
    const bomb = gzipSync(Buffer.alloc(MAX_BODY_BYTES + 1));
    expect(() => decodeBody(bomb, { 'content-encoding': 'gzip' })).toThrow(TransportBodyTooLargeError);
    const broken = Buffer.concat([gzipped.subarray(0, 10), Buffer.from('not deflate at all')]);
    let error: unknown;
    try {
      decodeBody(broken, { 'content-encoding': 'gzip' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(TransportBodyTooLargeError);
  });
});

describe('exchange', () => {
  let server: http.Server;
  let base: string;
  const seen: Array<{ method?: string; headers: http.IncomingHttpHeaders; body: string; socket: unknown }> = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        seen.push({ method: req.method, headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), socket: req.socket });
        const url = new URL(req.url ?? '/', 'http://x');
        if (url.pathname === '/silent') return; // never answers
        if (url.pathname === '/huge') {
          res.writeHead(200, { 'content-type': 'application/octet-stream' });
          const chunk = Buffer.alloc(1024 * 1024, 0x61);
          for (let i = 0; i <= MAX_BODY_BYTES / chunk.length; i++) res.write(chunk);
          res.end();
          return;
        }
        const status = Number(url.searchParams.get('status') ?? 200);
        // Larger than a few bytes, as every real answer is.
        const body = JSON.stringify({ status, padding: 'x'.repeat(2_000) });
        if (url.pathname === '/gzipped') {
          res.writeHead(status, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
          res.end(gzipSync(body));
          return;
        }
        res.writeHead(status, { 'content-type': 'application/json', 'set-cookie': ['a=1', 'b=2'] });
        res.end(body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const request = (path: string, extra: Partial<Parameters<typeof exchange>[1]> = {}) => ({
    method: 'GET',
    url: `${base}${path}`,
    headers: {},
    stream: false,
    timeoutMs: 5_000,
    ...extra,
  });

  it('sends a body with its length in bytes, not chunked', async () => {
    const agent = createAgent(base);
    const body = JSON.stringify({ name: 'Één café' });
    const response = await exchange(
      agent,
      request('/objects', { method: 'POST', body, headers: { 'content-type': 'application/json' } }),
    );
    expect(response.status).toBe(200);
    expect(response.stream).toBeNull();
    expect(JSON.parse(response.bytes!.toString())).toMatchObject({ status: 200 });
    // Headers by any-case name; a repeated one as one comma-separated value; an absent one null.
    expect(response.headers.get('Content-Type')).toBe('application/json');
    expect(response.headers.get('set-cookie')).toBe('a=1, b=2');
    expect(response.headers.get('x-absent')).toBeNull();
    const last = seen.at(-1)!;
    expect(last).toMatchObject({ method: 'POST', body });
    expect(last.headers['content-type']).toBe('application/json');
    expect(last.headers['content-length']).toBe(String(Buffer.byteLength(body)));
    expect(last.headers['transfer-encoding']).toBeUndefined();
    agent.destroy();
  });

  it('keeps the connection open for the next exchange', async () => {
    const agent = createAgent(base);
    expect(agent).toBeInstanceOf(http.Agent);
    expect(agent).not.toBeInstanceOf(https.Agent);
    await exchange(agent, request('/one'));
    await exchange(agent, request('/two'));
    expect(seen.at(-1)!.socket).toBe(seen.at(-2)!.socket);
    agent.destroy();
  });

  it('streams only a successful answer; an error answer is read whole', async () => {
    const agent = createAgent(base);
    const ok = await exchange(agent, request('/file', { stream: true }));
    expect(ok.bytes).toBeNull();
    expect(JSON.parse(Buffer.concat(await ok.stream!.toArray()).toString())).toMatchObject({ status: 200 });
    for (const status of [300, 404, 500]) {
      const refused = await exchange(agent, request(`/file?status=${status}`, { stream: true }));
      expect(refused.stream, String(status)).toBeNull();
      expect(JSON.parse(refused.bytes!.toString()), String(status)).toMatchObject({ status });
    }
    agent.destroy();
  });

  it('speaks TLS to an https URL, never plain text', async () => {
    let firstByte: number | undefined;
    const plain = net.createServer((socket) =>
      socket.once('data', (data: Buffer) => {
        firstByte = data[0];
        socket.destroy();
      }),
    );
    await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
    const url = `https://127.0.0.1:${(plain.address() as AddressInfo).port}`;
    const agent = createAgent(url);
    expect(agent).toBeInstanceOf(https.Agent);
    await expect(exchange(agent, request('/', { url: `${url}/status.php` }))).rejects.toThrow();
    // 0x16: a TLS handshake record. Plain HTTP would start with the method's "G".
    expect(firstByte).toBe(0x16);
    agent.destroy();
    await new Promise<void>((resolve) => plain.close(() => resolve()));
  });

  it('decodes a gzip-labelled download as it streams', async () => {
    const agent = createAgent(base);
    const response = await exchange(agent, request('/gzipped', { stream: true }));
    expect(JSON.parse(Buffer.concat(await response.stream!.toArray()).toString())).toMatchObject({ status: 200 });
    agent.destroy();
  });

  it('gives up on an answer larger than the cap', async () => {
    const agent = createAgent(base);
    await expect(exchange(agent, request('/huge'))).rejects.toBeInstanceOf(TransportBodyTooLargeError);
    agent.destroy();
  });

  it('tells a server that does not answer in time from one that refuses the connection', async () => {
    const agent = createAgent(base);
    await expect(exchange(agent, request('/silent', { timeoutMs: 200 }))).rejects.toBeInstanceOf(TransportTimeoutError);
    agent.destroy();
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const refusedAgent = createAgent(`http://127.0.0.1:${port}`);
    await expect(
      exchange(refusedAgent, request('/', { url: `http://127.0.0.1:${port}/`, timeoutMs: 5_000 })),
    ).rejects.toMatchObject({
      code: 'ECONNREFUSED',
    });
    refusedAgent.destroy();
  });
});
