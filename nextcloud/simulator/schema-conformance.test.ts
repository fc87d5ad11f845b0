import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startSimulator, type Simulator } from './index.js';
import { AS_ADMIN, AS_SERVICE, getJson, type Loose } from './testing.js';

// The simulator must serve exactly Pipelinq's real schemas, and its demo data must fit them: a
// property the reference lacks once made every test pass while real tenants saw no invoices.
// The reference is read here on its own, not through the simulator's loader.

interface RefProp {
  type: string;
  format?: string;
  enum?: string[];
  maxLength?: number;
  minimum?: number;
  items?: RefProp;
  properties?: Record<string, RefProp>;
  assumedItemKeys?: string[];
}
interface RefSchema {
  required: string[];
  properties: Record<string, RefProp>;
}
const REFERENCE = JSON.parse(readFileSync(new URL('../reference/pipelinq-schemas.json', import.meta.url), 'utf8')) as {
  source: string;
  schemas: Record<string, RefSchema>;
};

/** Pipelinq's register names it `contract`; some portal code pins `salesContract`. */
const kindOf = (slug: string) => (slug === 'salesContract' ? 'contract' : slug);
const OR = '/index.php/apps/openregister/api';

const FORMATS: Record<string, RegExp> = {
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
  date: /^\d{4}-\d\d-\d\d$/,
  'date-time': /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/,
  email: /^[^\s@]+@[^\s@]+\.[^\s@]+$/,
  uri: /^https?:\/\/\S+$/,
};

function jsonType(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** Everything about `value` that the reference property does not allow. */
function valueProblems(path: string, prop: RefProp, value: unknown): string[] {
  const type = jsonType(value);
  const typeOk = type === prop.type || (prop.type === 'number' && type === 'integer');
  if (!typeOk) return [`${path}: ${type} where the reference says ${prop.type}`];
  const out: string[] = [];
  if (prop.enum && !prop.enum.includes(value as string)) out.push(`${path}: '${String(value)}' is outside the enum`);
  if (prop.maxLength !== undefined && (value as string).length > prop.maxLength)
    out.push(`${path}: longer than ${prop.maxLength}`);
  if (prop.minimum !== undefined && (value as number) < prop.minimum) out.push(`${path}: below ${prop.minimum}`);
  if (prop.format && FORMATS[prop.format] && !FORMATS[prop.format]!.test(value as string))
    out.push(`${path}: '${String(value)}' is not a ${prop.format}`);
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      if (prop.items) out.push(...valueProblems(`${path}[${i}]`, prop.items, item));
      if (prop.assumedItemKeys)
        for (const key of Object.keys(item as object))
          if (!prop.assumedItemKeys.includes(key)) out.push(`${path}[${i}].${key}: not an assumed item key`);
    });
  }
  if (prop.properties && type === 'object') {
    for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
      const innerProp = prop.properties[key];
      out.push(...(innerProp ? valueProblems(`${path}.${key}`, innerProp, inner) : [`${path}.${key}: not in the reference`]));
    }
  }
  return out;
}

/** Unknown top-level properties, missing required ones and every value problem of one rendered object. */
function objectProblems(schema: RefSchema, object: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const [key, value] of Object.entries(object)) {
    if (key === 'id' || key === '@self') continue;
    const prop = schema.properties[key];
    out.push(...(prop ? valueProblems(key, prop, value) : [`${key}: not in the reference`]));
  }
  for (const key of schema.required) if (object[key] === undefined) out.push(`${key}: required but missing`);
  return out;
}

