import { formatC, formatDay } from './dates.js';
import type { CustomerSpec, TenantSpec } from './demo-catalog.js';
import { BASE_DATE, DAY, euro, type CustomerContext, type Draft, type NumberSeries } from './demo-draft.js';
import { transactionDrafts } from './demo-transactions.js';
import { etagFor, seedFor, seededRandom, uuidFor } from './ids.js';
import { buildPdf } from './pdf.js';
import { pipelinqSchemas, type SchemaKind } from './pipelinq-schemas.js';
import type { InstanceSeed, JsonObject, SimFile, SimObject, SimUser } from './types.js';

/**
 * Turns a tenant spec into a seed. Everything is derived from names and a fixed base date, so every
 * run yields the same uuids, numbers, amounts and PDFs. Objects carry only the properties of
 * Pipelinq's real schemas (nextcloud/reference/pipelinq-schemas.json).
 */

export { BASE_DATE } from './demo-draft.js';

export const objectUuid = (instance: string, kind: SchemaKind, key: string) => uuidFor(`${instance}:${kind}:${key}`);
export const organisationUuid = (instance: string, key: string) => uuidFor(`${instance}:organisation:${key}`);

const slugify = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

function customerContext(t: TenantSpec, c: CustomerSpec, organisation: string): CustomerContext {
  const rnd = seededRandom(seedFor(`${t.instance}:${c.key}`));
  const contactIds = c.contacts.map((p) => objectUuid(t.instance, 'contact', p.key));
  return {
    tenant: t,
    customer: c,
    organisation,
    clientId: objectUuid(t.instance, 'client', c.key),
    contactIds,
    rnd,
    pick: (list) => list[Math.floor(rnd() * list.length)]!,
    hour: () => Math.floor(rnd() * 7) * 3_600_000 + Math.floor(rnd() * 60) * 60_000,
    contactFor: (i) =>
      (contactIds.length > 1 && i % 4 === 3 ? contactIds[1 + (i % (contactIds.length - 1))] : contactIds[0]) ?? null,
  };
}

function partyDrafts(ctx: CustomerContext, since: number): Draft[] {
  const c = ctx.customer;
  return [
    {
      kind: 'client',
      key: c.key,
      at: since + ctx.hour(),
      organisation: ctx.organisation,
      data: {
        name: c.name,
        type: c.type,
        email: c.email,
        phone: c.phone,
        address: c.address,
        ...(c.website ? { website: c.website } : {}),
        ...(c.industry ? { industry: c.industry } : {}),
      },
    },
    ...c.contacts.map((p, i) => ({
      kind: 'contact' as const,
      key: p.key,
      at: since + (i + 1) * DAY + ctx.hour(),
      organisation: ctx.organisation,
      data: { name: p.name, email: p.email, phone: p.phone, role: p.role, client: ctx.clientId },
    })),
  ];
}

