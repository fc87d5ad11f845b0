import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMetrics } from '../../../core/metrics.js';
import type { NextcloudConnector } from '../../../nextcloud/connector.js';
import { DEMO, startSimulator, type Simulator } from '../../../nextcloud/simulator/index.js';
import type { NcObject } from '../../../nextcloud/types.js';
import { DEFAULT_FIELD_MAPPING, type RecordMapping } from '../../portal-data/field-mapping.js';
import { defaultPortalSettings } from '../portal-settings.js';
import { connectorForCheck } from './check-connector.js';
import { checkOwners } from './owner-check.js';

/**
 * Whether sampled records' owner fields name clients the service account can see, and which
 * property holds client ids when the mapped one does not (real simulator, fabricated rows).
 */
const JAN = DEMO.demo.janJansen;
const BAKKERIJ = DEMO.demo.bakkerij;
const STRANGER = '00000000-0000-4000-8000-000000000000';
const RESOURCES = { client: 'client', contact: 'contact' };
const invoice = DEFAULT_FIELD_MAPPING.invoice as RecordMapping<string>; // owner: client, then contact "customer"
const contract = DEFAULT_FIELD_MAPPING.contract as RecordMapping<string>; // owner: clientRef, no contact
const row = (id: number, data: Record<string, unknown>): NcObject =>
  ({ id: `r${id}`, '@self': { id: `r${id}`, owner: JAN.clientId }, ...data }) as unknown as NcObject;

describe('checkOwners', () => {
  let simulator: Simulator;
  let connector: NextcloudConnector;
  /** The uuids each upstream call since `clearCalls` asked for. */
  const lookedUp = () =>
    simulator
      .instance('demo')
      .calls()
      .map((call) => decodeURIComponent(call.query).match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g) ?? []);
  beforeAll(async () => {
    simulator = await startSimulator();
    connector = connectorForCheck(
      {
        id: 'demo',
        nextcloud: {
          baseUrl: simulator.instance('demo').url,
          loginName: DEMO.users.service.login,
          register: 'pipelinq',
          schemas: {},
          fieldMapping: null,
        },
        timeZone: 'Europe/Amsterdam',
        portal: defaultPortalSettings(),
        portalSaved: false,
        portalSavedBy: null,
        portalSavedAt: null,
        revision: 'r1',
      },
      DEMO.users.service.appPassword,
      { metrics: createMetrics() },
    );
  });
  afterAll(async () => {
    await simulator?.close();
  });

  it('counts rows owned through the client, through the contact only when the client is empty, unowned and dangling', async () => {
    const rows = [
      row(1, { client: JAN.clientId }),
      row(2, { client: null, customer: JAN.contactId }),
      row(3, { client: '', customer: '' }),
      row(4, { client: STRANGER, customer: JAN.contactId }), // a client nobody sees: the contact does not rescue it
      row(5, { customer: STRANGER }),
      row(6, { client: { value: BAKKERIJ.clientId } }),
    ];
    expect(await checkOwners(connector, RESOURCES, invoice, rows)).toEqual({
      owned: 3,
      unowned: 1,
      dangling: 2,
      candidate: null,
    });
  });

  it('ignores the contact field of a kind whose mapping has none', async () => {
    const rows = [row(1, { clientRef: null, customer: JAN.contactId })];
    expect(await checkOwners(connector, RESOURCES, contract, rows)).toMatchObject({ owned: 0, unowned: 1, dangling: 0 });
  });

  it('names the property that holds most client ids when the mapped owner holds none', async () => {
    const rows = [
      row(1, { clientRef: 'Jan Jansen', klant: JAN.clientId, contactpersoon: JAN.contactId, other: STRANGER }),
      row(2, { clientRef: 'Bakkerij', klant: BAKKERIJ.clientId, extra: JAN.clientId, note: 'not-a-uuid' }),
      row(3, { clientRef: BAKKERIJ.contactId, klant: null }),
    ];
    expect(await checkOwners(connector, RESOURCES, contract, rows)).toEqual({
      owned: 0,
      unowned: 0,
      dangling: 3,
      candidate: 'klant',
    });
  });

  it('proposes nothing when no property holds a client id, or when there are no rows', async () => {
    const rows = [row(1, { clientRef: 'Jan', contactpersoon: JAN.contactId, other: STRANGER, nummer: 'F-1' })];
    expect(await checkOwners(connector, RESOURCES, contract, rows)).toMatchObject({ owned: 0, candidate: null });
    expect(await checkOwners(connector, RESOURCES, contract, [])).toEqual({ owned: 0, unowned: 0, dangling: 0, candidate: null });
  });

  it('proposes nothing while the mapped owner works, even when another property holds client ids', async () => {
    const rows = [row(1, { clientRef: JAN.clientId, klant: BAKKERIJ.clientId })];
    expect(await checkOwners(connector, RESOURCES, contract, rows)).toEqual({
      owned: 1,
      unowned: 0,
      dangling: 0,
      candidate: null,
    });
  });

  it('proposes the property that holds the most client ids, wherever it comes in the record', async () => {
    const rows = [
      row(1, { clientRef: 'Jan', eerste: JAN.clientId }),
      row(2, { clientRef: 'Jan', tweede: JAN.clientId }),
      row(3, { clientRef: 'Bakkerij', tweede: BAKKERIJ.clientId }),
    ];
    expect(await checkOwners(connector, RESOURCES, contract, rows)).toMatchObject({ owned: 0, candidate: 'tweede' });
  });

  it('counts every client id a property holds across the rows, not only its last one', async () => {
    const rows = [
      row(1, { clientRef: 'Jan', klant: JAN.clientId }),
      row(2, { clientRef: 'Bakkerij', klant: BAKKERIJ.clientId }),
      row(3, { clientRef: 'Vreemde', klant: STRANGER, extra: JAN.clientId }),
    ];
    expect(await checkOwners(connector, RESOURCES, contract, rows)).toMatchObject({ owned: 0, candidate: 'klant' });
  });

  it('spends its lookup of at most 100 ids on values that can be client ids, not on record ids or text', async () => {
    // Many rows whose own ids, metadata, owner field and free text would crowd out the candidate's ids.
    const rows = Array.from({ length: 60 }, (_, i) => {
      const id = randomUUID();
      return {
        id,
        '@self': { id, owner: null },
        clientRef: randomUUID(),
        nummer: `F-2026-${i}`,
        // Text around a uuid is not a reference to anything.
        kenmerk: `F-${randomUUID()}`,
        pad: `${randomUUID()}/bijlage`,
        other: randomUUID(),
        klant: i >= 55 ? JAN.clientId : null,
      } as unknown as NcObject;
    });
    simulator.instance('demo').clearCalls();
    expect(await checkOwners(connector, RESOURCES, contract, rows)).toMatchObject({ owned: 0, candidate: 'klant' });
    // First the owner field's 60 values, then the candidates: the 60 others and Jan's client id.
    const [owners, candidates] = lookedUp();
    expect(owners).toHaveLength(60);
    expect(candidates).toHaveLength(61);
    expect(candidates).toContain(JAN.clientId);

    // More distinct uuids than one lookup takes: the first 100 are looked up, no more.
    const crowded = Array.from({ length: 150 }, (_, i) => row(i, { clientRef: 'Jan', other: randomUUID() }));
    simulator.instance('demo').clearCalls();
    expect(await checkOwners(connector, RESOURCES, contract, crowded)).toMatchObject({ candidate: null });
    expect(lookedUp().flat()).toHaveLength(100);
  });
});
