import { graphql } from '../../gql';
import { query } from './run';

const TenantConnectionCheck = graphql(`
  query TenantConnectionCheck($tenantId: ID!) {
    tenantConnectionCheck(tenantId: $tenantId) {
      checkedAt
      ok
      verdict
      credentialsOk
      loginName
      accountDisplayName
      register
      records {
        kind
        enabled
        total
        foundForSampledClients
      }
      resources {
        resource
        status
        via
      }
      documents
      problems {
        severity
        area
        kind
        message
        fixCommand
        fixFieldMapping
      }
    }
  }
`);

const TenantReadiness = graphql(`
  query TenantReadiness($tenantId: ID!) {
    tenantReadiness(tenantId: $tenantId) {
      ready
      status
      reason
      checkedAt
    }
  }
`);

/** The deep connection check ("Verbinding controleren"), like `portal tenant check`; takes a few seconds. */
export async function checkConnection(tenantId: string) {
  return (await query(TenantConnectionCheck, { tenantId })).tenantConnectionCheck;
}

/** The cached connection status readiness reports, for the banner. */
export async function loadReadiness(tenantId: string) {
  return (await query(TenantReadiness, { tenantId })).tenantReadiness;
}

export type ConnectionReport = Awaited<ReturnType<typeof checkConnection>>;
export type Readiness = Awaited<ReturnType<typeof loadReadiness>>;
