import { Field, InputType, ObjectType } from 'type-graphql';
import { ConnectionOf } from './connection.js';
import { RecordFilter } from './record-filter.input.js';
import { TransactionFields } from './transaction.type.js';

@ObjectType({ description: 'An invoice to the customer: a Pipelinq posTransaction with an invoice number' })
export class Invoice extends TransactionFields {
  @Field(() => Date, { nullable: true, description: 'When the invoice was confirmed (or settled)' })
  date!: Date | null;
}

@ObjectType()
export class InvoiceConnection extends ConnectionOf('Invoice', Invoice) {}

@InputType()
export class InvoiceFilter extends RecordFilter {}
