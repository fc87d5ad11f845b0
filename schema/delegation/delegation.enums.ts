import { registerEnumType } from 'type-graphql';

/** Values match domain/delegation DELEGATION_SCOPES. */
export enum DelegationScope {
  VIEW_INVOICES_ORDERS = 'VIEW_INVOICES_ORDERS',
  VIEW_CONTRACTS = 'VIEW_CONTRACTS',
  VIEW_DOCUMENTS = 'VIEW_DOCUMENTS',
  SUBMIT_REQUESTS = 'SUBMIT_REQUESTS',
}

/** Values match domain/delegation DELEGATION_STATUSES. */
export enum DelegationStatus {
  PENDING = 'PENDING',
  SCHEDULED = 'SCHEDULED',
  ACTIVE = 'ACTIVE',
  EXPIRED = 'EXPIRED',
  REVOKED = 'REVOKED',
}

/** Whether a colleague can sign in to the portal: the state only. */
export enum PortalAccountState {
  NONE = 'NONE',
  INVITED = 'INVITED',
  ACTIVE = 'ACTIVE',
  BLOCKED = 'BLOCKED',
}

registerEnumType(DelegationScope, {
  name: 'DelegationScope',
  description: 'What a company lets another person do on its behalf',
  valuesConfig: {
    VIEW_INVOICES_ORDERS: { description: 'See the company’s invoices and orders' },
    VIEW_CONTRACTS: { description: 'See the company’s contracts' },
    VIEW_DOCUMENTS: { description: 'See and download the documents of the records the other scopes cover' },
    SUBMIT_REQUESTS: { description: 'See, submit and reply to the company’s requests' },
  },
});
registerEnumType(DelegationStatus, {
  name: 'DelegationStatus',
  valuesConfig: {
    PENDING: { description: 'Nobody with that address has an active account yet; starts when one is activated' },
    SCHEDULED: { description: 'Bound to the grantee; starts at validFrom' },
    ACTIVE: { description: 'In force' },
    EXPIRED: { description: 'Past validUntil' },
    REVOKED: { description: 'Ended by the grantor or the grantee' },
  },
});
registerEnumType(PortalAccountState, { name: 'PortalAccountState' });
