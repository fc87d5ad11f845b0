import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BadUserInputError } from '../../core/errors.js';
import { makeConnector } from '../../nextcloud/connector.test-support.js';
import type { NextcloudConnector } from '../../nextcloud/connector.js';
import type { ObjectQuery } from '../../nextcloud/types.js';
import { DEMO, startSimulator, type SimulatedNextcloud, type Simulator } from '../../nextcloud/simulator/index.js';
import { parseClientSearch, searchClients, SEARCH_DEFAULT_RESULTS } from './client-search.js';

/**
 * Finding the client an invitation is for, against the simulator: what staff are offered, what is
 * kept from them (pseudonymised people, records the portal cannot invite), and the bounds on how
 * much of a tenant's CRM one search can list. The GraphQL side: staff-ergonomics.e2e.test.ts.
 */
let sim: Simulator;
let demo: SimulatedNextcloud;
let connector: NextcloudConnector;
let other: NextcloudConnector;

beforeAll(async () => {
  sim = await startSimulator();
  demo = sim.instance('demo');
  connector = makeConnector(demo).connector;
  other = makeConnector(sim.instance('other')).connector;
});
afterAll(async () => {
  await sim?.close();
});

/**
 * A record as Pipelinq holds it, put straight into the simulator's store: older or hand-edited data
 * need not pass today's schema validation (a blank name, a type outside the enum).
 */
function stored(resource: 'client' | 'contact', data: Record<string, unknown>): string {
  const schema = DEMO.demo.schemaIds[resource];
  const template = demo.data.objects.find((o) => o.schema === schema && !o.deleted)!;
  const uuid = randomUUID();
  demo.data.objects.push({ ...structuredClone(template), id: demo.data.nextObjectId++, uuid, data: data as never });
  return uuid;
}

const problemOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(BadUserInputError);
    return (error as BadUserInputError).extensions.problems;
  }
  throw new Error('expected a refusal');
};

describe('the search term and bound', () => {
  it('takes a trimmed term of 2 to 100 characters and 1 to 20 results, 10 when not asked', () => {
    expect(parseClientSearch('  ab  ', undefined)).toEqual({ term: 'ab', limit: SEARCH_DEFAULT_RESULTS });
    expect(parseClientSearch('x'.repeat(100), 1)).toEqual({ term: 'x'.repeat(100), limit: 1 });
    expect(parseClientSearch('ab', 20).limit).toBe(20);
    expect(parseClientSearch('ab', null).limit).toBe(10);
  });

  it('refuses a shorter or longer term and an out-of-range or fractional bound, with codes a form can use', () => {
    expect(problemOf(() => parseClientSearch(' a ', 5))).toEqual([
      expect.objectContaining({ field: 'query', code: 'SEARCH_TOO_SHORT', params: { min: 2 } }),
    ]);
    expect(problemOf(() => parseClientSearch(null as unknown as string, 5))).toEqual([
      expect.objectContaining({ code: 'SEARCH_TOO_SHORT' }),
    ]);
    expect(problemOf(() => parseClientSearch('x'.repeat(101), 5))).toEqual([
      expect.objectContaining({ field: 'query', code: 'TOO_LONG', params: { max: 100 } }),
    ]);
    for (const first of [0, 21, 1.5, -1]) {
      expect(
        problemOf(() => parseClientSearch('ab', first)),
        String(first),
      ).toEqual([expect.objectContaining({ field: 'first', code: 'NUMBER_OUT_OF_RANGE', params: { min: 1, max: 20 } })]);
    }
  });
});

