import { describe, expect, it } from 'vitest';
import type { AuditEventInput } from '../audit/index.js';
import { DEMO } from '../../nextcloud/simulator/index.js';
import { codesOf, simObjects, usePortalDataHarness, type Loose } from '../../resolvers/portal-data/test-support.js';

/**
 * What the portal writes to Nextcloud when a customer files or answers a request, and what the
 * customer is told when it refuses. (The flows end to end: resolvers/portal-data/requests.test.ts.)
 */
const h = usePortalDataHarness();

const SUBMIT = `mutation ($input: SubmitRequestInput!) { submitRequest(input: $input) { id subject category } }`;
const REPLY = 'mutation ($id: ID!, $message: String!) { replyToRequest(id: $id, message: $message) { id } }';

const stored = (instance: 'demo' | 'other', id: string) =>
  simObjects(h().simulator, instance, 'request').find((o) => o.uuid === id)!.data;

function problemsOf(result: Loose) {
  return result.errors?.[0]?.extensions?.problems as Array<{ field: string; code: string; message: string }>;
}

describe('filing a request', () => {
  it('writes what Pipelinq needs: the date, the portal as channel and submitter, the account and a reference', async () => {
    const jan = h().customer('jan', { accountId: 'acc-writer-fields' });
    const now = h().services.portalData.now();
    const result = await h().run(jan, SUBMIT, { input: { subject: 'Vraag', body: 'Tekst', category: null } });
    expect(result.errors).toBeUndefined();
    const data = stored('demo', result.data!.submitRequest.id);
    expect(data).toMatchObject({
      client: DEMO.demo.janJansen.clientId,
      contact: DEMO.demo.janJansen.contactId,
      status: 'new',
      channel: 'portal',
      submittedVia: 'portal',
      reporterAccountId: 'acc-writer-fields',
    });
    expect(data.reference).toMatch(new RegExp(`^REQ-${now.getUTCFullYear()}-[2-9A-HJ-NP-Z]{6}$`));
    expect(Math.abs(Date.parse(data.requestedAt as string) - now.getTime())).toBeLessThan(5_000);
    // No category chosen: none written, rather than an empty one; no files, so no file ids either.
    expect(data).not.toHaveProperty('category');
    expect(data).not.toHaveProperty('attachmentIds');
  });

  it('writes none of the portal properties, and takes any category, where the mapping names no catalogue and no portal schema', async () => {
    const base = h().tenant('demo');
    const tenant = { ...base, nextcloud: { ...base.nextcloud, fieldMapping: { requestCategory: null, portalRequest: null } } };
    const jan = h().customer('jan', { accountId: 'acc-writer-plain' });
    const result = await h().run(
      jan,
      `mutation ($input: SubmitRequestInput!) { submitRequest(input: $input) { id } }`,
      {
        input: {
          subject: 'Vraag',
          body: 'Tekst',
          category: 'Wat dan ook',
          attachments: [{ fileName: 'a.txt', contentBase64: 'aGFsbG8=' }],
        },
      },
      { tenant },
    );
    expect(result.errors).toBeUndefined();
    const data = stored('demo', result.data!.submitRequest.id);
    expect(data).toMatchObject({ category: 'Wat dan ook', channel: 'portal' });
    for (const property of ['submittedVia', 'reporterAccountId', 'reference', 'attachmentIds'])
      expect(data).not.toHaveProperty(property);
    expect((await h().run(jan, '{ requestCategories { name } }', {}, { tenant })).data).toEqual({ requestCategories: [] });
  });

  it('names no contact for an account without one', async () => {
    const jan = h().customer('jan', { accountId: 'acc-writer-nocontact', contactId: null });
    const result = await h().run(jan, SUBMIT, { input: { subject: 'Vraag', body: 'Tekst', category: 'Storing' } });
    expect(result.errors).toBeUndefined();
    const data = stored('demo', result.data!.submitRequest.id);
    expect(data).toMatchObject({ client: DEMO.demo.janJansen.clientId, category: 'Storing' });
    expect(data.contact ?? null).toBeNull();
  });

  it('tells a customer to choose a category where the tenant keeps a catalogue, and which one is not offered', async () => {
    const piet = h().customer('piet', { accountId: 'acc-writer-category' });
    const none = await h().run(piet, SUBMIT, { input: { subject: 'Vraag', body: 'Tekst', category: null } });
    expect(none.errors![0]!.message).toBe('This category is not available.');
    expect(problemsOf(none)).toEqual([
      expect.objectContaining({ field: 'category', code: 'REQUIRED', message: 'Choose a category.' }),
    ]);
    const unknown = await h().run(piet, SUBMIT, { input: { subject: 'Vraag', body: 'Tekst', category: 'Bestaat niet' } });
    expect(problemsOf(unknown)).toEqual([
      expect.objectContaining({ field: 'category', code: 'CATEGORY_NOT_AVAILABLE', message: 'This category is not available.' }),
    ]);
    const offered = await h().run(piet, SUBMIT, { input: { subject: 'Vraag', body: 'Tekst', category: 'Levering' } });
    expect(offered.errors).toBeUndefined();
    expect(stored('other', offered.data!.submitRequest.id)).toMatchObject({ category: 'Levering' });
  });

  it('keeps a filed request when only its `request.submitted` event cannot be written', async () => {
    const services = h().services as { audit: { append(input: AuditEventInput): Promise<unknown> } };
    const real = services.audit;
    services.audit = {
      append: (input) =>
        input.type === 'request.submitted' ? Promise.reject(new Error('audit store hiccup')) : real.append.call(real, input),
    };
    try {
      const jan = h().customer('jan', { accountId: 'acc-writer-audit-late' });
      const result = await h().run(jan, SUBMIT, { input: { subject: 'Toch ingediend', body: 'Tekst', category: 'Storing' } });
      expect(result.errors).toBeUndefined();
      expect(stored('demo', result.data!.submitRequest.id)).toMatchObject({ title: 'Toch ingediend' });
      // The submission-started event still ties the request to the account.
      const started = await h().audit.list(jan.tenantId, {
        accountId: 'acc-writer-audit-late',
        eventType: 'request.submission-started',
      });
      expect(started.events).toHaveLength(1);
    } finally {
      services.audit = real;
    }
  });
});