describe('the conformance check itself', () => {
  it('flags invented properties, missing required ones, bad enums, wrong types and bad item shapes', () => {
    const pos = REFERENCE.schemas.posTransaction!;
    const invented = { cashier: 'A', status: 'settled', documentType: 'invoice', currency: 'EUR', lines: [] };
    expect(objectProblems(pos, invented)).toEqual([
      'documentType: not in the reference',
      'currency: not in the reference',
      'lines: not in the reference',
    ]);
    expect(objectProblems(pos, { status: 'invoice', total: '12.50' })).toEqual([
      "status: 'invoice' is outside the enum",
      'total: string where the reference says number',
      'cashier: required but missing',
    ]);
    expect(objectProblems(pos, { cashier: 'A', status: 'draft', taxBreakdown: [{ rate: 21, vat: 1 }] })).toEqual([
      'taxBreakdown[0].vat: not an assumed item key',
    ]);
    const contract = REFERENCE.schemas.contract!;
    expect(
      objectProblems(contract, {
        title: 'x',
        clientRef: 'nope',
        billingInterval: 'weekly',
        valuePerInterval: 1,
        startDate: '2026-01-01',
        contact: 'x',
      }),
    ).toEqual([
      "clientRef: 'nope' is not a uuid",
      "billingInterval: 'weekly' is outside the enum",
      'contact: not in the reference',
    ]);
  });
});

