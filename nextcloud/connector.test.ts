import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '../core/errors.js';
import { durationCount, failureOf, makeConnector, objectCalls, queryOf, upstreamCount } from './connector.test-support.js';
import { DEMO } from './simulator/demo-data.js';
import { startSimulator, type SimObject, type SimulatedNextcloud, type Simulator } from './simulator/index.js';

/** Reads and writes through the connector against the simulator, over real HTTP. */

let sim: Simulator;
let nc: SimulatedNextcloud;
const ids = DEMO.demo.schemaIds;
const jan = DEMO.demo.janJansen.clientId;

beforeAll(async () => {
  sim = await startSimulator();
  nc = sim.instance('demo');
});
afterAll(() => sim?.close());
beforeEach(() => nc.clearCalls());

/** The service account sees its own organisation's rows; this mirrors that for expectations. */
const visible = (o: SimObject) => o.organisation === DEMO.demo.organisationId && o.deleted === null;
/** Pipelinq has no invoice type: an invoice is a transaction with an invoiceNumber. */
const isInvoice = (o: SimObject) => typeof o.data.invoiceNumber === 'string' && o.data.invoiceNumber !== '';
const janInvoices = () =>
  nc.data.objects.filter((o) => o.schema === ids.posTransaction && visible(o) && o.data.client === jan && isInvoice(o));
const byCreatedThenUuid = (a: SimObject, b: SimObject) =>
  Date.parse(a.created) - Date.parse(b.created) || (a.uuid < b.uuid ? -1 : a.uuid > b.uuid ? 1 : 0);

describe('listObjects', () => {
  it('pages through a client’s invoices with the server’s arithmetic and a stable order', async () => {
    const { connector } = makeConnector(nc);
    const expected = janInvoices()
      .sort(byCreatedThenUuid)
      .map((o) => o.uuid);
    // Enough for three pages (Jan's other invoices name only his contact, not his client).
    expect(expected.length).toBeGreaterThan(20);
    const filters = { client: jan, invoiceNumber: { notNull: true as const } };

    const seen: string[] = [];
    const pages = Math.ceil(expected.length / 10);
    for (let page = 1; page <= pages; page += 1) {
      const result = await connector.listObjects('posTransaction', { filters, limit: 10, page });
      expect(result).toMatchObject({ total: expected.length, page, pages, limit: 10 });
      expect(result.results.length).toBe(Math.min(10, expected.length - (page - 1) * 10));
      seen.push(...result.results.map((o) => o.id));
    }
    expect(seen).toEqual(expected);

    const past = await connector.listObjects('posTransaction', { filters, limit: 10, page: pages + 1 });
    expect(past).toMatchObject({ results: [], total: expected.length, page: pages + 1, pages });

    const byOffset = await connector.listObjects('posTransaction', { filters, limit: 7, offset: 14 });
    expect(byOffset.page).toBe(3);
    expect(byOffset.results.map((o) => o.id)).toEqual(expected.slice(14, 21));

    const countOnly = await connector.listObjects('posTransaction', { filters, limit: 0 });
    expect(countOnly).toMatchObject({ results: [], total: expected.length, pages: 0, limit: 0 });
  });

  it('always sends _limit and a stable _order ending in _uuid, in PHP-array form', async () => {
    const { connector } = makeConnector(nc);
    await connector.listObjects('posTransaction', { filters: { client: jan }, limit: 5 });
    await connector.listObjects('posTransaction', { filters: { client: jan }, limit: 5, order: [['total', 'desc']] });
    await connector.getObjectsByIds('client', [jan]);
    const lists = objectCalls(nc).filter((c) => c.method === 'GET');
    expect(lists.length).toBeGreaterThanOrEqual(3);
    for (const call of lists) {
      const q = queryOf(call);
      expect(q.get('_limit')).toMatch(/^\d+$/);
      expect(q.get('_order[_uuid]')).toBe('asc');
      for (const bare of ['limit', 'page', 'order', 'ids', 'search']) expect(q.has(bare)).toBe(false);
    }
    const [first, second] = lists.slice(-3);
    expect(queryOf(first!).get('_order[_created]')).toBe('asc');
    expect(queryOf(second!).get('_order[total]')).toBe('desc');

    const ordered = await connector.listObjects('posTransaction', {
      filters: { client: jan },
      limit: 50,
      order: [['total', 'desc']],
    });
    const totals = ordered.results.map((o) => o.total as number);
    expect(totals).toEqual([...totals].sort((a, b) => b - a));
  });

  it('applies IN, range, IS NULL and search filters upstream', async () => {
    const { connector } = makeConnector(nc);
    const mine = nc.data.objects.filter((o) => o.schema === ids.posTransaction && visible(o) && o.data.client === jan);

    const shown = await connector.listObjects('posTransaction', {
      filters: { client: jan, status: ['parked', 'confirmed', 'settled', 'refunded'] },
      limit: 200,
    });
    expect(shown.total).toBe(mine.filter((o) => o.data.status !== 'draft').length);
    expect(shown.total).toBeLessThan(mine.length);

    const mid = await connector.listObjects('posTransaction', {
      filters: { client: jan, total: { gte: 100, lt: 500 } },
      limit: 200,
    });
    const expectedMid = mine.filter((o) => (o.data.total as number) >= 100 && (o.data.total as number) < 500);
    expect(mid.total).toBe(expectedMid.length);
    expect(mid.results.every((o) => (o.total as number) >= 100 && (o.total as number) < 500)).toBe(true);

    const unsettled = await connector.listObjects('posTransaction', {
      filters: { client: jan, invoiceNumber: { notNull: true }, settledAt: null },
      limit: 200,
    });
    const expectedUnsettled = mine.filter((o) => isInvoice(o) && o.data.settledAt === undefined);
    expect(unsettled.total).toBe(expectedUnsettled.length);
    expect(unsettled.total).toBeGreaterThan(0);

    const number = janInvoices()[0]!.data.invoiceNumber as string;
    const searched = await connector.listObjects('posTransaction', { filters: { client: jan }, search: number, limit: 10 });
    expect(searched.results.map((o) => o.invoiceNumber)).toContain(number);

    // An empty IN list matches nothing and costs no call.
    nc.clearCalls();
    const none = await connector.listObjects('posTransaction', { filters: { client: [] }, limit: 10 });
    expect(none).toMatchObject({ results: [], total: 0 });
    expect(objectCalls(nc)).toHaveLength(0);
  });

  it('never returns rows of another organisation to the service account', async () => {
    const { connector } = makeConnector(nc);
    const foreign = await connector.getObject('client', DEMO.demo.foreignOrganisationClientId);
    expect(foreign).toBeNull();
  });
});