describe('replying', () => {
  it("to a request that is not the customer's says it was not found", async () => {
    const jan = h().customer('jan', { accountId: 'acc-writer-unknown' });
    const result = await h().run(jan, REPLY, { id: '00000000-0000-4000-8000-000000000000', message: 'Hallo' });
    expect(codesOf(result)).toEqual(['NOT_FOUND']);
    expect(result.errors![0]!.message).toBe('The request was not found.');
  });

  const jansRequests = () =>
    simObjects(h().simulator, 'demo', 'request').filter((o) => o.data.client === DEMO.demo.janJansen.clientId);

  it('on a closed request says so, with a code a form can use, and writes nothing', async () => {
    const jan = h().customer('jan', { accountId: 'acc-writer-closed' });
    const closed = jansRequests().find((o) => o.data.status === 'completed')!;
    const notes = JSON.stringify(closed.data.notes);
    const result = await h().run(jan, REPLY, { id: closed.uuid, message: 'Nog een vraag' });
    expect(codesOf(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors![0]!.message).toBe('This request is closed.');
    expect(problemsOf(result)).toEqual([
      expect.objectContaining({
        field: 'id',
        code: 'REQUEST_CLOSED',
        message: 'Start a new request instead of replying to a closed one.',
      }),
    ]);
    expect(JSON.stringify(closed.data.notes)).toBe(notes);
  });

  it('stamps the note with the time it was written and audits its length', async () => {
    const jan = h().customer('jan', { accountId: 'acc-writer-reply' });
    const open = jansRequests().find((o) => o.data.status === 'new')!;
    const now = h().services.portalData.now();
    const result = await h().run(jan, REPLY, { id: open.uuid, message: '  Tot donderdag.  ' });
    expect(result.errors).toBeUndefined();
    const notes = stored('demo', open.uuid).notes as Array<{ createdAt: string; message: string }>;
    const note = notes[notes.length - 1]!;
    expect(note.message).toBe('Tot donderdag.');
    expect(Math.abs(Date.parse(note.createdAt) - now.getTime())).toBeLessThan(5_000);
    const events = await h().audit.list(jan.tenantId, { accountId: 'acc-writer-reply', eventType: 'request.replied' });
    expect(events.events[0]!.details).toMatchObject({ length: 'Tot donderdag.'.length });
  });
});
