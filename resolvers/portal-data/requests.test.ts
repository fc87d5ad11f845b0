import { randomBytes } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { BadUserInputError } from '../../core/errors.js';
import { checkSubmission, MAX_ATTACHMENT_BYTES } from '../../domain/portal-data/request-input.js';
import { DEMO } from '../../nextcloud/simulator/index.js';
import { buildPdf } from '../../nextcloud/simulator/pdf.js';
import { basic } from '../../nextcloud/simulator/testing.js';
import { codesOf, simObjects, usePortalDataHarness, type Loose } from './test-support.js';

const h = usePortalDataHarness();

const SUBMIT = `mutation ($input: SubmitRequestInput!) {
  submitRequest(input: $input) { id subject body category status canReply notes { message } }
}`;
const REPLY = `mutation ($id: ID!, $message: String!) {
  replyToRequest(id: $id, message: $message) { id notes { author message } }
}`;

const jansRequests = () =>
  simObjects(h().simulator, 'demo', 'request').filter((o) => o.data.client === DEMO.demo.janJansen.clientId);
const internalMessages = () =>
  jansRequests().flatMap((o) =>
    ((o.data.notes as Array<{ visibility?: string; message: string }>) ?? [])
      .filter((n) => n.visibility !== 'customer')
      .map((n) => n.message),
  );

describe('request notes', () => {
  it('lists and details carry only customer-visible notes; internal ones never leave the gateway', async () => {
    expect(internalMessages().length).toBeGreaterThan(0);
    const jan = h().customer('jan');
    const list = await h().run(jan, '{ requests(first: 100) { edges { node { id notes { author message createdAt } } } } }');
    expect(list.errors).toBeUndefined();
    const withInternal = jansRequests().find((o) =>
      (o.data.notes as Array<{ visibility: string }>).some((n) => n.visibility === 'internal'),
    )!;
    const detail = await h().run(jan, 'query ($id: ID!) { request(id: $id) { notes { message } } }', { id: withInternal.uuid });
    const customerNotes = (withInternal.data.notes as Array<{ visibility: string; message: string }>).filter(
      (n) => n.visibility === 'customer',
    );
    expect(detail.data!.request.notes.map((n: { message: string }) => n.message)).toEqual(customerNotes.map((n) => n.message));
    const everything = JSON.stringify([list, detail]);
    for (const message of internalMessages()) expect(everything).not.toContain(message);
  });

  it('a note without a visibility counts as internal', async () => {
    const target = jansRequests()[1]!;
    const notes = target.data.notes as Array<Record<string, unknown>>;
    notes.push({ author: 'Backoffice', message: 'Geen zichtbaarheid opgegeven', createdAt: '2026-10-01T10:00:00+02:00' });
    const detail = await h().run(h().customer('jan'), 'query ($id: ID!) { request(id: $id) { notes { message } } }', {
      id: target.uuid,
    });
    expect(JSON.stringify(detail)).not.toContain('Geen zichtbaarheid opgegeven');
  });
});

