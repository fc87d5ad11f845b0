import { buildTenantSeed, objectUuid, organisationUuid } from './demo-builder.js';
import { TENANTS } from './demo-catalog.js';
import type { InstanceSeed } from './types.js';

/**
 * The demo data of the built-in simulator (CONTRACT.md "Demo data"): tenant `demo` (an installer,
 * with B2C Jan Jansen and B2B Bakkerij Bakker B.V.) and tenant `other` (an office supplier, with B2C
 * Piet de Vries), each with customers that have no portal account. The ids below are stable across
 * runs; the gateway seeds its portal accounts from them.
 */

const client = (instance: string, key: string) => objectUuid(instance, 'client', key);
const contact = (instance: string, key: string) => objectUuid(instance, 'contact', key);

export const DEMO = {
  demo: {
    registerId: 5,
    /**
     * Pipelinq's real register: the contract schema (25) has the slug `contract` and there is no
     * requestCategory schema. `salesContract` names the same contract schema for older callers;
     * `requestCategory` (26) is kept for compatibility only: no such schema exists on `demo`.
     */
    schemaIds: {
      client: 21,
      contact: 22,
      request: 23,
      posTransaction: 24,
      contract: 25,
      salesContract: 25,
      requestCategory: 26,
    },
    contractSlug: 'contract',
    hasRequestCategory: false,
    organisationId: organisationUuid('demo', 'warmtewerk'),
    janJansen: {
      clientId: client('demo', 'jan-jansen'),
      contactId: contact('demo', 'jan-jansen'),
      email: 'jan.jansen@example.nl',
    },
    bakkerij: {
      clientId: client('demo', 'bakkerij-bakker'),
      contactId: contact('demo', 'bakkerij-inkoop'),
      email: 'inkoop@bakkerij-bakker.example',
      otherContactIds: [
        contact('demo', 'bakkerij-directie'),
        contact('demo', 'bakkerij-administratie'),
        contact('demo', 'bakkerij-productie'),
      ],
    },
    /** Customers without a portal account: their data must never reach a portal user. */
    noAccount: {
      sophieVisser: { clientId: client('demo', 'sophie-visser'), contactId: contact('demo', 'sophie-visser') },
      hoveniersGroen: {
        clientId: client('demo', 'hovenier-groen'),
        contactIds: [contact('demo', 'groen-inkoop'), contact('demo', 'groen-kantoor')],
      },
    },
    /** A client in another OpenRegister organisation: admin sees it, the service account does not. */
    foreignOrganisationClientId: client('demo', 'archief-klant'),
  },
  other: {
    registerId: 7,
    /** The contract schema (46) is served under the slug `salesContract`; categories exist (47). */
    schemaIds: {
      client: 42,
      contact: 43,
      request: 44,
      posTransaction: 45,
      contract: 46,
      salesContract: 46,
      requestCategory: 47,
    },
    contractSlug: 'salesContract',
    hasRequestCategory: true,
    organisationId: organisationUuid('other', 'kantoorhuis'),
    pietDeVries: {
      clientId: client('other', 'piet-de-vries'),
      contactId: contact('other', 'piet-de-vries'),
      email: 'piet@example.org',
    },
    noAccount: {
      anoukSmit: { clientId: client('other', 'anouk-smit'), contactId: contact('other', 'anouk-smit') },
      drukkerijVanDijk: {
        clientId: client('other', 'drukkerij-van-dijk'),
        contactIds: [contact('other', 'vandijk-inkoop'), contact('other', 'vandijk-receptie')],
      },
    },
  },
  users: {
    admin: { login: 'admin', appPassword: 'demo-admin-app-password' },
    dpo: { login: 'dpo', appPassword: 'demo-dpo-app-password' },
    service: { login: 'portal-service', appPassword: 'demo-service-app-password' },
    outsider: { login: 'outsider', appPassword: 'demo-outsider-app-password' },
  },
} as const;

/** Fresh seeds on every call (callers may mutate what they get). */
export function demoSeeds(): InstanceSeed[] {
  return TENANTS.map(buildTenantSeed);
}
