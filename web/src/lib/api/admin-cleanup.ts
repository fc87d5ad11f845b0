import { graphql } from '../../gql';
import { mutate } from './run';

const RunRetentionCleanup = graphql(`
  mutation RunRetentionCleanup($tenantId: ID!, $dryRun: Boolean!, $asOf: DateTime) {
    runRetentionCleanup(tenantId: $tenantId, dryRun: $dryRun, asOf: $asOf) {
      dryRun
      ranAt
      asOf
      retentionBasis
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

/**
 * The retention cleanup of the tenant: a dry run reports what the real run would do, now or (with
 * `asOf`, dry runs only) at that moment.
 */
export async function runRetentionCleanup(tenantId: string, dryRun: boolean, asOf: Date | null = null) {
  return (await mutate(RunRetentionCleanup, { tenantId, dryRun, asOf: dryRun && asOf ? asOf.toISOString() : null }))
    .runRetentionCleanup;
}

/**
 * A date field's value (YYYY-MM-DD) as the start of that day on the admin's clock, as the CLI's
 * `--as-of DAY` takes the start of the day on the tenant's; null when empty or not a date.
 */
export function startOfDay(value: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return Number.isNaN(date.getTime()) || date.getDate() !== Number(match[3]) ? null : date;
}