describe('submitRequest', () => {
  it('files the request in Nextcloud for the account, audited', async () => {
    const jan = h().customer('jan', { accountId: 'acc-submit' });
    const result = await h().run(jan, SUBMIT, {
      input: { subject: '  Lekkage bij de meter ', body: 'Er druppelt water.', category: 'Storing' },
    });
    expect(result.errors).toBeUndefined();
    const created = result.data!.submitRequest;
    expect(created).toMatchObject({
      subject: 'Lekkage bij de meter',
      body: 'Er druppelt water.',
      category: 'Storing',
      status: 'new',
      canReply: true,
      notes: [],
    });
    const stored = simObjects(h().simulator, 'demo', 'request').find((o) => o.uuid === created.id)!;
    expect(stored.data).toMatchObject({
      client: DEMO.demo.janJansen.clientId,
      contact: DEMO.demo.janJansen.contactId,
      channel: 'portal',
      status: 'new',
    });
    const events = await h().audit.list(jan.tenantId, { accountId: 'acc-submit', eventType: 'request.submitted' });
    expect(events.events).toHaveLength(1);
    // Named by the id Nextcloud gave the request (as replies are), linked to the record written before it.
    expect(events.events[0]).toMatchObject({
      outcome: 'success',
      actor: 'account:acc-submit',
      targetType: 'request',
      targetId: created.id,
    });
    const started = await h().audit.list(jan.tenantId, { accountId: 'acc-submit', eventType: 'request.submission-started' });
    expect(started.events).toHaveLength(1);
    expect(started.events[0]).toMatchObject({ outcome: 'success', targetType: 'request-submission' });
    expect(started.events[0]!.seq).toBeLessThan(events.events[0]!.seq);
    expect(events.events[0]!.details).toMatchObject({ relatedSeq: started.events[0]!.seq });
    // It is the customer's own from now on.
    const back = await h().run(jan, 'query ($id: ID!) { request(id: $id) { id } }', { id: created.id });
    expect(back.data!.request.id).toBe(created.id);
  });

  it('reports every missing or invalid field at once and writes nothing', async () => {
    const before = simObjects(h().simulator, 'demo', 'request').length;
    const result = await h().run(h().customer('jan'), SUBMIT, { input: { subject: ' ', body: '', category: 'Storing' } });
    expect(codesOf(result)).toEqual(['BAD_USER_INPUT']);
    const problems = result.errors![0]!.extensions!.problems as Array<{ field: string }>;
    expect(problems.map((p) => p.field).sort()).toEqual(['body', 'subject']);
    expect(simObjects(h().simulator, 'demo', 'request')).toHaveLength(before);
  });

  it('accepts only categories the catalogue opens to customers, where the tenant keeps one', async () => {
    // Tenant `other` has a requestCategory schema; Pipelinq's own register (`demo`) has none.
    const piet = h().customer('piet', { accountId: 'acc-category' });
    for (const category of ['Creditcontrole', 'Bestaat niet', null]) {
      const result = await h().run(piet, SUBMIT, { input: { subject: 'Vraag', body: 'Tekst', category } });
      expect(codesOf(result), String(category)).toEqual(['BAD_USER_INPUT']);
      expect(result.errors![0]!.extensions!.problems).toEqual([expect.objectContaining({ field: 'category' })]);
    }
    const categories = await h().run(piet, '{ requestCategories { name } }');
    const names = categories.data!.requestCategories.map((c: { name: string }) => c.name);
    expect(names).toContain('Levering');
    expect(names).not.toContain('Creditcontrole');
  });

  it('accepts any category, or none, where the register has no category catalogue', async () => {
    const jan = h().customer('jan', { accountId: 'acc-free-category' });
    for (const category of ['Storing', 'Iets heel anders', null]) {
      const result = await h().run(jan, SUBMIT, { input: { subject: 'Vraag', body: 'Tekst', category } });
      expect(result.errors, String(category)).toBeUndefined();
    }
    const categories = await h().run(jan, '{ requestCategories { name } }');
    expect(categories.errors).toBeUndefined();
  });

  it('allows 5 per account per hour, then RATE_LIMITED with retryAfter, and frees a place after the hour', async () => {
    const jan = h().customer('jan', { accountId: 'acc-quota' });
    const input = { subject: 'Nog een vraag', body: 'Tekst', category: 'Onderhoud' };
    for (let i = 0; i < 5; i++) expect((await h().run(jan, SUBMIT, { input })).errors, `submission ${i + 1}`).toBeUndefined();
    const sixth = await h().run(jan, SUBMIT, { input });
    expect(codesOf(sixth)).toEqual(['RATE_LIMITED']);
    const retryAfter = sixth.errors![0]!.extensions!.retryAfter as number;
    expect(retryAfter).toBeGreaterThan(3000);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    // Another account of the same customer is not affected.
    expect((await h().run(h().customer('jan', { accountId: 'acc-quota-2' }), SUBMIT, { input })).errors).toBeUndefined();
    h().advance(retryAfter * 1000 + 1000);
    expect((await h().run(jan, SUBMIT, { input })).errors).toBeUndefined();
  });

  it('concurrent submissions cannot overrun the quota', async () => {
    const jan = h().customer('jan', { accountId: 'acc-burst' });
    const input = { subject: 'Tegelijk', body: 'Tekst', category: 'Onderhoud' };
    const results = await Promise.all(Array.from({ length: 8 }, () => h().run(jan, SUBMIT, { input })));
    const accepted = results.filter((r) => !r.errors).length;
    expect(accepted).toBeLessThanOrEqual(5);
    expect(results.filter((r) => codesOf(r)[0] === 'RATE_LIMITED').length).toBe(8 - accepted);
    // Places lost to the race are free again: sequential attempts fill the quota exactly.
    let more = 0;
    for (let i = 0; i < 6; i++) if (!(await h().run(jan, SUBMIT, { input })).errors) more += 1;
    expect(accepted + more).toBe(5);
    const stored = simObjects(h().simulator, 'demo', 'request').filter((o) => o.data.title === 'Tegelijk');
    expect(stored).toHaveLength(5);
  });

  it('an action whose audit event cannot be written does not happen, and keeps the quota', async () => {
    const services = h().services as { audit: unknown };
    const real = services.audit;
    services.audit = { append: () => Promise.reject(new Error('audit store down')) };
    const before = simObjects(h().simulator, 'demo', 'request').length;
    try {
      const jan = h().customer('jan', { accountId: 'acc-audit-down' });
      const result = await h().run(jan, SUBMIT, { input: { subject: 'X', body: 'Y', category: 'Storing' } });
      expect(result.errors).toBeDefined();
      expect(simObjects(h().simulator, 'demo', 'request')).toHaveLength(before);
    } finally {
      services.audit = real;
    }
    const jan = h().customer('jan', { accountId: 'acc-audit-down' });
    for (let i = 0; i < 5; i++)
      expect((await h().run(jan, SUBMIT, { input: { subject: 'X', body: 'Y', category: 'Storing' } })).errors).toBeUndefined();
  });

  it('limits attachments to 25 MB each, with a stable problem code', () => {
    const tooBig = 'A'.repeat(Math.ceil(((MAX_ATTACHMENT_BYTES + 1024) * 4) / 3 / 4) * 4);
    let error: unknown;
    try {
      checkSubmission({
        subject: 's',
        body: 'b',
        attachments: [{ fileName: 'scan.pdf', mimeType: 'application/pdf', contentBase64: tooBig }],
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BadUserInputError);
    expect((error as BadUserInputError).extensions.problems).toEqual([
      {
        field: 'attachments.0',
        code: 'FILE_TOO_LARGE',
        message: 'A file may be at most 25 MB; scan.pdf is 26 MB.',
        params: { name: 'scan.pdf', megabytes: 26, maxMegabytes: 25 },
      },
    ]);
    expect(() =>
      checkSubmission({
        subject: 's',
        body: 'b',
        attachments: [{ fileName: 'ok.pdf', mimeType: 'application/pdf', contentBase64: 'JVBERi0=' }],
      }),
    ).not.toThrow();
  });
});

describe('replyToRequest', () => {
  it('appends a customer-visible note, keeps the internal ones upstream, audited', async () => {
    const jan = h().customer('jan', { accountId: 'acc-reply' });
    const target = jansRequests().find((o) => o.data.status === 'in_progress')!;
    const internalBefore = (target.data.notes as Array<{ visibility: string }>).filter((n) => n.visibility === 'internal');
    const result = await h().run(jan, REPLY, { id: target.uuid, message: ' Donderdag schikt prima. ' });
    expect(result.errors).toBeUndefined();
    const notes = result.data!.replyToRequest.notes;
    // Never the person's name upstream (it would outlive the account): the account's reference.
    expect(notes[notes.length - 1]).toEqual({ author: 'Klant', message: 'Donderdag schikt prima.' });
    const stored = simObjects(h().simulator, 'demo', 'request').find((o) => o.uuid === target.uuid)!;
    const storedNotes = stored.data.notes as Array<{ visibility: string; message: string }>;
    expect(storedNotes.filter((n) => n.visibility === 'internal')).toEqual(internalBefore);
    expect(storedNotes[storedNotes.length - 1]).toMatchObject({
      visibility: 'customer',
      author: 'Klant (portaalaccount acc-reply)',
      message: 'Donderdag schikt prima.',
    });
    expect(JSON.stringify(stored.data.notes)).not.toContain('Jan Jansen');
    const events = await h().audit.list(jan.tenantId, { accountId: 'acc-reply', eventType: 'request.replied' });
    expect(events.events[0]).toMatchObject({ targetType: 'request', targetId: target.uuid, outcome: 'success' });
  });

  it('refuses empty messages and closed requests; foreign requests are NOT_FOUND', async () => {
    const jan = h().customer('jan');
    const open = jansRequests().find((o) => o.data.status === 'new')!;
    expect(codesOf(await h().run(jan, REPLY, { id: open.uuid, message: '   ' }))).toEqual(['BAD_USER_INPUT']);
    const closed = jansRequests().find((o) => o.data.status === 'completed')!;
    expect(codesOf(await h().run(jan, REPLY, { id: closed.uuid, message: 'Nog een vraag' }))).toEqual(['BAD_USER_INPUT']);
    const foreign = simObjects(h().simulator, 'demo', 'request').find((o) => o.data.client === DEMO.demo.bakkerij.clientId)!;
    const notesBefore = JSON.stringify(foreign.data.notes);
    expect(codesOf(await h().run(jan, REPLY, { id: foreign.uuid, message: 'Hallo' }))).toEqual(['NOT_FOUND']);
    expect(JSON.stringify(foreign.data.notes)).toBe(notesBefore);
  });
});

/** A real PNG: signature, IHDR, one IDAT of (random, so incompressible) RGB rows, IEND. */
function png(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  const rows = Buffer.concat(Array.from({ length: height }, () => Buffer.concat([Buffer.from([0]), randomBytes(width * 3)])));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const attachment = (fileName: string, bytes: Buffer, mimeType = 'application/octet-stream') => ({
  fileName,
  mimeType,
  contentBase64: bytes.toString('base64'),
});

const SUBMIT_WITH_FILES = `mutation ($input: SubmitRequestInput!) {
  submitRequest(input: $input) { id attachmentFailures { index fileName code } documents { id name mimeType size } }
}`;
const DETAIL = 'query ($id: ID!) { request(id: $id) { documents { id name mimeType size } } }';
const DOWNLOAD = 'mutation ($id: ID!) { createDocumentDownload(documentId: $id) { url } }';

/** The request's files as the simulated Nextcloud lists them over HTTP (the service account asks). */
type UpstreamFile = { id: number; title: string; type: string; size: number; object: string };

async function upstreamFiles(requestId: string): Promise<UpstreamFile[]> {
  const response = await fetch(
    `${h().simulator.instance('demo').url}/index.php/apps/openregister/api/objects/pipelinq/request/${requestId}/files`,
    { headers: { accept: 'application/json', authorization: basic(DEMO.users.service.login, DEMO.users.service.appPassword) } },
  );
  expect(response.status).toBe(200);
  return ((await response.json()) as { results: UpstreamFile[] }).results;
}

describe('submitRequest with attachments', () => {
  const pdf = Buffer.from(buildPdf('Meterstand', [{ text: 'Stand op 1 maart: 12345' }]));
  const image = png(4, 3);

  it('stores both files on the new request: upstream, as its documents, and downloadable with their bytes', async () => {
    const jan = await h().customerAccount('jan', 'acc-files');
    const result = await h().run(jan, SUBMIT_WITH_FILES, {
      input: {
        subject: 'Foto van de meter',
        body: 'Zie bijlagen.',
        category: 'Storing',
        // The client's MIME type is wrong on purpose: the type comes from the bytes.
        attachments: [attachment('meterstand.pdf', pdf, 'image/png'), attachment('meter.png', image)],
      },
    });
    expect(result.errors).toBeUndefined();
    const created = result.data!.submitRequest;
    expect(created.attachmentFailures).toEqual([]);
    const expected = [
      { name: 'meter.png', mimeType: 'image/png', size: image.length },
      { name: 'meterstand.pdf', mimeType: 'application/pdf', size: pdf.length },
    ];
    const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
    expect(created.documents.map(({ name, mimeType, size }: Loose) => ({ name, mimeType, size })).sort(byName)).toEqual(expected);

    const upstream = await upstreamFiles(created.id);
    expect(upstream.map((f) => [f.title, f.type, f.size, f.object]).sort()).toEqual([
      ['meter.png', 'image/png', image.length, created.id],
      ['meterstand.pdf', 'application/pdf', pdf.length, created.id],
    ]);
    // Pipelinq's portal properties: who filed it through the portal, and which files came with it.
    const stored = h()
      .simulator.instance('demo')
      .data.objects.find((o) => o.uuid === created.id)!;
    expect(stored.data).toMatchObject({ submittedVia: 'portal', reporterAccountId: 'acc-files' });
    expect([...(stored.data.attachmentIds as string[])].sort()).toEqual(upstream.map((f) => String(f.id)).sort());

    const detail = await h().run(jan, DETAIL, { id: created.id });
    expect(detail.errors).toBeUndefined();
    const documents = detail.data!.request.documents as Array<{ id: string; name: string; mimeType: string; size: number }>;
    expect(documents.map(({ name, mimeType, size }) => ({ name, mimeType, size })).sort(byName)).toEqual(expected);
    const signed = await h().run(jan, DOWNLOAD, { id: documents.find((d) => d.name === 'meter.png')!.id });
    expect(signed.errors).toBeUndefined();
    const download = await fetch(signed.data!.createDocumentDownload.url);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(image)).toBe(true);

    const events = await h().audit.list(jan.tenantId, { accountId: 'acc-files', eventType: 'request.submitted' });
    expect(events.events.map((e) => [e.outcome, e.details.attachments])).toEqual([['success', 2]]);
  });

  it('keeps text that happens to be valid base64 byte for byte, and renames a second file of the same name', async () => {
    const jan = h().customer('jan', { accountId: 'acc-files-text' });
    const result = await h().run(jan, SUBMIT_WITH_FILES, {
      input: {
        subject: 'Twee notities',
        body: 'Tekst',
        category: 'Storing',
        attachments: [attachment('notitie.txt', Buffer.from('test')), attachment('notitie.txt', Buffer.from('twee'))],
      },
    });
    expect(result.errors).toBeUndefined();
    const id = result.data!.submitRequest.id as string;
    const stored = h()
      .simulator.instance('demo')
      .data.files.filter((f) => f.objectUuid === id)
      .map((f) => [f.name, Buffer.from(f.bytes).toString('latin1')]);
    expect(stored).toEqual([
      ['notitie.txt', 'test'],
      ['notitie (2).txt', 'twee'],
    ]);
  });

  it('refuses a 26 MB file, setup.exe and an MZ program named x.pdf per file, and files nothing', async () => {
    const jan = h().customer('jan', { accountId: 'acc-files-refused' });
    const before = simObjects(h().simulator, 'demo', 'request').length;
    const result = await h().run(jan, SUBMIT_WITH_FILES, {
      input: {
        subject: 'Bijlagen',
        body: 'Tekst',
        category: 'Storing',
        attachments: [
          attachment('groot.pdf', Buffer.concat([pdf, Buffer.alloc(26 * 1024 * 1024)])),
          attachment('setup.exe', pdf),
          attachment('x.pdf', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)])),
          attachment('foto.pdf', image),
        ],
      },
    });
    expect(codesOf(result)).toEqual(['BAD_USER_INPUT']);
    const problems = result.errors![0]!.extensions!.problems as Array<{ field: string; code: string; params: Loose }>;
    expect(problems.map((p) => [p.field, p.code])).toEqual([
      ['attachments.0', 'FILE_TOO_LARGE'],
      ['attachments.1', 'FILE_EXECUTABLE'],
      ['attachments.2', 'FILE_EXECUTABLE'],
      ['attachments.3', 'FILE_TYPE_MISMATCH'],
    ]);
    expect(problems[0]!.params).toMatchObject({ name: 'groot.pdf', maxMegabytes: 25 });
    expect(problems[3]!.params).toMatchObject({ name: 'foto.pdf', expected: '.png' });
    expect(simObjects(h().simulator, 'demo', 'request')).toHaveLength(before);
    const events = await h().audit.list(jan.tenantId, { accountId: 'acc-files-refused', eventType: 'request.submitted' });
    expect(events.events).toHaveLength(0);
  });

  it('refuses more than 5 files and unknown or disguised types', async () => {
    const jan = h().customer('jan', { accountId: 'acc-files-kinds' });
    const six = await h().run(jan, SUBMIT_WITH_FILES, {
      input: {
        subject: 'S',
        body: 'B',
        category: 'Storing',
        attachments: Array.from({ length: 6 }, (_, i) => attachment(`${i}.pdf`, pdf)),
      },
    });
    expect(six.errors![0]!.extensions!.problems).toEqual([
      expect.objectContaining({ field: 'attachments', code: 'TOO_MANY_FILES' }),
    ]);
    const kinds = await h().run(jan, SUBMIT_WITH_FILES, {
      input: {
        subject: 'S',
        body: 'B',
        category: 'Storing',
        attachments: [
          attachment('archief.zip', Buffer.from([0x50, 0x4b, 0x05, 0x06, ...Buffer.alloc(18)])),
          attachment('pagina.html', Buffer.from('<html><script>alert(1)</script></html>')),
          attachment('script.txt', Buffer.from('#!/bin/sh\nrm -rf /\n')),
          attachment('leeg.txt', Buffer.alloc(0)),
        ],
      },
    });
    const problems = kinds.errors![0]!.extensions!.problems as Array<{ field: string; code: string }>;
    expect(problems.map((p) => [p.field, p.code])).toEqual([
      ['attachments.0', 'FILE_TYPE_NOT_ALLOWED'],
      ['attachments.1', 'FILE_TYPE_NOT_ALLOWED'],
      ['attachments.2', 'FILE_EXECUTABLE'],
      ['attachments.3', 'FILE_EMPTY'],
    ]);
  });

  it('a file Nextcloud refuses after the request exists: the request is returned with the failure listed, and audited', async () => {
    const demo = h().simulator.instance('demo');
    // A tenant whose PHP accepts request bodies up to 200 kB (post_max_size): the small PDF fits,
    // the 300 kB photo does not, although the gateway's own 25 MB limit allows it.
    demo.data.options.postMaxSize = 200 * 1024;
    const photo = png(320, 320);
    expect(photo.length).toBeGreaterThan(300 * 1024);
    try {
      const jan = h().customer('jan', { accountId: 'acc-files-half' });
      const result = await h().run(jan, SUBMIT_WITH_FILES, {
        input: {
          subject: 'Half gelukt',
          body: 'Tekst',
          category: 'Storing',
          attachments: [attachment('brief.pdf', pdf), attachment('foto.png', photo)],
        },
      });
      expect(result.errors).toBeUndefined();
      const created = result.data!.submitRequest;
      expect(created.attachmentFailures).toEqual([{ index: 1, fileName: 'foto.png', code: 'FILE_REFUSED' }]);
      expect(created.documents.map((d: { name: string }) => d.name)).toEqual(['brief.pdf']);
      expect((await upstreamFiles(created.id)).map((f) => f.title)).toEqual(['brief.pdf']);
      const events = await h().audit.list(jan.tenantId, { accountId: 'acc-files-half', eventType: 'request.submitted' });
      const follow = events.events.find((e) => e.outcome === 'error')!;
      expect(follow).toMatchObject({ targetType: 'request', targetId: created.id });
      expect(follow.details).toMatchObject({
        partial: true,
        attachmentsStored: 1,
        attachmentsNotStored: [{ index: 1, name: 'foto.png', reason: 'FILE_REFUSED' }],
      });
      // Stored requests answer an empty list: the failure belongs to the submission's answer.
      const list = await h().run(jan, '{ requests(first: 5) { edges { node { attachmentFailures { code } } } } }');
      expect(list.errors).toBeUndefined();
    } finally {
      delete demo.data.options.postMaxSize;
    }
  });
});
