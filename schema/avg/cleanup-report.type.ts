import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: "Text the portal itself wrote on the person's behalf, replaced at retention end" })
export class CleanupPortalText {
  @Field(() => Int, { description: 'Requests the portal filed whose title and description were (or would be) replaced' })
  requests!: number;

  @Field(() => Int, { description: 'Reply notes the portal wrote whose message was (or would be) replaced' })
  notes!: number;
}

@ObjectType({ description: 'A record of the person that carries documents, which the administration keeps as they are' })
export class CleanupKeptRecord {
  @Field({ description: 'transaction, contract or request' })
  kind!: string;

  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: 'How many documents (files) it carries' })
  files!: number;
}

@ObjectType({ description: 'What the retention cleanup did (or, in a dry run, would do) with one closed account' })
export class CleanupAccountResult {
  @Field(() => ID)
  accountId!: string;

  @Field({ description: 'PSEUDONYMISED, WOULD_PSEUDONYMISE (dry run), HELD or FAILED' })
  outcome!: string;

  @Field(() => Date, {
    nullable: true,
    description:
      "When the 7-year fiscal retention ends, counted from the client's newest fiscal record under the report's retentionBasis",
  })
  heldUntil!: Date | null;

  @Field(() => [String], {
    description: 'Why it is kept: fiscal-retention, open-invoices, active-contracts, open-requests; or the error code',
  })
  reasons!: string[];

  @Field(() => CleanupPortalText, { nullable: true, description: 'Once the person is free: the portal-written text' })
  portalText?: CleanupPortalText | null;

  @Field(() => [CleanupKeptRecord], {
    nullable: true,
    description: 'Once the person is free: records whose documents name the person and stay with the administration',
  })
  keptByAdministration?: CleanupKeptRecord[] | null;
}

@ObjectType({
  description: 'The retention cleanup of one tenant: closed accounts whose person is no longer needed are pseudonymised',
})
export class CleanupReport {
  @Field(() => ID)
  tenantId!: string;

  @Field()
  dryRun!: boolean;

  @Field()
  ranAt!: Date;

  @Field({ description: 'The moment the decisions were made for: ranAt, or the asOf a dry run was asked about' })
  asOf!: Date;

  @Field({
    description:
      'Where the 7 years were counted from (the tenant setting): FISCAL_YEAR_END (end of the fiscal year of the newest fiscal record) or RECORD_DATE',
  })
  retentionBasis!: string;

  @Field(() => Int, { description: 'Closed accounts still holding personal data that were looked at' })
  checked!: number;

  @Field(() => Int, { description: 'Accounts pseudonymised by this run (0 in a dry run)' })
  pseudonymisedCount!: number;

  @Field(() => Int)
  heldCount!: number;

  @Field(() => Int)
  failedCount!: number;

  @Field(() => Int, { description: 'Closed accounts pseudonymised by earlier runs' })
  alreadyPseudonymisedCount!: number;

  @Field({ description: "False when the tenant's Nextcloud could not be reached (nothing was changed)" })
  nextcloudReachable!: boolean;

  @Field(() => [CleanupAccountResult])
  accounts!: CleanupAccountResult[];
}
