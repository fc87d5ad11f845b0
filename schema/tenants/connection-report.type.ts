import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'One thing wrong with the connection, in a plain sentence, with the change that fixes it' })
export class ConnectionProblem {
  @Field({ description: 'ERROR keeps a feature from showing data; WARNING does not' })
  severity!: string;

  @Field({ description: 'credentials, unreachable, register, schema, mapping, filters, owner, records, values or documents' })
  area!: string;

  @Field(() => String, { nullable: true, description: 'invoice, order, contract, request or documents' })
  kind!: string | null;

  @Field(() => String, { nullable: true })
  resource!: string | null;

  @Field()
  message!: string;

  @Field(() => String, { nullable: true, description: 'The command that applies the fix' })
  fixCommand!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The field-mapping change as JSON, merged into the current overrides (tenant update --field-mapping)',
  })
  fixFieldMapping!: string | null;
}

@ObjectType({ description: "Where one resource's schema was found in the tenant's register" })
export class ConnectionResourceCheck {
  @Field()
  resource!: string;

  @Field({ description: 'found, not configured (an optional resource: fine), missing or not checked' })
  status!: string;

  @Field(() => String, { nullable: true, description: 'tenant setting, pipelinq settings or slug' })
  via!: string | null;

  @Field(() => Int, { nullable: true })
  schemaId!: number | null;

  @Field(() => String, { nullable: true })
  schemaSlug!: string | null;

  @Field(() => String, { nullable: true })
  reason!: string | null;
}

@ObjectType({ description: 'What the field mapping finds for one kind of record' })
export class ConnectionRecordCheck {
  @Field()
  kind!: string;

  @Field()
  feature!: string;

  @Field()
  resource!: string;

  @Field()
  enabled!: boolean;

  @Field(() => Int)
  sampledClients!: number;

  @Field(() => Int, { nullable: true, description: 'Records the owner query finds for the sampled clients' })
  foundForSampledClients!: number | null;

  @Field(() => Int, { nullable: true, description: "Records with only the kind's fixed filters" })
  total!: number | null;

  @Field(() => Int)
  sampled!: number;

  @Field(() => Int, { nullable: true, description: 'Sampled records that name an existing client or contact' })
  ownedBySomeone!: number | null;

  @Field(() => [String])
  ignoredFilters!: string[];
}

@ObjectType({ description: "The deep check of a tenant's Nextcloud connection and field mapping (portal tenant check)" })
export class TenantConnectionReport {
  @Field()
  tenantId!: string;

  @Field()
  checkedAt!: Date;

  @Field({ description: 'True only when every enabled feature can show data' })
  ok!: boolean;

  @Field()
  verdict!: string;

  @Field()
  nextcloudUrl!: string;

  @Field()
  credentialsOk!: boolean;

  @Field()
  loginName!: string;

  @Field(() => String, { nullable: true, description: "The service account's display name in Nextcloud" })
  accountDisplayName!: string | null;

  @Field()
  register!: string;

  @Field(() => Int, { nullable: true })
  registerId!: number | null;

  @Field(() => [ConnectionResourceCheck])
  resources!: ConnectionResourceCheck[];

  @Field(() => [ConnectionRecordCheck])
  records!: ConnectionRecordCheck[];

  @Field(() => String, { nullable: true, description: 'Whether attached files can be read, when DOCUMENTS is on' })
  documents!: string | null;

  @Field(() => [ConnectionProblem])
  problems!: ConnectionProblem[];
}

@ObjectType({ description: "The tenant's cached connection status, as /readyz reports it" })
export class TenantReadiness {
  @Field()
  ready!: boolean;

  @Field({
    description:
      'ok, credentials rejected, schema missing, mapping names missing properties, filters ignored, misconfigured or unreachable',
  })
  status!: string;

  @Field(() => String, { nullable: true })
  reason!: string | null;

  @Field()
  checkedAt!: Date;
}
