import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../core/errors.js';
import { failureOf, makeConnector } from './connector.test-support.js';
import { FileRefusedError, uploadTimeoutMs } from './object-files.js';
import { useProxiedSimulator, type Answer, type RewritingProxy } from './rewriting-proxy.test-support.js';
import { DEMO } from './simulator/demo-data.js';
import type { SimulatedNextcloud } from './simulator/index.js';
import type { SimFile } from './simulator/types.js';

/**
 * An object's attachments (reference §8): paging through the list, the download's metadata and
 * uploads. Answers the simulator does not give (no files folder yet, a refused route, a gzipped or
 * chunked download) come from a proxy in front of it.
 */
let nc: SimulatedNextcloud;
let proxy: RewritingProxy;

useProxiedSimulator((setup) => ({ nc, proxy } = setup));

const jan = DEMO.demo.janJansen.clientId;
const OBJECTS = `/index.php/apps/openregister/api/objects/${DEMO.demo.registerId}/${DEMO.demo.schemaIds.posTransaction}`;
const connect = () => makeConnector(nc, { baseUrl: proxy.url });

/** One of Jan's transactions: with its stored file, or one without attachments. */
function janTransaction(withFiles: boolean) {
  const object = nc.data.objects.find(
    (o) =>
      o.schema === DEMO.demo.schemaIds.posTransaction &&
      o.data.client === jan &&
      nc.data.files.some((f) => f.objectUuid === o.uuid) === withFiles,
  )!;
  return { objectId: object.uuid, files: nc.data.files.filter((f) => f.objectUuid === object.uuid) };
}

const filesPath = (objectId: string) => `${OBJECTS}/${objectId}/files`;
const fileListCalls = (objectId: string) => proxy.seen.filter((p) => p.startsWith(`GET ${filesPath(objectId)}?`));

describe('listing an object’s files', () => {
  it('pages through every file, a hundred at a time, without repeating one', async () => {
    const { objectId, files } = janTransaction(true);
    const template = files[0]!;
    const extra: SimFile[] = Array.from({ length: 150 }, (_, n) => ({
      ...template,
      id: 900_000 + n,
      name: `bijlage-${n}.pdf`,
    }));
    nc.data.files.push(...extra);
    try {
      const listed = await connect().connector.listFiles('posTransaction', objectId);
      expect(listed).toHaveLength(151);
      expect(new Set(listed.map((f) => f.id)).size).toBe(151);
      const pages = fileListCalls(objectId).map((p) => new URLSearchParams(p.split('?')[1]));
      expect(pages.map((q) => [q.get('_limit'), q.get('_page')])).toEqual([
        ['100', '1'],
        ['100', '2'],
      ]);
    } finally {
      nc.data.files.splice(nc.data.files.length - extra.length, extra.length);
    }
  });

  it('stops at an empty page even when the server claims more pages', async () => {
    const { objectId } = janTransaction(true);
    proxy.rewrite((path) =>
      path === filesPath(objectId)
        ? { status: 200, json: { results: [], total: 500, page: 1, pages: 5, limit: 100 } }
        : undefined,
    );
    expect(await connect().connector.listFiles('posTransaction', objectId)).toEqual([]);
    expect(fileListCalls(objectId)).toHaveLength(1);
  });

  it('gives up after a hundred pages of a server that never stops paging', async () => {
    const { objectId } = janTransaction(true);
    let firstPage: unknown[] | undefined;
    proxy.rewrite((path, answer) => {
      if (path !== filesPath(objectId)) return undefined;
      firstPage ??= (answer.json as { results: unknown[] }).results;
      return { status: 200, json: { results: firstPage, total: 1_000_000, pages: 10_000, limit: 100 } };
    });
    expect(await connect().connector.listFiles('posTransaction', objectId)).toHaveLength(100);
    expect(fileListCalls(objectId)).toHaveLength(100);
  });

  it('reads "no files folder yet" as no files, and any other 404 as a missing record', async () => {
    const { objectId } = janTransaction(false);
    proxy.rewrite((path) =>
      path === filesPath(objectId) ? { status: 404, json: { error: 'Files folder not found' } } : undefined,
    );
    expect(await connect().connector.listFiles('posTransaction', objectId)).toEqual([]);

    for (const body of [{ error: 'Object not found' }, { message: 'Files folder not found' }, null]) {
      proxy.rewrite((path) => (path === filesPath(objectId) ? { status: 404, json: body } : undefined));
      const error = await failureOf(connect().connector.listFiles('posTransaction', objectId));
      expect(error).toMatchObject({ code: ErrorCode.NOT_FOUND, message: 'The record was not found.' });
    }
    proxy.rewrite((path) =>
      path === filesPath(objectId)
        ? { status: 404, raw: { body: Buffer.from('<html>Not found</html>'), headers: {} } }
        : undefined,
    );
    expect((await failureOf(connect().connector.listFiles('posTransaction', objectId))).code).toBe(ErrorCode.NOT_FOUND);
  });

  it('calls a refused list a configuration problem, not an outage', async () => {
    const { objectId } = janTransaction(true);
    proxy.rewrite((path) => (path === filesPath(objectId) ? { status: 403, json: { message: 'Forbidden' } } : undefined));
    const error = await failureOf(connect().connector.listFiles('posTransaction', objectId));
    expect(error).toMatchObject({ code: ErrorCode.NOT_CONFIGURED, reason: expect.stringContaining('file list') });
  });
});

