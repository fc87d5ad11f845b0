import { Field, InputType, ObjectType } from 'type-graphql';
import { ConnectionOf } from './connection.js';
import { RecordFilter } from './record-filter.input.js';
import { TransactionFields } from './transaction.type.js';

@ObjectType({ description: "An order of the customer: one of the client's non-draft Pipelinq posTransactions" })
export class Order extends TransactionFields {
  @Field(() => Date, { nullable: true, description: 'When the order was confirmed (or parked)' })
  date!: Date | null;
}

@ObjectType()
export class OrderConnection extends ConnectionOf('Order', Order) {}

@InputType()
export class OrderFilter extends RecordFilter {}
