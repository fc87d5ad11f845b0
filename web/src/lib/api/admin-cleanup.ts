import { graphql } from '../../gql';
import { mutate } from './run';

const RunRetentionCleanup = graphql(`
  mutation RunRetentionCleanup($tenantId: ID!, $dryRun: Boolean!) {
    runRetentionCleanup(tenantId: $tenantId, dryRun: $dryRun) {
      dryRun
      ranAt
      nextcloudReachable
      checked
      pseudonymisedCount
      heldCount
      failedCount
      alreadyPseudonymisedCount
      accounts {
        accountId
        outcome
        heldUntil
        reasons
      }
    }
  }
`);

/** The retention cleanup of the tenant: a dry run reports what the real run would do. */
export async function runRetentionCleanup(tenantId: string, dryRun: boolean) {
  return (await mutate(RunRetentionCleanup, { tenantId, dryRun })).runRetentionCleanup;
}