function contractDrafts(ctx: CustomerContext): Draft[] {
  const { tenant: t, customer: c, clientId } = ctx;
  const drafts: Draft[] = [];
  // Every lifecycle state a portal shows, a cancelled one with its reason included.
  const plans = [
    { status: 'active', startAgo: 500, endIn: 230, autoRenew: true, notice: 30 },
    { status: 'expiring', startAgo: 700, endIn: 40, autoRenew: false, notice: 60 },
    { status: 'cancelled', startAgo: 900, endIn: -60, autoRenew: false, notice: 30 },
    { status: 'renewed', startAgo: 1000, endIn: -270, autoRenew: true, notice: 90 },
    { status: 'churned', startAgo: 1050, endIn: -320, autoRenew: false, notice: 30 },
  ];
  for (let i = 0; i < c.volume.contracts; i++) {
    const plan = plans[i % plans.length]!;
    const template = t.contracts[(i + (c.type === 'person' ? 0 : 1)) % t.contracts.length]!;
    const start = BASE_DATE - plan.startAgo * DAY;
    const at = start - 12 * DAY + ctx.hour();
    const data: JsonObject = {
      title: template.title,
      clientRef: clientId,
      billingInterval: template.billingInterval,
      valuePerInterval: template.valuePerInterval,
      startDate: formatDay(start),
      contractNumber: '',
      lineItems: [{ description: template.title, quantity: 1, unitValue: template.valuePerInterval }],
      value: template.valuePerInterval,
      currency: 'EUR',
      endDate: formatDay(BASE_DATE + plan.endIn * DAY),
      autoRenew: plan.autoRenew,
      noticePeriodDays: plan.notice,
      status: plan.status,
      ...(plan.status === 'cancelled' ? { cancellationReason: 'Opgezegd door klant: bedrijfspand verkocht' } : {}),
    };
    drafts.push({
      kind: 'contract',
      key: `${c.key}:contract:${i}`,
      at,
      data,
      organisation: ctx.organisation,
      number: (next) => (data.contractNumber = next('C', formatDay(start).slice(0, 4), 4)),
      attachment: (d) => ({
        name: `contract-${String(d.contractNumber)}.pdf`,
        title: `Contract ${String(d.contractNumber)}`,
        labels: ['contract'],
        lines: [
          { text: t.organisation.name, size: 12 },
          { text: `Klant: ${c.name}` },
          { text: String(d.title) },
          { text: `Looptijd: ${String(d.startDate)} t/m ${String(d.endDate)}` },
          { text: `${euro(template.valuePerInterval)} per termijn (${template.billingInterval}), excl. BTW` },
        ],
      }),
    });
  }
  return drafts;
}

/** Request statuses in turn; every full-volume customer gets one of each, `converted` included. */
const REQUEST_STATUSES = ['new', 'in_progress', 'completed', 'converted', 'rejected', 'in_progress'];

function requestDrafts(ctx: CustomerContext): Draft[] {
  const { tenant: t, customer: c } = ctx;
  const drafts: Draft[] = [];
  for (let i = 0; i < c.volume.requests; i++) {
    const template = t.requests[i % t.requests.length]!;
    const status = REQUEST_STATUSES[i % REQUEST_STATUSES.length]!;
    const at = BASE_DATE - Math.floor((i * 110 + 2 + ctx.rnd() * 40) * DAY) + ctx.hour();
    const notes = (status === 'new' ? template.notes.slice(0, 1) : template.notes).map((n, j) => ({
      visibility: n.visibility,
      author: n.author,
      message: n.message,
      createdAt: formatC(at + (j + 1) * DAY, 'amsterdam'),
    }));
    const data: JsonObject = {
      title: template.title,
      description: template.description,
      client: ctx.clientId,
      contact: ctx.contactFor(i),
      status,
      priority: template.priority,
      requestedAt: formatC(at, 'amsterdam'),
      category: template.category,
      channel: template.channel,
      notes,
    };
    drafts.push({
      kind: 'request',
      key: `${c.key}:request:${i}`,
      at,
      updatedAt: at + notes.length * DAY,
      data,
      organisation: ctx.organisation,
      // Requests that came in through a web form carry a reference, as the portal gives its own.
      number: template.channel === 'web' ? (next) => (data.reference = next('REQ', formatDay(at).slice(0, 4), 4)) : undefined,
      attachment:
        i % 2 === 0
          ? (d) => ({
              name: `bijlage-${slugify(String(d.title))}.pdf`,
              title: String(d.title),
              labels: ['bijlage'],
              lines: [
                { text: `Aanvraag van ${c.name}` },
                { text: `Ingediend: ${formatDay(at)}` },
                { text: String(d.description) },
              ],
            })
          : undefined,
    });
  }
  return drafts;
}

function customerDrafts(t: TenantSpec, c: CustomerSpec, organisation: string): Draft[] {
  const ctx = customerContext(t, c, organisation);
  return [...partyDrafts(ctx, BASE_DATE - 1100 * DAY), ...transactionDrafts(ctx), ...contractDrafts(ctx), ...requestDrafts(ctx)];
}

