import { registerEnumType } from 'type-graphql';

/** The parts of the portal a tenant can switch on and off (values match domain/tenants FEATURES). */
export enum Feature {
  INVOICES = 'INVOICES',
  CONTRACTS = 'CONTRACTS',
  ORDERS = 'ORDERS',
  REQUESTS = 'REQUESTS',
  DOCUMENTS = 'DOCUMENTS',
  PROFILE = 'PROFILE',
}

registerEnumType(Feature, { name: 'Feature', description: 'A part of the portal that a tenant can switch on or off' });