describe('resolution and verification happen once', () => {
  it('resolves the register and schema slugs once, even for concurrent first calls, then uses numeric ids', async () => {
    const { connector } = makeConnector(nc);
    await Promise.all([
      connector.listObjects('posTransaction', { limit: 1 }),
      connector.listObjects('contract', { limit: 1 }),
      connector.listObjects('request', { limit: 1 }),
      connector.getObject('client', jan),
      connector.getObjectsByIds('contact', [DEMO.demo.janJansen.contactId]),
    ]);
    await connector.listObjects('posTransaction', { limit: 1, page: 2 });
    const calls = nc.calls();
    const count = (pred: (p: string) => boolean) => calls.filter((c) => pred(c.path)).length;
    expect(count((p) => p === '/ocs/v2.php/cloud/user')).toBe(1);
    expect(count((p) => p.endsWith('/api/registers'))).toBe(1);
    expect(count((p) => /\/api\/registers\/\d+\/schemas$/.test(p))).toBe(1);
    for (const call of objectCalls(nc)) expect(call.path).toMatch(/\/api\/objects\/5\/\d+(\/|$)/);
    expect(
      objectCalls(nc).some((c) => c.path.startsWith(`/index.php/apps/openregister/api/objects/5/${ids.posTransaction}`)),
    ).toBe(true);
    expect(calls.every((c) => c.user === DEMO.users.service.login)).toBe(true);
  });

  it('resolves each tenant against its own Nextcloud (different numeric ids)', async () => {
    const other = sim.instance('other');
    other.clearCalls();
    const { connector } = makeConnector(other);
    const piet = await connector.getObject('client', DEMO.other.pietDeVries.clientId);
    expect(piet?.name).toBe('Piet de Vries');
    expect(objectCalls(other).at(-1)?.path).toContain(`/objects/${DEMO.other.registerId}/${DEMO.other.schemaIds.client}/`);
    // Demo's uuid does not exist over there.
    expect(await connector.getObject('client', jan)).toBeNull();
  });
});