describe('downloading a file', () => {
  const rawFile = (objectId: string, fileId: number, raw: NonNullable<Answer['raw']>) =>
    proxy.rewrite((path) => (path === `${filesPath(objectId)}/${fileId}` ? { status: 200, raw } : undefined));

  const read = async (body: AsyncIterable<unknown>) => {
    const chunks: Buffer[] = [];
    for await (const chunk of body) chunks.push(Buffer.from(chunk as Uint8Array));
    return Buffer.concat(chunks);
  };

  it('does not report a size it cannot vouch for: gzipped or without Content-Length', async () => {
    const { objectId, files } = janTransaction(true);
    const bytes = Buffer.from('%PDF-1.4 a small test document '.repeat(50));
    rawFile(objectId, files[0]!.id, {
      body: gzipSync(bytes),
      headers: { 'Content-Type': 'application/pdf', 'Content-Encoding': 'gzip' },
    });
    const gzipped = await connect().connector.downloadFile('posTransaction', objectId, files[0]!.id);
    expect(gzipped.size).toBeNull();
    expect((await read(gzipped.body)).equals(bytes)).toBe(true);

    rawFile(objectId, files[0]!.id, { body: bytes, headers: { 'Content-Type': 'application/pdf' }, chunked: true });
    const chunked = await connect().connector.downloadFile('posTransaction', objectId, files[0]!.id);
    expect(chunked.size).toBeNull();
    expect((await read(chunked.body)).equals(bytes)).toBe(true);

    rawFile(objectId, files[0]!.id, { body: bytes, headers: { 'Content-Type': 'application/pdf' } });
    expect((await connect().connector.downloadFile('posTransaction', objectId, files[0]!.id)).size).toBe(bytes.length);
  });

  it('falls back to a neutral type and a name from the file id when upstream gives none', async () => {
    const { objectId, files } = janTransaction(true);
    rawFile(objectId, files[0]!.id, { body: Buffer.from('x'), headers: {} });
    const download = await connect().connector.downloadFile('posTransaction', objectId, files[0]!.id);
    expect(download).toMatchObject({ contentType: 'application/octet-stream', fileName: `document-${files[0]!.id}` });
    await read(download.body);
  });

  it('says which thing was not found, and calls a refusal a configuration problem', async () => {
    const { objectId, files } = janTransaction(true);
    expect(await failureOf(connect().connector.downloadFile('posTransaction', objectId, 999_999))).toMatchObject({
      code: ErrorCode.NOT_FOUND,
      message: 'The document was not found.',
    });
    proxy.rewrite((path) =>
      path === `${filesPath(objectId)}/${files[0]!.id}` ? { status: 403, json: { message: 'Forbidden' } } : undefined,
    );
    const error = await failureOf(connect().connector.downloadFile('posTransaction', objectId, files[0]!.id));
    expect(error).toMatchObject({ code: ErrorCode.NOT_CONFIGURED, reason: expect.stringContaining('file download') });
  });
});

