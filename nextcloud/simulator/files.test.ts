import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startSimulator, type SimulatedNextcloud, type Simulator } from './index.js';
import { AS_SERVICE, getJson, tinySeed } from './testing.js';

// Object files (§8, §14 items 17–18) and compression (§12.3).
let sim: Simulator;
let demo: SimulatedNextcloud;
const OR = '/index.php/apps/openregister/api';

beforeAll(async () => {
  sim = await startSimulator();
  demo = sim.instance('demo');
});
afterAll(() => sim.close());

function invoiceWithFile() {
  const object = demo.data.objects.find((o) => o.data.client === DEMO.demo.janJansen.clientId && o.data.invoiceNumber)!;
  const file = demo.data.files.find((f) => f.objectUuid === object.uuid)!;
  return { object, file };
}

/** A raw HTTP GET, so compression can be seen as sent (fetch decompresses silently). */
function rawGet(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    })
      .on('error', reject)
      .end();
  });
}

describe('file list', () => {
  it('lists an object’s files with its own pagination and the §8.1 item keys', async () => {
    const { object, file } = invoiceWithFile();
    const { status, body } = await getJson(`${demo.url}${OR}/objects/pipelinq/posTransaction/${object.uuid}/files`, AS_SERVICE);
    expect(status).toBe(200);
    expect(body).toMatchObject({ total: 1, page: 1, pages: 1, limit: 30, offset: 0 });
    expect(Object.keys(body.results[0])).toEqual([
      'id',
      'path',
      'title',
      'accessUrl',
      'downloadUrl',
      'type',
      'extension',
      'size',
      'hash',
      'published',
      'modified',
      'labels',
      'locked',
    ]);
    expect(body.results[0]).toMatchObject({
      id: file.id,
      title: file.name,
      type: 'application/pdf',
      extension: 'pdf',
      size: file.bytes.length,
      hash: file.etag,
      locked: false,
      labels: ['factuur'],
    });
    expect(body.results[0].path).toBe(`/OpenRegister/files/Open Registers/Pipelinq Register/${object.uuid}/${file.name}`);
  });

  it('has pages 0 when there are no files, and hides the lock state from anonymous callers', async () => {
    const { body } = await getJson(`${demo.url}${OR}/objects/pipelinq/client/${DEMO.demo.janJansen.clientId}/files`, AS_SERVICE);
    expect(body).toEqual({ results: [], total: 0, page: 1, pages: 0, limit: 30, offset: 0 });
    const { object } = invoiceWithFile();
    const anonymous = await getJson(`${demo.url}${OR}/objects/x/y/${object.uuid}/files`);
    // Upstream looks the object up without RBAC or organisation checks, and ignores register/schema.
    expect(anonymous.body.total).toBe(1);
    expect(anonymous.body.results[0]).not.toHaveProperty('locked');
  });

  it('answers 404 {"error":"Object not found"} for an unknown object', async () => {
    expect(
      await getJson(`${demo.url}${OR}/objects/pipelinq/client/00000000-0000-4000-8000-000000000000/files`, AS_SERVICE),
    ).toMatchObject({ status: 404, body: { error: 'Object not found' } });
  });

  it('renders full file metadata (string ids) per row with _extend=@self.files', async () => {
    const { object, file } = invoiceWithFile();
    const { body } = await getJson(
      `${demo.url}${OR}/objects/pipelinq/posTransaction?_ids=${object.uuid}&_extend=@self.files`,
      AS_SERVICE,
    );
    expect(body.results[0]['@self'].files).toEqual([expect.objectContaining({ id: String(file.id), title: file.name })]);
    const plain = await getJson(`${demo.url}${OR}/objects/pipelinq/posTransaction?_ids=${object.uuid}`, AS_SERVICE);
    expect(plain.body.results[0]['@self'].files).toEqual([file.id]);
  });
});

