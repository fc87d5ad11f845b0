import { Field, Float, ID, InputType, ObjectType } from 'type-graphql';
import { ConnectionOf } from './connection.js';
import { LineItem } from './line-item.type.js';
import { RecordFilter } from './record-filter.input.js';

@ObjectType({ description: 'An order of the customer (Pipelinq posTransaction of type order)' })
export class Order {
  @Field(() => ID)
  id!: string;

  @Field()
  number!: string;

  @Field(() => Date, { nullable: true, description: 'When the order was confirmed (or parked)' })
  date!: Date | null;

  @Field(() => Float, { nullable: true })
  amount!: number | null;

  @Field(() => String, { nullable: true })
  currency!: string | null;

  @Field(() => String, { nullable: true, description: 'As Nextcloud names it: parked, confirmed, settled, …' })
  status!: string | null;

  @Field(() => [LineItem])
  lines!: LineItem[];
}

@ObjectType()
export class OrderConnection extends ConnectionOf('Order', Order) {}

@InputType()
export class OrderFilter extends RecordFilter {}
