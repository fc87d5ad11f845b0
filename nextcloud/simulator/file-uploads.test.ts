import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type SimulatedNextcloud, type Simulator } from './index.js';
import { basic, getJson, ALICE, tinySeed } from './testing.js';

// Uploads to an object (openregister-files.md §1, §3, the executable block list, the metadata shape
// of §8.1). On the tiny seed, so demo-data changes cannot move these numbers.
let sim: Simulator;
let tiny: SimulatedNextcloud;
const OR = '/index.php/apps/openregister/api';
/** A logged-in user outside the objects' organisation: may not read them, so may not upload. */
const AS_STRANGER = { authorization: basic('stranger', 'stranger-pw') };

beforeAll(async () => {
  const seed = tinySeed();
  seed.users.push({
    id: 'stranger',
    displayName: 'Stranger',
    email: 'stranger@example.org',
    appPassword: 'stranger-pw',
    groups: [],
    organisations: [],
    lastLogin: 0,
  });
  sim = await startSimulator({ seeds: [seed] });
  tiny = sim.instance('tiny');
});
afterAll(() => sim.close());

describe('file upload', () => {
  const item = () => tiny.data.objects[0]!;
  const filesUrl = (id = item().uuid, register = 'shop', schema = 'item') =>
    `${tiny.url}${OR}/objects/${register}/${schema}/${id}/files`;
  const postJson = (url: string, body: unknown, headers: Record<string, string> = ALICE) =>
    fetch(url, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const pdfBytes = Buffer.from('%PDF-1.4\n% a tiny test file\n%%EOF\n', 'latin1');

  it('stores canonical base64 decoded, answers 200 with one metadata object, lists and serves it', async () => {
    const response = await postJson(filesUrl(), { name: 'scan.pdf', content: pdfBytes.toString('base64'), tags: 'klant, scan' });
    expect(response.status).toBe(200);
    const meta = (await response.json()) as Record<string, unknown>;
    const object = item();
    expect(meta).toMatchObject({
      title: 'scan.pdf',
      type: 'application/pdf',
      extension: 'pdf',
      size: pdfBytes.length,
      labels: ['klant', 'scan'],
      object: object.uuid,
      accessUrl: null,
      locked: false,
    });
    expect(meta.path).toBe(`/OpenRegister/files/Open Registers/Shop Register/${object.uuid}/scan.pdf`);
    const list = await getJson(filesUrl(), ALICE);
    expect(list.body.results.map((f: { id: number }) => f.id)).toContain(meta.id);
    const download = await fetch(`${filesUrl()}/${meta.id}`, { headers: ALICE });
    expect(Buffer.from(await download.arrayBuffer()).equals(pdfBytes)).toBe(true);
  });

  it('applies the encoding rule: data: prefix removed, non-base64 kept raw, and raw "test" decoded into junk', async () => {
    const stored = async (content: string) => {
      const meta = (await (await postJson(filesUrl(), { filename: 'x.txt', content })).json()) as { id: number };
      return Buffer.from(tiny.data.files.find((f) => f.id === meta.id)!.bytes);
    };
    expect((await stored(`data:text/plain;base64,${Buffer.from('hallo').toString('base64')}`)).toString()).toBe('hallo');
    expect((await stored('hallo wereld')).toString()).toBe('hallo wereld');
    expect(await stored('test')).toEqual(Buffer.from('test', 'base64'));
    // Not canonical (re-encodes differently): stored as sent.
    expect((await stored('YR==')).toString()).toBe('YR==');
    expect((await stored('')).length).toBe(0);
  });

  it('accepts form-encoded fields too', async () => {
    const response = await fetch(filesUrl(), {
      method: 'POST',
      headers: { ...ALICE, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ filename: 'notitie.txt', content: Buffer.from('notitie').toString('base64') }).toString(),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ title: 'notitie.txt', type: 'text/plain', size: 7 });
  });

  it('answers the reference’s errors: name, content, object, register, login', async () => {
    const expectError = async (response: Promise<Response>, status: number, body?: unknown) => {
      const r = await response;
      expect(r.status).toBe(status);
      if (body) expect(await r.json()).toEqual(body);
    };
    await expectError(postJson(filesUrl(), { content: 'YQ==' }), 400, {
      error: 'File name is required (use "name" or "filename")',
    });
    await expectError(postJson(filesUrl(), { name: 'a.txt' }), 400, { error: 'File content is required' });
    await expectError(postJson(filesUrl('00000000-0000-4000-8000-000000000000'), { name: 'a.txt', content: '' }), 404, {
      error: 'Object not found',
    });
    await expectError(postJson(filesUrl(undefined, 'nope'), { name: 'a.txt', content: '' }), 500);
    await expectError(postJson(filesUrl(), { name: 'a.txt', content: '' }, {}), 401, {
      message: 'Current user is not logged in',
    });
    // Objects the caller may not read are "not found", even though listing their files is public.
    await expectError(postJson(filesUrl(), { name: 'a.txt', content: '' }, AS_STRANGER), 404, { error: 'Object not found' });
  });

  it('refuses executables by extension, magic bytes and script markers', async () => {
    const refused = async (name: string, bytes: Buffer) => {
      const before = tiny.data.files.length;
      const response = await postJson(filesUrl(), { name, content: bytes.toString('base64') });
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: string }).error).toContain(`File '${name}' is an executable file`);
      expect(tiny.data.files.length).toBe(before);
    };
    await refused('setup.exe', pdfBytes);
    await refused('x.pdf', Buffer.concat([Buffer.from('MZ'), pdfBytes]));
    await refused('elf.pdf', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 1, 2]));
    await refused('Klasse.pdf', Buffer.from([0xca, 0xfe, 0xba, 0xbe, 0, 0]));
    await refused('notes.txt', Buffer.from(`${'a'.repeat(900)}<?= $x ?>`));
  });

  it('multipart: one `files` part or several `files[]` with tags per index; 200 with a bare array', async () => {
    const one = new FormData();
    one.append('files', new Blob([pdfBytes], { type: 'application/octet-stream' }), 'brief.pdf');
    one.append('tags', 'a,b');
    const single = await fetch(`${filesUrl()}Multipart`, { method: 'POST', headers: ALICE, body: one });
    expect(single.status).toBe(200);
    const [meta] = (await single.json()) as Array<Record<string, unknown>>;
    expect(meta).toMatchObject({ title: 'brief.pdf', type: 'application/pdf', labels: ['a', 'b'], object: item().uuid });

    const many = new FormData();
    many.append('files[]', new Blob([Buffer.from('een')]), 'een.txt');
    many.append('files[]', new Blob([Buffer.from('twee')]), 'twee.txt');
    many.append('tags[0]', 'x');
    many.append('tags[1]', 'y,z');
    const both = (await (await fetch(`${filesUrl()}Multipart`, { method: 'POST', headers: ALICE, body: many })).json()) as Array<{
      title: string;
      labels: string[];
      size: number;
    }>;
    // "twee" is canonical base64 too, so upstream decodes it into 3 bytes of junk: the multipart
    // route does not protect raw text from the encoding rule (why the connector sends base64).
    expect(both.map((f) => [f.title, f.labels, f.size])).toEqual([
      ['een.txt', ['x'], 3],
      ['twee.txt', ['y', 'z'], 3],
    ]);
  });

  it('multipart errors: no files, an executable after a stored file (no rollback), unknown schema, PHP limits', async () => {
    const post = (form: FormData, url = `${filesUrl()}Multipart`) => fetch(url, { method: 'POST', headers: ALICE, body: form });
    const empty = new FormData();
    empty.append('files', 'not a file');
    const none = await post(empty);
    expect([none.status, await none.json()]).toEqual([400, { error: 'No files uploaded' }]);

    const mixed = new FormData();
    mixed.append('files[]', new Blob([pdfBytes]), 'goed.pdf');
    mixed.append('files[]', new Blob([Buffer.from('MZ....')]), 'fout.pdf');
    const before = tiny.data.files.length;
    const refused = await post(mixed);
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: string }).error).toContain("File 'fout.pdf' is an executable file");
    expect(tiny.data.files.length).toBe(before + 1);

    const unknown = new FormData();
    unknown.append('files', new Blob([pdfBytes]), 'a.pdf');
    expect((await post(unknown, `${filesUrl(undefined, 'pipelinq', 'nope')}Multipart`)).status).toBe(400);

    tiny.data.options.uploadMaxFilesize = 10;
    try {
      const big = new FormData();
      big.append('files', new Blob([pdfBytes]), 'groot.pdf');
      const tooBig = await post(big);
      expect(tooBig.status).toBe(400);
      expect(((await tooBig.json()) as { error: string }).error).toMatch(/^File upload error for groot\.pdf: /);
    } finally {
      delete tiny.data.options.uploadMaxFilesize;
    }
  });
});