describe('getObject / getObjectsByIds', () => {
  it('returns a normalised object, and null for unknown ids or ids of another schema', async () => {
    const { connector } = makeConnector(nc);
    const client = await connector.getObject('client', jan);
    expect(client).toMatchObject({ id: jan, name: 'Jan Jansen', type: 'person' });
    expect(client?.['@self']).toMatchObject({ id: jan, register: '5', schema: String(ids.client) });
    expect(await connector.getObject('client', '00000000-0000-4000-8000-000000000000')).toBeNull();
    expect(await connector.getObject('client', DEMO.demo.janJansen.contactId)).toBeNull();
    nc.clearCalls();
    for (const sneaky of ['../registers', '..', '.', 'a,b', '']) expect(await connector.getObject('client', sneaky)).toBeNull();
    expect(objectCalls(nc)).toHaveLength(0);
  });

  it('fetches N objects in ONE call with _ids and a _limit of at least N', async () => {
    const { connector } = makeConnector(nc);
    await connector.verifyServiceAccount();
    const wanted = janInvoices()
      .slice(0, 12)
      .map((o) => o.uuid);
    const unknown = '00000000-0000-4000-8000-00000000abcd';
    nc.clearCalls();
    const found = await connector.getObjectsByIds('posTransaction', [...wanted, unknown, wanted[0]!]);
    expect([...found.keys()].sort()).toEqual([...wanted].sort());
    expect(found.get(wanted[3]!)?.id).toBe(wanted[3]);
    const calls = objectCalls(nc).filter((c) => c.path.endsWith(`/objects/5/${ids.posTransaction}`));
    expect(calls).toHaveLength(1);
    const q = queryOf(calls[0]!);
    expect(q.get('_ids')?.split(',').sort()).toEqual([...wanted, unknown].sort());
    expect(Number(q.get('_limit'))).toBeGreaterThanOrEqual(13);
    expect(q.get('_order[_uuid]')).toBe('asc');
  });

  it('splits very large id sets into chunks and makes no call for an empty set', async () => {
    const { connector } = makeConnector(nc, {}, { tuning: { idsChunkSize: 5 } });
    await connector.verifyServiceAccount();
    const wanted = janInvoices()
      .slice(0, 12)
      .map((o) => o.uuid);
    nc.clearCalls();
    const found = await connector.getObjectsByIds('posTransaction', wanted);
    expect(found.size).toBe(12);
    const batches = objectCalls(nc).filter((c) => c.path.endsWith(`/objects/5/${ids.posTransaction}`));
    expect(batches.map((c) => queryOf(c).get('_ids')!.split(',').length).sort()).toEqual([2, 5, 5]);
    // An exact multiple of the chunk size makes no extra, empty call.
    nc.clearCalls();
    expect((await connector.getObjectsByIds('posTransaction', wanted.slice(0, 10))).size).toBe(10);
    expect(objectCalls(nc)).toHaveLength(2);
    nc.clearCalls();
    expect((await connector.getObjectsByIds('posTransaction', [])).size).toBe(0);
    expect(nc.calls()).toHaveLength(0);
  });
});

describe('getObjectsByIds refuses what cannot be a plain id or cannot match', () => {
  it('never sends an id that would change the path or split the id list', async () => {
    const { connector } = makeConnector(nc);
    await connector.verifyServiceAccount();
    nc.clearCalls();
    const found = await connector.getObjectsByIds('client', ['..', `${jan},${DEMO.demo.janJansen.contactId}`, jan]);
    expect([...found.keys()]).toEqual([jan]);
    // (The first read of a resource is preceded by a one-time access check without ids.)
    const calls = objectCalls(nc).filter((c) => queryOf(c).has('_ids'));
    expect(calls).toHaveLength(1);
    expect(queryOf(calls[0]!).get('_ids')).toBe(jan);
  });

  it('asks Nextcloud nothing at all for an empty id set, not even the one-time checks', async () => {
    const { connector } = makeConnector(nc);
    expect((await connector.getObjectsByIds('contract', [])).size).toBe(0);
    expect(nc.calls()).toHaveLength(0);
  });

  it('makes no call when a condition matches nothing (an empty one-of list)', async () => {
    const { connector } = makeConnector(nc);
    await connector.verifyServiceAccount();
    nc.clearCalls();
    const found = await connector.getObjectsByIds('posTransaction', [janInvoices()[0]!.uuid], { filters: { status: [] } });
    expect(found.size).toBe(0);
    expect(nc.calls()).toHaveLength(0);
  });
});

