import { UnauthenticatedError } from '../../core/errors.js';
import type { FilterValue, NcObject } from '../../nextcloud/types.js';
import { holdsScope } from '../policy.js';
import type { AccountType, Principal } from '../principal.js';
import type { Feature } from '../tenants/portal-settings.js';
import { upstreamFixedFilters, type RecordKind, type RecordMapping } from './field-mapping.js';
import { referenceOf } from './record-values.js';
import { rowMeetsAll } from './row-filters.js';

/**
 * Whose records a request may see, reduced to what the data layer needs. Customers and partners
 * carry their account's client (a person for B2C, an organisation for B2B) and own contact in the
 * principal, so scoping needs no account lookup. A partner token sees the B2B account's records,
 * narrowed further by its scopes.
 */
export interface Viewer {
  tenantId: string;
  accountId: string;
  accountType: AccountType;
  clientId: string;
  contactId: string | null;
  /** Null for a customer session (everything the account sees); the token's scopes for a partner. */
  scopes: ReadonlySet<string> | null;
  /**
   * Set while a grantee acts for a company (domain/delegation): clientId is then the company's,
   * there is no own contact, and scopes are the delegated ones. Audit events name it.
   */
  onBehalfOf?: { delegationId: string; grantorAccountId: string } | null;
}

export function viewerOf(principal: Principal): Viewer {
  if (principal.kind === 'customer' && principal.actingFor) {
    // The owner filter becomes the company's: its records only, never the grantee's own.
    const acting = principal.actingFor;
    return {
      tenantId: principal.tenantId,
      accountId: principal.accountId,
      accountType: 'B2B',
      clientId: acting.clientId,
      contactId: null,
      scopes: new Set(acting.scopes),
      onBehalfOf: { delegationId: acting.delegationId, grantorAccountId: acting.grantorAccountId },
    };
  }
  if (principal.kind === 'customer') {
    return {
      tenantId: principal.tenantId,
      accountId: principal.accountId,
      accountType: principal.accountType,
      clientId: principal.clientId,
      contactId: principal.contactId,
      scopes: null,
    };
  }
  if (principal.kind === 'partner') {
    return {
      tenantId: principal.tenantId,
      accountId: principal.accountId,
      // Partner tokens exist only for B2B accounts (DESIGN.md "Who uses it").
      accountType: 'B2B',
      clientId: principal.clientId,
      contactId: principal.contactId,
      scopes: new Set(principal.scopes),
    };
  }
  throw new UnauthenticatedError();
}

/** The feature and partner scope that guard each kind of record (also when reached as a document). */
export const KIND_ACCESS: Record<RecordKind, { feature: Feature; scope: string }> = {
  invoice: { feature: 'INVOICES', scope: 'read:invoices' },
  order: { feature: 'ORDERS', scope: 'read:orders' },
  contract: { feature: 'CONTRACTS', scope: 'read:contracts' },
  request: { feature: 'REQUESTS', scope: 'read:requests' },
};

/** Whether a kind's records are visible at all: its feature is on and a partner holds its scope. */
export function canSeeKind(kind: RecordKind, viewer: Viewer, enabledFeatures: readonly Feature[]): boolean {
  const access = KIND_ACCESS[kind];
  return enabledFeatures.includes(access.feature) && holdsScope(viewer.scopes, access.scope);
}

/**
 * The owner conditions that go into the upstream query: one set per disjoint part of "what belongs
 * to the viewer". Usually one (`client = <clientId>`); with a contact field also the records that
 * name no client but the viewer's own contact.
 */
export function ownerFilterSets(mapping: RecordMapping<string>, viewer: Viewer): Array<Record<string, FilterValue>> {
  const sets: Array<Record<string, FilterValue>> = [{ [mapping.owner.client]: viewer.clientId }];
  if (mapping.owner.contact && viewer.contactId) {
    sets.push({ [mapping.owner.contact]: viewer.contactId, [mapping.owner.client]: null });
  }
  return sets;
}

/**
 * The check every record passes before it leaves the gateway, whatever query produced it: a
 * filter that upstream ignored, a mis-mapped schema or a bug here must never show a customer
 * somebody else's record.
 */
export function belongsTo(object: NcObject, mapping: RecordMapping<string>, viewer: Viewer): boolean {
  if (!rowMeetsAll(object, upstreamFixedFilters(mapping.fixedFilters))) return false;
  const client = referenceOf(object[mapping.owner.client]);
  if (client !== null) return client === viewer.clientId;
  if (!mapping.owner.contact || !viewer.contactId) return false;
  return referenceOf(object[mapping.owner.contact]) === viewer.contactId;
}