describe('schemas and demo data against the reference', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator();
  });
  afterAll(() => sim.close());

  it('names its source and covers every schema the portal uses', () => {
    expect(REFERENCE.source).toContain('pipelinq-schemas.md');
    expect(Object.keys(REFERENCE.schemas).sort()).toEqual(
      ['client', 'contact', 'contract', 'posTransaction', 'request', 'requestCategory'].sort(),
    );
  });

  const layouts = [
    ['demo', ['client', 'contact', 'request', 'posTransaction', 'contract']],
    ['other', ['client', 'contact', 'request', 'posTransaction', 'salesContract', 'requestCategory']],
  ] as const;

  it.each(layouts)('%s: the register serves exactly the reference properties under the expected slugs', async (name, slugs) => {
    const nc = sim.instance(name);
    const schemas = await getJson(`${nc.url}${OR}/registers/${DEMO[name].registerId}/schemas`, AS_SERVICE);
    expect(schemas.status).toBe(200);
    expect(schemas.body.results.map((s: Loose) => s.slug)).toEqual([...slugs]);
    for (const served of schemas.body.results as Loose[]) {
      const ref = REFERENCE.schemas[kindOf(served.slug)]!;
      expect(Object.keys(served.properties).sort(), served.slug).toEqual(Object.keys(ref.properties).sort());
      expect(served.required, served.slug).toEqual(ref.required);
      for (const [key, prop] of Object.entries(ref.properties)) {
        const got = served.properties[key];
        expect({ type: got.type, enum: got.enum, format: got.format }, `${served.slug}.${key}`).toEqual({
          type: prop.type,
          enum: prop.enum,
          format: prop.format,
        });
        // Annotations of the reference file are not part of a real schema.
        for (const annotation of ['portal', 'note', 'assumedItemKeys']) expect(got).not.toHaveProperty(annotation);
      }
    }
  });

  it.each(layouts)('%s: every demo object fits its reference schema, read over HTTP', async (name, slugs) => {
    const nc = sim.instance(name);
    let checked = 0;
    for (const slug of slugs) {
      const schema = REFERENCE.schemas[kindOf(slug)]!;
      for (const who of [AS_SERVICE, AS_ADMIN]) {
        const list = await getJson(`${nc.url}${OR}/objects/pipelinq/${slug}?_limit=10000`, who);
        expect(list.status).toBe(200);
        expect(list.body.results.length).toBe(list.body.total);
        const problems = (list.body.results as Loose[]).flatMap((o) =>
          objectProblems(schema, o).map((p) => `${slug} ${o.id}: ${p}`),
        );
        expect(problems).toEqual([]);
        checked += list.body.results.length;
      }
      // The admin sees both organisations: together the two reads cover every stored object.
      const stored = nc.data.objects.filter((o) => o.schema === nc.data.schemas.find((s) => s.slug === slug)!.id);
      const asAdmin = await getJson(`${nc.url}${OR}/objects/pipelinq/${slug}?_limit=0`, AS_ADMIN);
      expect(asAdmin.body.total, slug).toBe(stored.length);
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('demo tenant: Pipelinq’s real register, so no requestCategory schema and no salesContract slug', async () => {
    const nc = sim.instance('demo');
    for (const slug of ['requestCategory', 'salesContract'])
      expect(await getJson(`${nc.url}${OR}/objects/pipelinq/${slug}?_limit=1`, AS_SERVICE)).toMatchObject({
        status: 404,
        body: { message: `Schema not found: '${slug}'` },
      });
  });

  it('settings name only the schemas Pipelinq keeps a key for: no transaction, contract or category', async () => {
    const settings = async (name: 'demo' | 'other') =>
      (
        await getJson(`${sim.instance(name).url}/index.php/apps/pipelinq/api/settings`, {
          ...AS_SERVICE,
          'OCS-APIRequest': 'true',
        })
      ).body.config;
    expect(await settings('demo')).toEqual({
      register: '5',
      client_schema: '21',
      contact_schema: '22',
      request_schema: '23',
    });
    expect(await settings('other')).toEqual({
      register: '7',
      client_schema: '42',
      contact_schema: '43',
      request_schema: '44',
    });
  });
});

describe('writes are checked against the real schemas', () => {
  let sim: Simulator;
  let base: string;
  beforeAll(async () => {
    sim = await startSimulator();
    base = `${sim.instance('demo').url}${OR}/objects/pipelinq`;
  });
  afterAll(() => sim.close());

  async function create(slug: string, body: unknown) {
    const response = await fetch(`${base}/${slug}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...AS_SERVICE },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Loose };
  }
  const jan = DEMO.demo.janJansen;
  const contract = {
    title: 'Onderhoud',
    clientRef: jan.clientId,
    billingInterval: 'annual',
    valuePerInterval: 159,
    startDate: '2026-01-01',
  };

  it.each([
    ['posTransaction', { status: 'draft' }, 'cashier'],
    ['posTransaction', { cashier: 'Kees', status: 'invoice' }, 'status'],
    ['posTransaction', { cashier: 'Kees', status: 'draft', total: 'veel' }, 'total'],
    ['posTransaction', { cashier: 'Kees', status: 'draft', total: -1 }, 'total'],
    ['posTransaction', { cashier: 'Kees', status: 'draft', invoiceNumber: 'F'.repeat(33) }, 'invoiceNumber'],
    ['posTransaction', { cashier: 'Kees', status: 'draft', customer: 'jan' }, 'customer'],
    ['posTransaction', { cashier: 'Kees', status: 'draft', marketingConsent: 'misschien' }, 'marketingConsent'],
    ['contract', { ...contract, startDate: undefined }, 'startDate'],
    ['contract', { ...contract, billingInterval: 'weekly' }, 'billingInterval'],
    ['contract', { ...contract, noticePeriodDays: 2.5 }, 'noticePeriodDays'],
    ['contract', { ...contract, lineItems: [{ description: 'x', quantity: 'twee' }] }, 'lineItems[0].quantity'],
    ['contract', { ...contract, lineItems: { description: 'x' } }, 'lineItems'],
    ['request', { title: 'x', priority: 'asap' }, 'priority'],
    ['request', { title: 'x', notes: [{ visibility: 'public', message: 'hoi' }] }, 'notes[0].visibility'],
    ['request', { title: 'x', notes: ['hoi'] }, 'notes[0]'],
    ['request', { title: 'x', requestedAt: 'gisteren' }, 'requestedAt'],
  ])('%s %j → 400 with a bare string naming %s', async (slug, body, property) => {
    const answer = await create(slug, body);
    expect(answer.status).toBe(400);
    expect(typeof answer.body).toBe('string');
    expect(answer.body).toContain(`'${property}'`);
  });

  it('accepts valid writes with the schema defaults, and keeps undeclared properties as OpenRegister does', async () => {
    const pos = await create('posTransaction', { cashier: 'Kees de Wit', customer: jan.contactId, total: '12.50' });
    expect(pos.status).toBe(201);
    expect(pos.body).toMatchObject({ status: 'draft', tenderType: 'cash', total: 12.5, customer: jan.contactId });
    const made = await create('contract', { ...contract, startDate: '2026-01-01T10:00:00+01:00', lineItems: [{ quantity: 1 }] });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ status: 'draft', currency: 'EUR', startDate: '2026-01-01' });
    const extra = await create('request', { title: 'Met extra veld', portalTrace: 'abc' });
    expect(extra.status).toBe(201);
    expect(extra.body.portalTrace).toBe('abc');
  });
});