describe('files', () => {
  const withFile = () => {
    const file = nc.data.files.find((f) => janInvoices().some((o) => o.uuid === f.objectUuid))!;
    return { file, objectId: file.objectUuid };
  };

  it('lists an object’s files', async () => {
    const { connector } = makeConnector(nc);
    const { file, objectId } = withFile();
    const files = await connector.listFiles('posTransaction', objectId);
    expect(files).toEqual([
      expect.objectContaining({
        id: file.id,
        title: file.name,
        type: 'application/pdf',
        extension: 'pdf',
        size: file.bytes.length,
      }),
    ]);
    const order = nc.data.objects.find(
      (o) => o.schema === ids.posTransaction && o.data.client === jan && !nc.data.files.some((f) => f.objectUuid === o.uuid),
    );
    expect(await connector.listFiles('posTransaction', order!.uuid)).toEqual([]);
  });

  it('downloads exactly the stored bytes, with type and name', async () => {
    const { connector } = makeConnector(nc);
    const { file, objectId } = withFile();
    const download = await connector.downloadFile('posTransaction', objectId, file.id);
    const chunks: Buffer[] = [];
    for await (const chunk of download.body) chunks.push(Buffer.from(chunk as Uint8Array));
    expect(Buffer.concat(chunks).equals(Buffer.from(file.bytes))).toBe(true);
    expect(download.contentType).toBe('application/pdf');
    expect(download.fileName).toBe(file.name);
    expect(download.size).toBe(file.bytes.length);
  });

  it('answers NOT_FOUND for unknown files and objects', async () => {
    const { connector } = makeConnector(nc);
    const { objectId } = withFile();
    expect((await failureOf(connector.downloadFile('posTransaction', objectId, 999_999))).code).toBe(ErrorCode.NOT_FOUND);
    expect((await failureOf(connector.downloadFile('posTransaction', objectId, 'abc'))).code).toBe(ErrorCode.NOT_FOUND);
    const missing = '00000000-0000-4000-8000-000000000001';
    expect((await failureOf(connector.listFiles('posTransaction', missing))).code).toBe(ErrorCode.NOT_FOUND);
  });
});

describe('writes', () => {
  it('creates with POST and patches with PATCH, sending JSON', async () => {
    const { connector } = makeConnector(nc);
    const created = await connector.createObject('request', {
      title: 'Lekkende kraan',
      description: 'Druppelt sinds gisteren',
      client: jan,
      status: 'new',
      '@self': { owner: 'mallory' },
      _organisation: 'x',
    });
    expect(created).toMatchObject({ title: 'Lekkende kraan', client: jan });
    expect(created['@self'].owner).toBe(DEMO.users.service.login);
    const patched = await connector.updateObject('request', created.id, { status: 'in_progress' });
    expect(patched).toMatchObject({ id: created.id, status: 'in_progress', title: 'Lekkende kraan' });
    const methods = objectCalls(nc).map((c) => c.method);
    expect(methods).toContain('POST');
    expect(methods).toContain('PATCH');
  });

  it('maps a validation failure to BAD_USER_INPUT without the upstream message', async () => {
    const { connector, logs } = makeConnector(nc);
    const error = await failureOf(connector.createObject('request', { description: 'no title' }));
    expect(error.code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(error.message).not.toMatch(/title|Validation|property/i);
    expect(logs.lines().some((l) => l.msg === 'nextcloud refused a write' && l.status === 400)).toBe(true);
  });

  it('answers NOT_FOUND when patching an unknown object', async () => {
    const { connector } = makeConnector(nc);
    const error = await failureOf(connector.updateObject('request', '00000000-0000-4000-8000-000000000002', { status: 'new' }));
    expect(error.code).toBe(ErrorCode.NOT_FOUND);
  });
});

describe('metrics', () => {
  it('counts every call by tenant, resource and outcome and observes its latency', async () => {
    const { connector, metrics } = makeConnector(nc);
    await connector.listObjects('posTransaction', { filters: { client: jan }, limit: 5 });
    await connector.getObject('client', '00000000-0000-4000-8000-000000000003');
    await failureOf(connector.createObject('request', {}));
    const tenant = 'demo';
    expect(await upstreamCount(metrics, { tenant, resource: 'ocs-user', outcome: 'ok' })).toBe(1);
    expect(await upstreamCount(metrics, { tenant, resource: 'register', outcome: 'ok' })).toBe(1);
    expect(await upstreamCount(metrics, { tenant, resource: 'schema', outcome: 'ok' })).toBe(1);
    expect(await upstreamCount(metrics, { tenant, resource: 'posTransaction', outcome: 'ok' })).toBe(1);
    expect(await upstreamCount(metrics, { tenant, resource: 'client', outcome: 'not_found' })).toBe(1);
    expect(await upstreamCount(metrics, { tenant, resource: 'request', outcome: 'client_error' })).toBe(1);
    expect(await durationCount(metrics, { tenant, resource: 'posTransaction' })).toBe(1);
    expect(await durationCount(metrics, { tenant, resource: 'request' })).toBe(1);
  });
});
