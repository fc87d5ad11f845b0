import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { ConnectionOf } from './connection.js';
import { LineItem } from './line-item.type.js';
import { RecordFilter } from './record-filter.input.js';

@ObjectType({ description: 'The customer (person or organisation) a record belongs to' })
export class ClientSummary {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  name!: string | null;

  @Field(() => String, { nullable: true, description: 'person or organization' })
  type!: string | null;
}

@ObjectType({ description: 'A contract of the customer (Pipelinq contract)' })
export class Contract {
  @Field(() => ID)
  id!: string;

  @Field()
  number!: string;

  @Field(() => String, { nullable: true })
  title!: string | null;

  @Field(() => Date, { nullable: true })
  startDate!: Date | null;

  @Field(() => Date, { nullable: true })
  endDate!: Date | null;

  @Field(() => Float, { nullable: true, description: 'Value per billing interval' })
  value!: number | null;

  @Field(() => String, { nullable: true })
  currency!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Pipelinq's contract status: draft, active, expiring, renewed, churned or cancelled",
  })
  status!: string | null;

  @Field(() => String, { nullable: true, description: 'monthly, quarterly, annual or one-off' })
  billingInterval!: string | null;

  @Field(() => Boolean, { nullable: true })
  autoRenew!: boolean | null;

  @Field(() => Int, { nullable: true })
  noticePeriodDays!: number | null;

  @Field(() => [LineItem], { description: 'What the contract covers (lineItems)' })
  lines!: LineItem[];
}

@ObjectType()
export class ContractConnection extends ConnectionOf('Contract', Contract) {}

@InputType()
export class ContractFilter extends RecordFilter {}

@InputType({ description: 'A request to end a contract; filed as a request for staff, the contract itself is not changed' })
export class ContractCancellationInput {
  @Field(() => ID)
  contractId!: string;

  @Field({ description: 'YYYY-MM-DD, not before the contract’s earliestEndDate (DATE_TOO_EARLY)' })
  desiredEndDate!: string;

  @Field(() => String, { nullable: true, description: 'An optional note for staff' })
  message?: string | null;
}
