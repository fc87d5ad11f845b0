import { describe, expect, it } from 'vitest';
import { BadUserInputError } from '../../core/errors.js';
import { checkSubmission, MAX_ATTACHMENT_BYTES } from '../../domain/portal-data/request-input.js';
import { DEMO } from '../../nextcloud/simulator/index.js';
import { codesOf, simObjects, usePortalDataHarness } from './test-support.js';

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
    expect(events.events[0]).toMatchObject({ outcome: 'success', actor: 'account:acc-submit' });
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

  it('accepts only categories the catalogue opens to customers', async () => {
    const jan = h().customer('jan', { accountId: 'acc-category' });
    for (const category of ['Creditcontrole', 'Bestaat niet', null]) {
      const result = await h().run(jan, SUBMIT, { input: { subject: 'Vraag', body: 'Tekst', category } });
      expect(codesOf(result), String(category)).toEqual(['BAD_USER_INPUT']);
      expect(result.errors![0]!.extensions!.problems).toEqual([expect.objectContaining({ field: 'category' })]);
    }
    const categories = await h().run(jan, '{ requestCategories { name } }');
    const names = categories.data!.requestCategories.map((c: { name: string }) => c.name);
    expect(names).toContain('Storing');
    expect(names).not.toContain('Creditcontrole');
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

  it('limits attachments to 25 MB each (and refuses uploads until the connector can store them)', () => {
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
      { field: 'attachments.0', message: 'A file may be at most 25 MB; this file is 26 MB.' },
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
    expect(notes[notes.length - 1]).toEqual({ author: 'Jan Jansen', message: 'Donderdag schikt prima.' });
    const stored = simObjects(h().simulator, 'demo', 'request').find((o) => o.uuid === target.uuid)!;
    const storedNotes = stored.data.notes as Array<{ visibility: string; message: string }>;
    expect(storedNotes.filter((n) => n.visibility === 'internal')).toEqual(internalBefore);
    expect(storedNotes[storedNotes.length - 1]).toMatchObject({ visibility: 'customer', message: 'Donderdag schikt prima.' });
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
