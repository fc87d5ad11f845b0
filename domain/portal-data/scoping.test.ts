import { describe, expect, it } from 'vitest';
import { UnauthenticatedError } from '../../core/errors.js';
import type { NcObject } from '../../nextcloud/types.js';
import type { CustomerPrincipal, PartnerPrincipal } from '../principal.js';
import { DEFAULT_FIELD_MAPPING, RECORD_KINDS } from './field-mapping.js';
import { rowMeets, rowMeetsAll, valueMeets } from './row-filters.js';
import { belongsTo, canSeeKind, KIND_ACCESS, ownerFilterSets, viewerOf, type Viewer } from './viewer.js';

/**
 * Which records a customer may see: the viewer a session or token becomes, the owner conditions
 * sent upstream, and the in-memory filter semantics every row is re-checked with before it leaves
 * the gateway. Each case is a way one customer could otherwise see another's data.
 */
const row = (data: Record<string, unknown>): NcObject =>
  ({
    id: 'u-1',
    '@self': { id: 'u-1', name: null, slug: null, register: '5', schema: '24', owner: null, organisation: null },
    ...data,
  }) as unknown as NcObject;

const customer: CustomerPrincipal = {
  kind: 'customer',
  tenantId: 't1',
  accountId: 'acc-anna',
  accountType: 'B2C',
  sessionId: 's1',
  enrolmentOnly: false,
  clientId: 'client-anna',
  contactId: 'contact-anna',
};

const viewer = (over: Partial<Viewer> = {}): Viewer => ({
  tenantId: 't1',
  accountId: 'acc-anna',
  accountType: 'B2C',
  clientId: 'client-anna',
  contactId: 'contact-anna',
  scopes: null,
  ...over,
});

describe('viewerOf', () => {
  it('a customer session sees everything its own account sees', () => {
    expect(viewerOf(customer)).toEqual(viewer());
    expect(viewerOf({ ...customer, actingFor: null }).clientId).toBe('client-anna');
  });

  it('a grantee acting for a company sees the company’s records within the granted scopes, never their own', () => {
    const acting = viewerOf({
      ...customer,
      actingFor: { delegationId: 'd1', grantorAccountId: 'acc-boss', clientId: 'client-acme', scopes: ['read:contracts'] },
    });
    expect(acting).toEqual({
      tenantId: 't1',
      accountId: 'acc-anna',
      accountType: 'B2B',
      clientId: 'client-acme',
      contactId: null,
      scopes: new Set(['read:contracts']),
      onBehalfOf: { delegationId: 'd1', grantorAccountId: 'acc-boss' },
    });
  });

  it('a partner token sees its B2B account’s records, narrowed to its scopes', () => {
    const partner: PartnerPrincipal = {
      kind: 'partner',
      tenantId: 't1',
      accountId: 'acc-acme',
      tokenId: 'tok-1',
      scopes: ['read:invoices'],
      clientId: 'client-acme',
      contactId: 'contact-piet',
    };
    expect(viewerOf(partner)).toEqual({
      tenantId: 't1',
      accountId: 'acc-acme',
      accountType: 'B2B',
      clientId: 'client-acme',
      contactId: 'contact-piet',
      scopes: new Set(['read:invoices']),
    });
  });

  it('nobody else has customer data: anonymous and staff are refused', () => {
    expect(() => viewerOf({ kind: 'anonymous' })).toThrow(UnauthenticatedError);
    expect(() => viewerOf({ kind: 'staff', tenantId: 't1', loginName: 'admin', roles: ['ADMIN'], sessionId: 's' })).toThrow(
      UnauthenticatedError,
    );
  });
});

describe('canSeeKind', () => {
  it('guards each kind by its own feature and partner scope', () => {
    expect(KIND_ACCESS).toEqual({
      invoice: { feature: 'INVOICES', scope: 'read:invoices' },
      order: { feature: 'ORDERS', scope: 'read:orders' },
      contract: { feature: 'CONTRACTS', scope: 'read:contracts' },
      request: { feature: 'REQUESTS', scope: 'read:requests' },
    });
  });

  it('needs the feature switched on and, for a token, the scope', () => {
    const all = ['INVOICES', 'ORDERS', 'CONTRACTS', 'REQUESTS'] as const;
    for (const kind of RECORD_KINDS) {
      expect(canSeeKind(kind, viewer(), all)).toBe(true);
      expect(
        canSeeKind(
          kind,
          viewer(),
          all.filter((f) => f !== KIND_ACCESS[kind].feature),
        ),
      ).toBe(false);
      expect(canSeeKind(kind, viewer({ scopes: new Set([KIND_ACCESS[kind].scope]) }), all)).toBe(true);
      expect(canSeeKind(kind, viewer({ scopes: new Set(['read:documents']) }), all)).toBe(false);
      expect(canSeeKind(kind, viewer({ scopes: new Set([KIND_ACCESS[kind].scope]) }), [])).toBe(false);
    }
  });
});

describe('ownerFilterSets', () => {
  const { invoice, contract, request } = DEFAULT_FIELD_MAPPING;

  it('asks upstream for the own client, and for own-contact records that name no client', () => {
    expect(ownerFilterSets(request, viewer())).toEqual([{ client: 'client-anna' }, { contact: 'contact-anna', client: null }]);
    expect(ownerFilterSets(invoice, viewer())).toEqual([{ client: 'client-anna' }, { customer: 'contact-anna', client: null }]);
  });

  it('has only the client condition when the kind has no contact field or the viewer no contact', () => {
    expect(ownerFilterSets(contract, viewer())).toEqual([{ clientRef: 'client-anna' }]);
    expect(ownerFilterSets(request, viewer({ contactId: null }))).toEqual([{ client: 'client-anna' }]);
  });
});