function users(orgUuid: string, foreignOrg: string): SimUser[] {
  const user = (id: string, displayName: string, groups: string[], organisations: string[], appPassword: string): SimUser => ({
    id,
    displayName,
    email: `${id}@pipelinq.example`,
    appPassword,
    groups,
    organisations,
    lastLogin: BASE_DATE,
  });
  return [
    user('admin', 'Beheerder', ['admin', 'openregister'], [orgUuid, foreignOrg], 'demo-admin-app-password'),
    user('dpo', 'Functionaris Gegevensbescherming', ['dpo'], [orgUuid], 'demo-dpo-app-password'),
    user(
      'portal-service',
      'Klantportaal (service)',
      ['pipelinq-portal-service', 'openregister'],
      [orgUuid],
      'demo-service-app-password',
    ),
    user('outsider', 'Buitenstaander', [], [], 'demo-outsider-app-password'),
  ];
}

export function buildTenantSeed(t: TenantSpec): InstanceSeed {
  const orgUuid = organisationUuid(t.instance, t.organisation.key);
  const foreignOrg = organisationUuid(t.instance, 'zusterbedrijf');
  const setup = formatC(BASE_DATE - 1200 * DAY);
  const hasCategories = t.schemas.ids.requestCategory !== undefined;
  const drafts: Draft[] = (hasCategories ? t.categories : []).map((cat, i) => ({
    kind: 'requestCategory',
    key: slugify(cat.name),
    at: BASE_DATE - 1150 * DAY + i * 60_000,
    organisation: orgUuid,
    data: { name: cat.name, exposeToCustomer: cat.exposeToCustomer },
  }));
  for (const c of t.customers) drafts.push(...customerDrafts(t, c, c.foreignOrganisation ? foreignOrg : orgUuid));
  drafts.sort((a, b) => a.at - b.at);

  const schemas = pipelinqSchemas(t.instance, t.schemas, setup);
  const counters = new Map<string, number>();
  const next: NumberSeries = (series, year, width) => {
    const n = (counters.get(`${series}-${year}`) ?? 0) + 1;
    counters.set(`${series}-${year}`, n);
    return `${series}-${year}-${String(n).padStart(width, '0')}`;
  };
  const objects: SimObject[] = [];
  const files: SimFile[] = [];
  let objectId = t.firstObjectId;
  let fileId = t.firstFileId;
  for (const draft of drafts) {
    draft.number?.(next);
    const schemaId = t.schemas.ids[draft.kind];
    if (schemaId === undefined) throw new Error(`tenant '${t.instance}' has no '${draft.kind}' schema`);
    const uuid = objectUuid(t.instance, draft.kind, draft.key);
    objects.push({
      id: objectId++,
      uuid,
      slug: null,
      register: t.registerId,
      schema: schemaId,
      owner: 'admin',
      organisation: draft.organisation,
      application: 'pipelinq',
      version: '1.0.0',
      created: formatC(draft.at),
      updated: formatC(Math.min(draft.updatedAt ?? draft.at, BASE_DATE)),
      deleted: null,
      data: draft.data,
    });
    if (draft.attachment) {
      const a = draft.attachment(draft.data);
      const bytes = buildPdf(a.title, a.lines);
      const stamp = formatC(draft.at + 300_000);
      files.push({
        id: fileId++,
        objectUuid: uuid,
        name: a.name,
        mimeType: 'application/pdf',
        bytes,
        etag: etagFor(bytes),
        created: stamp,
        modified: stamp,
        labels: a.labels,
      });
    }
  }
  return {
    name: t.instance,
    users: users(orgUuid, foreignOrg),
    organisations: [
      { uuid: orgUuid, name: t.organisation.name },
      { uuid: foreignOrg, name: 'Zusterbedrijf' },
    ],
    registers: [
      {
        id: t.registerId,
        uuid: uuidFor(`${t.instance}:register:pipelinq`),
        slug: 'pipelinq',
        title: 'Pipelinq',
        version: '1.0.0',
        description: 'Register for Pipelinq CRM',
        schemas: schemas.map((s) => s.id),
        folder: 'Open Registers/Pipelinq',
        owner: 'admin',
        application: 'pipelinq',
        organisation: orgUuid,
        created: setup,
        updated: setup,
        published: setup,
      },
    ],
    schemas,
    objects,
    files,
  };
}
