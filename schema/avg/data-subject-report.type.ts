import { Field, ID, Int, ObjectType } from 'type-graphql';
import { AccountStatus, AccountType } from '../accounts/account.enums.js';
import { AuditEventConnection } from '../audit/audit-event.type.js';
import { CleanupAccountResult } from './cleanup-report.type.js';

@ObjectType({ description: "One data export of the person's account, as its audit trail records it" })
export class DataSubjectExport {
  @Field(() => ID)
  id!: string;

  @Field()
  requestedAt!: Date;

  @Field(() => Date, { nullable: true })
  readyAt!: Date | null;

  @Field(() => Int, { description: 'How often the archive was downloaded' })
  downloads!: number;

  @Field(() => Date, { nullable: true })
  lastDownloadedAt!: Date | null;
}

@ObjectType({ description: 'A portal account of the person, found by their address or its keyed fingerprint' })
export class DataSubjectAccount {
  @Field(() => ID)
  id!: string;

  @Field(() => AccountType)
  type!: AccountType;

  @Field(() => AccountStatus)
  status!: AccountStatus;

  @Field({
    description:
      'EMAIL: the account holds the address; EMAIL_FINGERPRINT: a closed or pseudonymised account holds only its keyed fingerprint',
  })
  matchedBy!: string;

  @Field()
  pseudonymised!: boolean;

  @Field()
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  lastSignInAt!: Date | null;

  @Field(() => Date, { nullable: true })
  closureRequestedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  closedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  pseudonymisedAt!: Date | null;

  @Field(() => [DataSubjectExport])
  exports!: DataSubjectExport[];

  @Field(() => CleanupAccountResult, {
    nullable: true,
    description: "A closed account not yet pseudonymised: the retention cleanup's decision today (held until, why)",
  })
  retention!: CleanupAccountResult | null;
}

@ObjectType({ description: 'What the portal holds about one person, found by their email address (DPO)' })
export class DataSubjectReport {
  @Field(() => ID)
  tenantId!: string;

  @Field(() => [DataSubjectAccount])
  accounts!: DataSubjectAccount[];

  @Field(() => Int, { description: 'Events about the person: their accounts’ and those about the address itself' })
  auditEventCount!: number;

  @Field(() => AuditEventConnection, { description: 'Those events, newest first' })
  auditEvents!: AuditEventConnection;
}
