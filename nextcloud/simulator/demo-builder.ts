import { formatC, formatDay } from './dates.js';
import type { CustomerSpec, TenantSpec } from './demo-catalog.js';
import { etagFor, seedFor, seededRandom, uuidFor } from './ids.js';
import { buildPdf, type PdfLine } from './pdf.js';
import { pipelinqSchemas, type SchemaSlug } from './pipelinq-schemas.js';
import type { InstanceSeed, Json, JsonObject, SimFile, SimObject, SimUser } from './types.js';

/**
 * Turns a tenant spec into a seed. Everything is derived from names and a fixed base date, so every
 * run yields the same uuids, numbers, amounts and PDFs.
 */

/** "Now" for the demo data: fixed, so the data does not drift with the calendar. */
export const BASE_DATE = Date.UTC(2026, 10, 1, 9, 0, 0);
const DAY = 86_400_000;

export const objectUuid = (instance: string, slug: SchemaSlug, key: string) => uuidFor(`${instance}:${slug}:${key}`);
export const organisationUuid = (instance: string, key: string) => uuidFor(`${instance}:organisation:${key}`);

interface Attachment {
  name: string;
  title: string;
  lines: PdfLine[];
  labels: string[];
}
interface Draft {
  slug: SchemaSlug;
  key: string;
  at: number;
  updatedAt?: number;
  data: JsonObject;
  organisation: string;
  /** Gives the draft its document number once all drafts are in date order. */
  number?: (next: (series: string, year: string, width: number) => string) => void;
  attachment?: (data: JsonObject) => Attachment;
}

const round2 = (n: number) => Math.round(n * 100) / 100;
const euro = (n: number) =>
  `EUR ${n
    .toFixed(2)
    .replace('.', ',')
    .replace(/\B(?=(\d{3})+(?!\d))/g, '.')}`;
const slugify = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