describe('searching clients', () => {
  it('offers a person with their address and no contacts, an organisation with its people', async () => {
    const [jan] = await searchClients(connector, 'Jan Jansen');
    expect(jan).toEqual({
      id: DEMO.demo.janJansen.clientId,
      name: 'Jan Jansen',
      type: 'person',
      email: 'jan.jansen@example.nl',
      contacts: [],
    });
    const found = await searchClients(connector, 'Bakkerij Bakker');
    const bakkerij = found.find((c) => c.id === DEMO.demo.bakkerij.clientId)!;
    expect(bakkerij).toMatchObject({ name: 'Bakkerij Bakker B.V.', type: 'organization', email: 'info@bakkerij-bakker.example' });
    expect(bakkerij.contacts).toContainEqual({
      id: DEMO.demo.bakkerij.contactId,
      name: 'Sanne de Groot',
      email: 'inkoop@bakkerij-bakker.example',
      role: 'Inkoper',
    });
    // Only the organisation's own people, sorted by name.
    expect(bakkerij.contacts.map((c) => c.id).sort()).toEqual(
      [DEMO.demo.bakkerij.contactId, ...DEMO.demo.bakkerij.otherContactIds].sort(),
    );
    const names = bakkerij.contacts.map((c) => c.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
  });

  it('finds an organisation through one of its people, once', async () => {
    const found = await searchClients(connector, 'Sanne de Groot');
    expect(found.map((c) => c.id)).toEqual([DEMO.demo.bakkerij.clientId]);
    expect(found[0]!.contacts.length).toBeGreaterThan(1);
  });

  it('keeps to the tenant and matches regex characters literally', async () => {
    expect(await searchClients(other, 'Bakkerij Bakker')).toEqual([]);
    expect(await searchClients(connector, '.*')).toEqual([]);
    expect(await searchClients(connector, 'Jan|Piet')).toEqual([]);
  });

  it('never offers a pseudonymised person, a record without a name or one of no known kind', async () => {
    stored('client', { name: 'Gepseudonimiseerd 0123456789', type: 'person', email: 'zxq-pseudo@example.nl' });
    stored('client', { name: '  ', type: 'person', email: 'zxq-blank@example.nl' });
    stored('client', { name: 'Zxq Onbekend', type: 'supplier', email: 'zxq-supplier@example.nl' });
    const kept = stored('client', { name: 'Zxq Echt', type: 'person', email: 'zxq-real@example.nl' });
    const blankEmail = stored('client', { name: 'Zxq Zonder Adres', type: 'person', email: '   ' });
    const found = await searchClients(connector, 'zxq');
    expect(found.map((c) => c.id)).toEqual([kept, blankEmail]);
    // A blank address is no address.
    expect(found[1]!.email).toBeNull();
  });

  it("lists an organisation's people without pseudonymised or nameless ones", async () => {
    const org = stored('client', { name: 'Qwv Installatie B.V.', type: 'organization' });
    const alice = stored('contact', { name: 'Alice Qwv', email: ' alice@qwv.example ', client: org });
    stored('contact', { name: 'Gepseudonimiseerd abcdef0123', client: org });
    stored('contact', { name: '', email: 'nameless@qwv.example', client: org });
    const [found] = await searchClients(connector, 'Qwv Installatie');
    expect(found).toEqual({
      id: org,
      name: 'Qwv Installatie B.V.',
      type: 'organization',
      email: null,
      contacts: [{ id: alice, name: 'Alice Qwv', email: 'alice@qwv.example', role: null }],
    });
  });

  it('brings along only organisations for matching people, within the bound', async () => {
    const person = stored('client', { name: 'Vkp Persoon', type: 'person' });
    const orgA = stored('client', { name: 'Alfa Org', type: 'organization' });
    const orgB = stored('client', { name: 'Beta Org', type: 'organization' });
    // A contact that points at a person client does not make that person an organisation.
    stored('contact', { name: 'Vkp Een', client: person });
    stored('contact', { name: 'Vkp Twee', client: orgA });
    stored('contact', { name: 'Vkp Drie', client: orgB });
    const all = await searchClients(connector, 'Vkp');
    expect(all.map((c) => c.name).sort()).toEqual(['Alfa Org', 'Beta Org', 'Vkp Persoon']);
    expect(await searchClients(connector, 'Vkp', 1)).toHaveLength(1);
    const two = await searchClients(connector, 'Vkp', 2);
    expect(two).toHaveLength(2);
    expect(two[0]!.name).toBe('Vkp Persoon');
  });

  it('offers names trimmed and A to Z, and takes the first people by name when they bring more than the bound', async () => {
    stored('client', { name: 'Hjk Zeta', type: 'person' });
    stored('client', { name: '  Hjk Alpha  ', type: 'person' });
    expect((await searchClients(connector, 'Hjk')).map((c) => c.name)).toEqual(['Hjk Alpha', 'Hjk Zeta']);
    const zorg = stored('client', { name: 'Zorg B.V.', type: 'organization' });
    const aorg = stored('client', { name: 'Aorg B.V.', type: 'organization' });
    stored('contact', { name: 'Wxy Zed', client: zorg });
    stored('contact', { name: 'Wxy Aap', client: aorg });
    expect((await searchClients(connector, 'Wxy', 1)).map((c) => c.id)).toEqual([aorg]);
  });

  it('never offers a person client because one of its contacts matched', async () => {
    const someone = stored('client', { name: 'Anders Persoon', type: 'person' });
    stored('contact', { name: 'Lmn Iemand', client: someone });
    expect(await searchClients(connector, 'Lmn')).toEqual([]);
  });

  it('lists at most 50 people of an organisation, also when the next organisation leaves room', async () => {
    const big = stored('client', { name: 'Qcap Groot B.V.', type: 'organization' });
    const small = stored('client', { name: 'Qcap Klein B.V.', type: 'organization' });
    for (let i = 0; i < 52; i++) stored('contact', { name: `Medewerker ${String(i).padStart(2, '0')}`, client: big });
    stored('contact', { name: 'Zz Klein', client: small });
    const found = await searchClients(connector, 'Qcap');
    expect(found.map((c) => [c.name, c.contacts.length])).toEqual([
      ['Qcap Groot B.V.', 50],
      ['Qcap Klein B.V.', 1],
    ]);
    expect(found[0]!.contacts[0]!.name).toBe('Medewerker 00');
  });

  it('never lists more than asked, even from an upstream that ignores the bound', async () => {
    const ignoringLimit = new Proxy(connector, {
      get: (target, key) =>
        key === 'listObjects'
          ? (resource: string, query: ObjectQuery) => target.listObjects(resource, { ...query, limit: 100 })
          : Reflect.get(target, key, target),
    });
    expect(await searchClients(ignoringLimit, 'Hjk', 1)).toHaveLength(1);
  });

  it('fetches only the organisations it has room for and has not found yet, and only their people', async () => {
    const pqr = stored('client', { name: 'Pqr Org', type: 'organization' });
    stored('contact', { name: 'Pqr Persoon', client: pqr });
    demo.clearCalls();
    await searchClients(connector, 'Pqr');
    const queries = demo.calls().map((call) => decodeURIComponent(call.query));
    // Two searches and the people of the one organisation shown; it was found itself, so no lookup by id.
    expect(queries).toHaveLength(3);
    expect(queries.filter((q) => q.includes('_ids'))).toEqual([]);
    expect(queries[2]).toContain(pqr);
    expect(queries[2]).toMatch(/_limit=50(&|$)/);

    stored('client', { name: 'Stu Klant', type: 'person' });
    const orgX = stored('client', { name: 'X Org', type: 'organization' });
    const orgY = stored('client', { name: 'Y Org', type: 'organization' });
    stored('contact', { name: 'Stu Een', client: orgX });
    stored('contact', { name: 'Stu Twee', client: orgY });
    demo.clearCalls();
    expect((await searchClients(connector, 'Stu', 2)).map((c) => c.name)).toEqual(['Stu Klant', 'X Org']);
    const byIds = demo.calls().filter((call) => decodeURIComponent(call.query).includes('_ids'));
    expect(byIds).toHaveLength(1);
    const asked = decodeURIComponent(byIds[0]!.query);
    expect(asked).toContain(orgX);
    expect(asked).not.toContain(orgY);
  });

  it('asks upstream for no more than the bound, and for contacts only of the organisations it shows', async () => {
    demo.clearCalls();
    await searchClients(connector, 'Jan Jansen', 3);
    const queries = demo.calls().map((call) => decodeURIComponent(call.query));
    // Two searches; a person brings no contact lookup.
    expect(queries).toHaveLength(2);
    for (const query of queries) expect(query).toContain('_limit=3');
  });
});