describe('belongsTo', () => {
  const { contract, request } = DEFAULT_FIELD_MAPPING;

  it('a row naming no client is nobody’s when the kind has no contact field or the viewer no contact', () => {
    expect(belongsTo(row({ clientRef: 'client-anna' }), contract, viewer())).toBe(true);
    expect(belongsTo(row({ contact: 'contact-anna' }), contract, viewer())).toBe(false);
    expect(belongsTo(row({}), contract, viewer())).toBe(false);
    // A company view has no own contact: a request naming only some contact is not the company's.
    expect(belongsTo(row({ contact: 'contact-anna' }), request, viewer({ contactId: null }))).toBe(false);
    expect(belongsTo(row({ contact: 'contact-other' }), request, viewer())).toBe(false);
    // Nor does a request naming neither client nor contact belong to a viewer without a contact.
    expect(belongsTo(row({}), request, viewer({ contactId: null }))).toBe(false);
    expect(belongsTo(row({}), request, viewer())).toBe(false);
  });
});

describe('row filter semantics', () => {
  it('null means IS NULL: missing, null and empty string, nothing else', () => {
    expect(valueMeets(undefined, null)).toBe(true);
    expect(valueMeets(null, null)).toBe(true);
    expect(valueMeets('', null)).toBe(true);
    expect(valueMeets('client-2', null)).toBe(false);
    expect(valueMeets({ id: 'client-2' }, null)).toBe(false);
  });

  it('a list means one of, and a missing value is in no list', () => {
    expect(valueMeets('open', ['open', 'closed'])).toBe(true);
    expect(valueMeets(3, [1, 3])).toBe(true);
    expect(valueMeets('draft', ['open', 'closed'])).toBe(false);
    expect(valueMeets(undefined, ['open'])).toBe(false);
    expect(valueMeets('', [''])).toBe(false);
  });

  it('notNull means IS NOT NULL', () => {
    expect(valueMeets('F-1', { notNull: true })).toBe(true);
    expect(valueMeets(0, { notNull: true })).toBe(true);
    expect(valueMeets(undefined, { notNull: true })).toBe(false);
    expect(valueMeets('', { notNull: true })).toBe(false);
  });

  it('equality compares references by uuid and scalars as text', () => {
    expect(valueMeets({ uuid: 'client-1' }, 'client-1')).toBe(true);
    expect(valueMeets({ id: 'client-1' }, 'client-2')).toBe(false);
    expect(valueMeets(true, true)).toBe(true);
    expect(valueMeets(false, true)).toBe(false);
    expect(valueMeets(12, 12)).toBe(true);
    expect(valueMeets(undefined, 'client-1')).toBe(false);
    expect(rowMeets(row({ client: 'client-1' }), 'client', 'client-1')).toBe(true);
    expect(rowMeets(row({ client: 'client-1' }), 'customer', 'client-1')).toBe(false);
  });

  it('every condition must hold', () => {
    const r = row({ client: 'client-1', status: 'open' });
    expect(rowMeetsAll(r, {})).toBe(true);
    expect(rowMeetsAll(r, { client: 'client-1', status: ['open'] })).toBe(true);
    expect(rowMeetsAll(r, { client: 'client-1', status: ['closed'] })).toBe(false);
    expect(rowMeetsAll(r, { client: 'client-2', status: ['open'] })).toBe(false);
  });

  it('date ranges are inclusive for gte/lte and exclusive for gt/lt; a missing date is in no range', () => {
    const day = '2026-03-15T00:00:00.000Z';
    expect(valueMeets(day, { gte: day })).toBe(true);
    expect(valueMeets(day, { gte: '2026-03-16T00:00:00.000Z' })).toBe(false);
    expect(valueMeets(day, { lte: day })).toBe(true);
    expect(valueMeets(day, { lte: '2026-03-14T00:00:00.000Z' })).toBe(false);
    expect(valueMeets(day, { gt: day })).toBe(false);
    expect(valueMeets(day, { gt: '2026-03-14T00:00:00.000Z' })).toBe(true);
    expect(valueMeets(day, { lt: day })).toBe(false);
    expect(valueMeets(day, { lt: '2026-03-16T00:00:00.000Z' })).toBe(true);
    expect(valueMeets(day, { gte: '2026-03-01T00:00:00.000Z', lte: '2026-03-31T00:00:00.000Z' })).toBe(true);
    expect(valueMeets(undefined, { gte: '2026-03-01T00:00:00.000Z' })).toBe(false);
    expect(valueMeets(undefined, {})).toBe(false);
    expect(valueMeets(day, {})).toBe(true);
  });

  it('numeric bounds compare numbers as numbers, not as text', () => {
    // As text "9" > "10"; as numbers it is not.
    expect(valueMeets('9', { lte: 10 })).toBe(true);
    expect(valueMeets(9, { gte: 10 })).toBe(false);
    expect(valueMeets('100', { gt: 20 })).toBe(true);
    expect(valueMeets('100', { lt: 20 })).toBe(false);
    expect(valueMeets('3', { lt: 20 })).toBe(true);
    expect(valueMeets('30', { gt: 20, lt: 100 })).toBe(true);
    expect(valueMeets('30', { lte: 100, gt: 20 })).toBe(true);
    // A text bound keeps text comparison even for a numeric-looking value.
    expect(valueMeets('9', { lte: '10' })).toBe(false);
  });
});