function customerDrafts(t: TenantSpec, c: CustomerSpec, orgUuid: string): Draft[] {
  const rnd = seededRandom(seedFor(`${t.instance}:${c.key}`));
  const pick = <T>(list: T[]) => list[Math.floor(rnd() * list.length)]!;
  const hour = () => Math.floor(rnd() * 7) * 3_600_000 + Math.floor(rnd() * 60) * 60_000;
  const clientId = objectUuid(t.instance, 'client', c.key);
  const contactIds = c.contacts.map((p) => objectUuid(t.instance, 'contact', p.key));
  // The purchasing contact (first) handles most documents; colleagues some.
  const contactFor = (i: number) =>
    (contactIds.length > 1 && i % 4 === 3 ? contactIds[1 + (i % (contactIds.length - 1))] : contactIds[0]) ?? null;
  const drafts: Draft[] = [];
  const since = BASE_DATE - 1100 * DAY;

  drafts.push({
    slug: 'client',
    key: c.key,
    at: since + hour(),
    organisation: orgUuid,
    data: {
      name: c.name,
      type: c.type,
      email: c.email,
      phone: c.phone,
      address: c.address,
      ...(c.website ? { website: c.website } : {}),
      ...(c.industry ? { industry: c.industry } : {}),
    },
  });
  c.contacts.forEach((p, i) =>
    drafts.push({
      slug: 'contact',
      key: p.key,
      at: since + (i + 1) * DAY + hour(),
      organisation: orgUuid,
      data: { name: p.name, email: p.email, phone: p.phone, role: p.role, client: clientId },
    }),
  );

  const lineItems = () => {
    const count = 1 + Math.floor(rnd() * 3);
    return Array.from({ length: count }, () => {
      const product = pick(t.products);
      return {
        description: product.description,
        quantity: 1 + Math.floor(rnd() * (c.type === 'organization' ? 6 : 2)),
        unitPrice: product.unitPrice,
      };
    });
  };
  const documentLines = (data: JsonObject): PdfLine[] => [
    { text: t.organisation.name, size: 12 },
    { text: `Klant: ${c.name}` },
    { text: `Adres: ${c.address}` },
    ...((data.lines as JsonObject[]) ?? []).map((l) => ({
      text: `${String(l.quantity)} x ${String(l.description)} a ${euro(Number(l.unitPrice))}`,
    })),
    { text: `Totaal: ${euro(Number(data.total))}`, size: 12 },
  ];

  for (let i = 0; i < c.volume.invoices; i++) {
    const daysAgo = i === 0 ? 3 + Math.floor(rnd() * 10) : Math.floor((i + 0.2 + rnd() * 0.6) * (1080 / c.volume.invoices));
    const at = BASE_DATE - daysAgo * DAY + hour();
    const lines = lineItems();
    const status = daysAgo < 30 ? 'confirmed' : i === 4 ? 'refunded' : 'settled';
    const settledAt = status === 'confirmed' ? undefined : at + (5 + Math.floor(rnd() * 20)) * DAY;
    const data: JsonObject = {
      client: clientId,
      contact: contactFor(i),
      documentType: 'invoice',
      invoiceNumber: '',
      reference: `${lines[0]!.description} ${formatDay(at).slice(0, 7)}`,
      confirmedAt: formatC(at, 'amsterdam'),
      ...(settledAt ? { settledAt: formatC(settledAt, 'amsterdam') } : {}),
      total: round2(lines.reduce((sum, l) => sum + l.quantity * l.unitPrice, 0)),
      currency: 'EUR',
      status,
      lines: lines as unknown as Json,
    };
    drafts.push({
      slug: 'posTransaction',
      key: `${c.key}:invoice:${i}`,
      at,
      updatedAt: settledAt,
      data,
      organisation: orgUuid,
      number: (next) => (data.invoiceNumber = next('F', formatDay(at).slice(0, 4), 5)),
      attachment: (d) => ({
        name: `factuur-${String(d.invoiceNumber)}.pdf`,
        title: `Factuur ${String(d.invoiceNumber)}`,
        labels: ['factuur'],
        lines: [{ text: `Factuurdatum: ${formatDay(at)}` }, ...documentLines(d), { text: `Status: ${status}` }],
      }),
    });
  }

  for (let i = 0; i < c.volume.orders; i++) {
    const daysAgo = Math.floor((i + 0.1 + rnd() * 0.8) * (1080 / c.volume.orders));
    const at = BASE_DATE - daysAgo * DAY + hour();
    const lines = lineItems();
    const parked = i === 0;
    const status = parked ? 'parked' : daysAgo < 45 ? 'confirmed' : 'settled';
    const data: JsonObject = {
      client: clientId,
      contact: contactFor(i + 1),
      documentType: 'order',
      reference: '',
      ...(parked ? { parkedAt: formatC(at, 'amsterdam') } : { confirmedAt: formatC(at, 'amsterdam') }),
      ...(status === 'settled' ? { settledAt: formatC(at + 14 * DAY, 'amsterdam') } : {}),
      total: round2(lines.reduce((sum, l) => sum + l.quantity * l.unitPrice, 0)),
      currency: 'EUR',
      status,
      lines: lines as unknown as Json,
    };
    drafts.push({
      slug: 'posTransaction',
      key: `${c.key}:order:${i}`,
      at,
      data,
      organisation: orgUuid,
      number: (next) => (data.reference = next('ORD', formatDay(at).slice(0, 4), 4)),
    });
  }

  const plans = [
    { status: 'active', startAgo: 500, endIn: 230, autoRenew: true, notice: 30 },
    { status: 'expiring', startAgo: 700, endIn: 40, autoRenew: false, notice: 60 },
    { status: 'churned', startAgo: 1050, endIn: -320, autoRenew: false, notice: 30 },
    { status: 'renewed', startAgo: 1000, endIn: -270, autoRenew: true, notice: 90 },
  ];
  for (let i = 0; i < c.volume.contracts; i++) {
    const plan = plans[i % plans.length]!;
    const template = t.contracts[(i + (c.type === 'person' ? 0 : 1)) % t.contracts.length]!;
    const start = BASE_DATE - plan.startAgo * DAY;
    const at = start - 12 * DAY + hour();
    const data: JsonObject = {
      contractNumber: '',
      clientRef: clientId,
      contact: contactIds[0] ?? null,
      title: template.title,
      billingInterval: template.billingInterval,
      valuePerInterval: template.valuePerInterval,
      value: template.valuePerInterval,
      currency: 'EUR',
      startDate: formatDay(start),
      endDate: formatDay(BASE_DATE + plan.endIn * DAY),
      autoRenew: plan.autoRenew,
      noticePeriodDays: plan.notice,
      status: plan.status,
    };
    drafts.push({
      slug: 'salesContract',
      key: `${c.key}:contract:${i}`,
      at,
      data,
      organisation: orgUuid,
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
          { text: `${euro(template.valuePerInterval)} per termijn (${template.billingInterval})` },
        ],
      }),
    });
  }

  const statuses = ['new', 'in_progress', 'completed', 'completed', 'rejected', 'in_progress'];
  for (let i = 0; i < c.volume.requests; i++) {
    const template = t.requests[i % t.requests.length]!;
    const at = BASE_DATE - Math.floor((i * 110 + 2 + rnd() * 40) * DAY) + hour();
    const notes = (statuses[i % statuses.length] === 'new' ? template.notes.slice(0, 1) : template.notes).map((n, j) => ({
      visibility: n.visibility,
      author: n.author,
      message: n.message,
      createdAt: formatC(at + (j + 1) * DAY, 'amsterdam'),
    }));
    const data: JsonObject = {
      title: template.title,
      description: template.description,
      client: clientId,
      contact: contactFor(i),
      status: statuses[i % statuses.length]!,
      priority: template.priority,
      requestedAt: formatC(at, 'amsterdam'),
      category: template.category,
      channel: template.channel,
      notes,
    };
    drafts.push({
      slug: 'request',
      key: `${c.key}:request:${i}`,
      at,
      updatedAt: at + notes.length * DAY,
      data,
      organisation: orgUuid,
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
  const drafts: Draft[] = t.categories.map((cat, i) => ({
    slug: 'requestCategory',
    key: slugify(cat.name),
    at: BASE_DATE - 1150 * DAY + i * 60_000,
    organisation: orgUuid,
    data: { name: cat.name, description: cat.description, exposeToCustomer: cat.exposeToCustomer },
  }));
  for (const c of t.customers) drafts.push(...customerDrafts(t, c, c.foreignOrganisation ? foreignOrg : orgUuid));
  drafts.sort((a, b) => a.at - b.at);

  const counters = new Map<string, number>();
  const next = (series: string, year: string, width: number) => {
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
    const uuid = objectUuid(t.instance, draft.slug, draft.key);
    objects.push({
      id: objectId++,
      uuid,
      slug: null,
      register: t.registerId,
      schema: t.schemaIds[draft.slug],
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
        schemas: Object.values(t.schemaIds),
        folder: 'Open Registers/Pipelinq',
        owner: 'admin',
        application: 'pipelinq',
        organisation: orgUuid,
        created: setup,
        updated: setup,
        published: setup,
      },
    ],
    schemas: pipelinqSchemas(t.instance, t.schemaIds, setup),
    objects,
    files,
  };
}
