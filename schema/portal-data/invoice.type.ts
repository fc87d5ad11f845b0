import { Field, Float, ID, InputType, ObjectType } from 'type-graphql';
import { ConnectionOf } from './connection.js';
import { LineItem } from './line-item.type.js';
import { RecordFilter } from './record-filter.input.js';

@ObjectType({ description: 'An invoice to the customer (Pipelinq posTransaction of type invoice)' })
export class Invoice {
  @Field(() => ID)
  id!: string;

  @Field()
  number!: string;

  @Field(() => Date, { nullable: true, description: 'When the invoice was confirmed (or settled)' })
  date!: Date | null;

  @Field(() => Float, { nullable: true, description: 'The total, in `currency`' })
  amount!: number | null;

  @Field(() => String, { nullable: true })
  currency!: string | null;

  @Field(() => String, { nullable: true, description: 'As Nextcloud names it: confirmed, settled, refunded, …' })
  status!: string | null;

  @Field(() => String, { nullable: true })
  reference!: string | null;

  @Field(() => Date, { nullable: true, description: 'When it was paid' })
  settledAt!: Date | null;

  @Field(() => [LineItem])
  lines!: LineItem[];
}

@ObjectType()
export class InvoiceConnection extends ConnectionOf('Invoice', Invoice) {}

@InputType()
export class InvoiceFilter extends RecordFilter {}
