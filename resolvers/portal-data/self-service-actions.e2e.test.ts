import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../nextcloud/simulator/index.js';
import { signInCustomer } from '../../test/customers.js';
import { useTestGateway } from '../../test/gateway.js';
import { signInStaff } from '../../test/staff.js';

/**
 * Acting on what the customer sees (issue 15 item 5), through the real gateway over HTTP against
 * the simulator: the Pay link filled from the tenant's template, the contract cancellation filed as
 * a request upstream, and the reference number portal requests get.
 */
const SAVE = `mutation ($tenantId: ID!, $input: TenantConfigInput!) {
  saveTenantConfig(tenantId: $tenantId, input: $input) { paymentUrlTemplate contractCancellationCategory }
}`;
const INVOICES = '{ invoices(first: 100) { edges { node { id number amount currency reference paymentState paymentUrl } } } }';
const CONTRACT = `query ($id: ID!) { contract(id: $id) { id number status noticePeriodDays endDate canCancel earliestEndDate } }`;
const CANCEL = `mutation ($input: ContractCancellationInput!) {
  requestContractCancellation(input: $input) { id number subject body category status }
}`;

type Row = { uuid: string; schema: number; deleted?: unknown; data: Record<string, unknown> };

describe('self-service actions', () => {
  const gw = useTestGateway();
  let admin: Record<string, string>;
  let jan: Record<string, string>;
  const objects = (slug: 'posTransaction' | 'contract' | 'request') =>
    (gw().simulator.instance('demo').data.objects as Row[]).filter((o) => o.schema === DEMO.demo.schemaIds[slug] && !o.deleted);
  const saveConfig = (input: Record<string, unknown>) => gw().graphql(SAVE, { tenantId: 'demo', input }, admin);
  const problemsOf = (body: { errors?: Array<{ extensions?: Record<string, unknown> }> }) =>
    (body.errors?.[0]?.extensions?.problems ?? []) as Array<{ field: string; code: string; params: Record<string, unknown> }>;

  beforeAll(async () => {
    admin = (await signInStaff(gw(), 'admin', 'demo')).headers;
    jan = (await signInCustomer(gw(), 'jan')).headers;
  });

  describe('payment URL template', () => {
    it('is refused on save unless https with known placeholders and a fixed host, each with a problem code', async () => {
      const cases: Array<[string, string]> = [
        ['http://betalen.example.nl/?nr={number}', 'PAYMENT_URL_NOT_HTTPS'],
        ['https://betalen.example.nl/?nr={number}&klant={client}', 'PAYMENT_URL_PLACEHOLDER_UNKNOWN'],
        ['https://{reference}.example.nl/pay', 'PAYMENT_URL_INVALID'],
        ['niet een url {number}', 'PAYMENT_URL_INVALID'],
      ];
      for (const [template, code] of cases) {
        const { body } = await saveConfig({ paymentUrlTemplate: template });
        expect(body.errors?.[0]?.extensions?.code, template).toBe('BAD_USER_INPUT');
        expect(problemsOf(body), template).toEqual([expect.objectContaining({ field: 'paymentUrlTemplate', code })]);
      }
      const unknown = problemsOf((await saveConfig({ paymentUrlTemplate: 'https://pay.example.nl/{client}' })).body)[0]!;
      expect(unknown.params).toMatchObject({ placeholder: '{client}' });
    });

    it('gives no payment URL while no template is configured', async () => {
      await saveConfig({ paymentUrlTemplate: null });
      const { body } = await gw().graphql(INVOICES, undefined, jan);
      expect(body.errors).toBeUndefined();
      const rows = (body.data!.invoices as { edges: Array<{ node: { paymentUrl: string | null } }> }).edges;
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((edge) => edge.node.paymentUrl === null)).toBe(true);
    });

    it('fills the template URL-encoded for open invoices only, and leaves it out when a value is missing', async () => {
      const saved = await saveConfig({
        paymentUrlTemplate: 'https://betalen.example.nl/pay?nr={number}&bedrag={amount}&valuta={currency}&ref={reference}',
      });
      expect(saved.body.errors).toBeUndefined();
      // An invoice number that needs encoding, on an open invoice of Jan's.
      const open = objects('posTransaction').find(
        (o) =>
          o.data.client === DEMO.demo.janJansen.clientId &&
          o.data.invoiceNumber &&
          o.data.status === 'confirmed' &&
          !['captured', 'settled', 'refunded', 'failed'].includes(String(o.data.paymentStatus ?? '')),
      )!;
      expect(open).toBeDefined();
      open.data.invoiceNumber = 'F 2026/01&x=1';
      open.data.total = 1234.5;
      open.data.reference = 'BON #7';

      const { body } = await gw().graphql(INVOICES, undefined, jan);
      expect(body.errors).toBeUndefined();
      const nodes = (body.data!.invoices as { edges: Array<{ node: Record<string, unknown> }> }).edges.map((e) => e.node);
      const invoice = nodes.find((node) => node.id === open.uuid)!;
      expect(invoice.paymentState).toBe('OPEN');
      expect(invoice.paymentUrl).toBe(
        'https://betalen.example.nl/pay?nr=F%202026%2F01%26x%3D1&bedrag=1234.50&valuta=EUR&ref=BON%20%237',
      );
      const url = new URL(invoice.paymentUrl as string);
      expect(url.searchParams.get('nr')).toBe('F 2026/01&x=1');
      // Paid and refunded invoices have nothing to pay.
      for (const node of nodes.filter((n) => n.paymentState === 'PAID' || n.paymentState === 'REFUNDED')) {
        expect(node.paymentUrl).toBeNull();
      }
      expect(nodes.some((n) => n.paymentState === 'PAID')).toBe(true);

      // The template asks for {reference}: an invoice without one gets no link rather than a broken one.
      delete open.data.reference;
      const again = await gw().graphql(INVOICES, undefined, jan);
      const without = (again.body.data!.invoices as { edges: Array<{ node: Record<string, unknown> }> }).edges.find(
        (e) => e.node.id === open.uuid,
      )!.node;
      expect(without.reference).toBeNull();
      expect(without.paymentUrl).toBeNull();
    });
  });

  describe('contract cancellation', () => {
    const jansContract = (status: string) =>
      objects('contract').find((o) => o.data.clientRef === DEMO.demo.janJansen.clientId && o.data.status === status)!;

    it('shows notice period, end date and the earliest end date of a running contract', async () => {
      const active = jansContract('active');
      const { body } = await gw().graphql(CONTRACT, { id: active.uuid }, jan);
      expect(body.errors).toBeUndefined();
      const contract = body.data!.contract as Record<string, unknown>;
      expect(contract).toMatchObject({
        number: active.data.contractNumber,
        noticePeriodDays: active.data.noticePeriodDays,
        canCancel: true,
      });
      expect(String(contract.endDate).slice(0, 10)).toBe(active.data.endDate);
      const earliest = new Date(Date.now() + Number(active.data.noticePeriodDays) * 86_400_000).toISOString().slice(0, 10);
      expect(contract.earliestEndDate).toBe(earliest);
    });

    it('files a request upstream naming the contract and the date, under the tenant category; the contract stays as it was', async () => {
      expect((await saveConfig({ contractCancellationCategory: 'Opzegging' })).body.errors).toBeUndefined();
      const active = jansContract('active');
      const contractBefore = JSON.stringify(active.data);
      const desired = new Date(Date.now() + (Number(active.data.noticePeriodDays) + 10) * 86_400_000).toISOString().slice(0, 10);

      const { body } = await gw().graphql(
        CANCEL,
        { input: { contractId: active.uuid, desiredEndDate: desired, message: 'Wij verhuizen.' } },
        jan,
      );
      expect(body.errors).toBeUndefined();
      const filed = body.data!.requestContractCancellation as Record<string, string>;
      expect(filed).toMatchObject({ category: 'Opzegging', status: 'new' });
      expect(filed.number).toMatch(/^REQ-\d{4}-[2-9A-HJ-NP-Z]{6}$/);

      // Read back from the simulator: what Nextcloud now holds.
      const stored = objects('request').find((o) => o.uuid === filed.id)!;
      expect(stored.data).toMatchObject({
        client: DEMO.demo.janJansen.clientId,
        category: 'Opzegging',
        status: 'new',
        reference: filed.number,
        submittedVia: 'portal',
      });
      expect(stored.data.title).toBe(`Opzegging contract ${String(active.data.contractNumber)}`);
      const description = String(stored.data.description);
      expect(description).toContain(String(active.data.contractNumber));
      expect(description).toContain(active.uuid);
      expect(description).toContain(desired);
      expect(description).toContain('Wij verhuizen.');
      expect(JSON.stringify(active.data)).toBe(contractBefore);
    });

    it('refuses an end date inside the notice period, a malformed date and a contract that is not running', async () => {
      const active = jansContract('active');
      const tooEarly = await gw().graphql(
        CANCEL,
        { input: { contractId: active.uuid, desiredEndDate: new Date().toISOString().slice(0, 10) } },
        jan,
      );
      const earliest = problemsOf(tooEarly.body)[0]!;
      expect(earliest).toMatchObject({ field: 'desiredEndDate', code: 'DATE_TOO_EARLY' });
      expect(String(earliest.params.earliest)).toMatch(/^\d{4}-\d{2}-\d{2}$/);

      const malformed = await gw().graphql(CANCEL, { input: { contractId: active.uuid, desiredEndDate: '2026-02-30' } }, jan);
      expect(problemsOf(malformed.body)[0]).toMatchObject({ field: 'desiredEndDate', code: 'DATE_INVALID' });

      const cancelled = jansContract('cancelled');
      const refused = await gw().graphql(CANCEL, { input: { contractId: cancelled.uuid, desiredEndDate: '2099-01-01' } }, jan);
      expect(problemsOf(refused.body)[0]).toMatchObject({ field: 'contractId', code: 'CONTRACT_NOT_CANCELLABLE' });
      const shown = await gw().graphql(CONTRACT, { id: cancelled.uuid }, jan);
      expect(shown.body.data!.contract).toMatchObject({ canCancel: false, earliestEndDate: null });
    });

    it("answers NOT_FOUND for another customer's contract", async () => {
      const others = objects('contract').find(
        (o) => o.data.clientRef !== DEMO.demo.janJansen.clientId && o.data.status === 'active',
      )!;
      const { body } = await gw().graphql(CANCEL, { input: { contractId: others.uuid, desiredEndDate: '2099-01-01' } }, jan);
      expect(body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    });
  });
});