describe('uploading a file', () => {
  it('stores exactly the bytes sent, even text that happens to be valid base64', async () => {
    const { objectId } = janTransaction(false);
    const before = nc.data.files.length;
    try {
      const stored = await connect().connector.uploadFile('posTransaction', objectId, {
        name: 'notitie.txt',
        bytes: Buffer.from('twee'),
      });
      expect(stored).toMatchObject({ title: 'notitie.txt', size: 4 });
      const saved = nc.data.files.find((f) => f.id === stored.id)!;
      expect(Buffer.from(saved.bytes).toString('utf8')).toBe('twee');
      expect(proxy.seen).toContain(`POST ${filesPath(objectId)}`);
    } finally {
      nc.data.files.splice(before);
    }
  });

  it('refuses a file Nextcloud refused, in a sentence that names the file but not the server’s reason', async () => {
    const { objectId } = janTransaction(false);
    const { connector, logs } = connect();
    const bytes = Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00]);
    const error = await failureOf(connector.uploadFile('posTransaction', objectId, { name: 'setup.exe', bytes }));
    expect(error).toBeInstanceOf(FileRefusedError);
    expect(error).toMatchObject({
      name: 'FileRefusedError',
      code: ErrorCode.BAD_USER_INPUT,
      message: 'The records system did not accept the file setup.exe.',
      fileName: 'setup.exe',
    });
    expect(logs.lines()).toContainEqual(
      expect.objectContaining({
        msg: 'nextcloud refused an uploaded file',
        tenant: 'demo',
        resource: 'posTransaction',
        upstreamError: expect.stringContaining('setup.exe'),
        size: bytes.length,
      }),
    );
  });

  it('logs a refusal without a readable reason as such', async () => {
    const { objectId } = janTransaction(false);
    proxy.rewrite((path, answer) =>
      path === filesPath(objectId) && answer.method === 'POST' ? { status: 400, json: { error: 42 } } : undefined,
    );
    const { connector, logs } = connect();
    await failureOf(connector.uploadFile('posTransaction', objectId, { name: 'a.pdf', bytes: Buffer.from('x') }));
    expect(logs.lines()).toContainEqual(
      expect.objectContaining({ msg: 'nextcloud refused an uploaded file', upstreamError: null }),
    );
  });

  it('answers a missing record, a refused route and an answer without an id differently', async () => {
    const unknown = '00000000-0000-4000-8000-0000000000aa';
    const missing = await failureOf(
      connect().connector.uploadFile('posTransaction', unknown, { name: 'a.pdf', bytes: Buffer.from('x') }),
    );
    expect(missing).toMatchObject({ code: ErrorCode.NOT_FOUND, message: 'The record was not found.' });

    const { objectId } = janTransaction(false);
    const upload = () => connect().connector.uploadFile('posTransaction', objectId, { name: 'a.pdf', bytes: Buffer.from('x') });
    const answering = (status: number, json: unknown) =>
      proxy.rewrite((path, answer) => (path === filesPath(objectId) && answer.method === 'POST' ? { status, json } : undefined));

    answering(403, { message: 'Forbidden' });
    expect(await failureOf(upload())).toMatchObject({
      code: ErrorCode.NOT_CONFIGURED,
      reason: "the service account cannot use file upload of 'posTransaction' (HTTP 403)",
    });
    answering(200, { title: 'a.pdf' });
    const { connector, logs } = connect();
    const garbled = await failureOf(connector.uploadFile('posTransaction', objectId, { name: 'a.pdf', bytes: Buffer.from('x') }));
    expect(garbled.code).toBe(ErrorCode.UPSTREAM_UNAVAILABLE);
    expect(logs.lines()).toContainEqual(
      expect.objectContaining({ msg: 'unexpected nextcloud answer', status: 200, what: 'file upload answer without an id' }),
    );
    const file = { id: 4242, title: 'a.pdf', type: 'application/pdf', extension: 'pdf', size: 1, labels: [] };
    answering(201, file);
    expect(await upload()).toMatchObject({ id: 4242, title: 'a.pdf' });
  });

  it('allows a slow link time for the base64-encoded bytes on top of the usual timeout', () => {
    expect(uploadTimeoutMs(3_000, 0)).toBe(3_000);
    expect(uploadTimeoutMs(3_000, 1)).toBe(4_000);
    expect(uploadTimeoutMs(3_000, 3_000_000)).toBe(7_000);
    expect(uploadTimeoutMs(3_000, 3_000_001)).toBe(8_000);
  });
});