describe('file download', () => {
  it('streams the stored bytes inline on the object route, with Content-Length and no ETag', async () => {
    const { object, file } = invoiceWithFile();
    const response = await fetch(`${demo.url}${OR}/objects/pipelinq/posTransaction/${object.uuid}/files/${file.id}`, {
      headers: AS_SERVICE,
    });
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toBe(`inline; filename="${file.name}"`);
    expect(response.headers.get('content-length')).toBe(String(file.bytes.length));
    expect(response.headers.get('etag')).toBeNull();
    expect(Buffer.from(bytes).equals(Buffer.from(file.bytes))).toBe(true);
    expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
  });

  it('sends the same bytes as an attachment on /api/files/{id}/download', async () => {
    const { file } = invoiceWithFile();
    const response = await fetch(`${demo.url}/apps/openregister/api/files/${file.id}/download`, { headers: AS_SERVICE });
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${file.name}"`);
    expect(Buffer.from(await response.arrayBuffer()).equals(Buffer.from(file.bytes))).toBe(true);
  });

  it('answers the 404 bodies and a 500 page for an unknown register on the show route', async () => {
    const { object } = invoiceWithFile();
    expect(await getJson(`${demo.url}${OR}/files/1/download`, AS_SERVICE)).toMatchObject({
      status: 404,
      body: { error: 'File not found' },
    });
    expect(await getJson(`${demo.url}${OR}/objects/pipelinq/posTransaction/${object.uuid}/files/1`, AS_SERVICE)).toMatchObject({
      status: 404,
      body: { error: 'File not found' },
    });
    expect(
      await getJson(`${demo.url}${OR}/objects/pipelinq/posTransaction/00000000-0000-4000-8000-000000000000/files/1`, AS_SERVICE),
    ).toMatchObject({ status: 404, body: { error: 'Object not found' } });
    expect((await getJson(`${demo.url}${OR}/objects/nope/posTransaction/${object.uuid}/files/1`, AS_SERVICE)).status).toBe(500);
  });

  it('does not serve a file through an object it does not belong to', async () => {
    const { file } = invoiceWithFile();
    const otherObject = demo.data.objects.find((o) => o.uuid === DEMO.demo.bakkerij.clientId)!;
    expect(
      (await getJson(`${demo.url}${OR}/objects/pipelinq/client/${otherObject.uuid}/files/${file.id}`, AS_SERVICE)).status,
    ).toBe(404);
  });
});

describe('compression (§12.3)', () => {
  const url = () => `${demo.url}${OR}/objects/pipelinq/posTransaction?_limit=15`;

  it('gzips JSON when the client accepts gzip', async () => {
    const raw = await rawGet(url(), { ...AS_SERVICE, 'accept-encoding': 'gzip' });
    expect(raw.headers['content-encoding']).toBe('gzip');
    expect(raw.body.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    expect(JSON.parse(gunzipSync(raw.body).toString('utf8')).results).toHaveLength(15);
    expect(raw.headers['content-length']).toBe(String(raw.body.length));
  });

  it('sends plain JSON to a client that does not', async () => {
    const raw = await rawGet(url(), AS_SERVICE);
    expect(raw.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(raw.body.toString('utf8')).results).toHaveLength(15);
  });

  it('never compresses file downloads', async () => {
    const file = demo.data.files[0]!;
    const raw = await rawGet(`${demo.url}${OR}/files/${file.id}/download`, { ...AS_SERVICE, 'accept-encoding': 'gzip' });
    expect(raw.headers['content-encoding']).toBeUndefined();
    expect(raw.body.equals(Buffer.from(file.bytes))).toBe(true);
  });

  it('in gzipQuirk mode labels big lists gzip without compressing them, as upstream does', async () => {
    const seed = { ...tinySeed(), options: { gzipQuirk: true, multitenancy: false } };
    const quirky = await startSimulator({ seeds: [seed] });
    try {
      const base = `${quirky.instance('tiny').url}${OR}/objects/shop/item`;
      const big = await rawGet(`${base}?_limit=11`, {});
      expect(big.headers['content-encoding']).toBe('gzip');
      expect(JSON.parse(big.body.toString('utf8')).results).toHaveLength(11);
      expect((await rawGet(`${base}?_limit=10`, {})).headers['content-encoding']).toBeUndefined();
    } finally {
      await quirky.close();
    }
  });
});
