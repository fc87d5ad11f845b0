import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: '`from` is inclusive, `to` exclusive' })
export class AuditEventFilter {
  @Field(() => ID, { nullable: true })
  accountId?: string | null;

  @Field(() => String, { nullable: true, description: 'An event type such as login.failed' })
  eventType?: string | null;

  @Field(() => String, { nullable: true, description: 'success, denied or error' })
  outcome?: string | null;

  @Field(() => Date, { nullable: true })
  from?: Date | null;

  @Field(() => Date, { nullable: true })
  to?: Date | null;
}
