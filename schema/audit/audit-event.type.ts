import { GraphQLJSON } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PageInfo } from '../common/page-info.type.js';

/** Values match domain/audit/actor-labels.ts ActorKind. */
export enum AuditActorKind {
  ACCOUNT = 'account',
  TOKEN = 'token',
  STAFF = 'staff',
  OTHER = 'other',
}
registerEnumType(AuditActorKind, {
  name: 'AuditActorKind',
  description: 'Who acted: a portal account, a partner API token, a staff member, or something else (a job)',
});

@ObjectType({ description: 'One entry of the append-only, hash-chained audit trail' })
export class AuditEvent {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: 'Position in the tenant’s chain, from 1, without gaps' })
  seq!: number;

  @Field()
  occurredAt!: Date;

  @Field()
  type!: string;

  @Field({ description: 'success, denied or error' })
  outcome!: string;

  @Field(() => ID, { nullable: true })
  accountId!: string | null;

  @Field(() => String, { nullable: true, description: 'account:<id>, token:<id> or staff:<login>' })
  actor!: string | null;

  @Field(() => String, { nullable: true })
  targetType!: string | null;

  @Field(() => String, { nullable: true })
  targetId!: string | null;

  @Field(() => GraphQLJSON, { nullable: true })
  details!: Record<string, unknown> | null;

  @Field()
  prevHash!: string;

  @Field()
  hash!: string;
}

@ObjectType()
export class AuditEventEdge {
  @Field()
  cursor!: string;

  @Field(() => AuditEvent)
  node!: AuditEvent;
}

@ObjectType()
export class AuditEventConnection {
  @Field(() => [AuditEventEdge])
  edges!: AuditEventEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int)
  totalCount!: number;
}

@ObjectType({ description: 'The result of walking a tenant’s audit chain from the first event' })
export class AuditTrailVerification {
  @Field()
  intact!: boolean;

  @Field(() => Int)
  checkedEvents!: number;

  @Field(() => Int, { nullable: true })
  firstBrokenSeq!: number | null;

  @Field(() => String, { nullable: true, description: 'missing-event, unexpected-seq, prev-hash-mismatch or hash-mismatch' })
  reason!: string | null;

  @Field(() => String, { nullable: true })
  expected!: string | null;

  @Field(() => String, { nullable: true })
  found!: string | null;

  @Field(() => Int, { nullable: true, description: 'The head of the chain; anchor it elsewhere to detect truncation' })
  lastSeq!: number | null;

  @Field(() => String, { nullable: true })
  lastHash!: string | null;
}
