import { Field, Float, ID, ObjectType, registerEnumType } from 'type-graphql';
import { LineItem } from './line-item.type.js';

export enum PaymentState {
  OPEN = 'OPEN',
  PAID = 'PAID',
  FAILED = 'FAILED',
  REFUNDED = 'REFUNDED',
}

registerEnumType(PaymentState, {
  name: 'PaymentState',
  description: "Where the customer stands with a transaction's payment, from its status and paymentStatus",
});

@ObjectType({ description: 'One line of a transaction tax breakdown' })
export class TaxLine {
  @Field(() => Float, { nullable: true, description: 'The VAT percentage, e.g. 21' })
  rate!: number | null;

  @Field(() => Float, { nullable: true, description: 'The amount the tax is over' })
  base!: number | null;

  @Field(() => Float)
  amount!: number;
}

/**
 * What invoices and orders share: both are Pipelinq `posTransaction`s (an invoice is one with an
 * invoice number; orders are the non-draft ones). Not a GraphQL type itself: Invoice and Order inherit
 * its fields.
 */
@ObjectType()
export abstract class TransactionFields {
  @Field(() => ID)
  id!: string;

  @Field()
  number!: string;

  @Field(() => Float, { nullable: true, description: 'The total including tax, in `currency`' })
  amount!: number | null;

  @Field(() => Float, { nullable: true, description: 'Before discount and tax' })
  subtotal!: number | null;

  @Field(() => Float, { nullable: true })
  discount!: number | null;

  @Field(() => Float, { nullable: true, description: 'The tax in the total (totalTax)' })
  tax!: number | null;

  @Field(() => [TaxLine], { description: 'The tax per rate (taxBreakdown)' })
  taxLines!: TaxLine[];

  @Field(() => String, { nullable: true, description: 'EUR unless the record says otherwise' })
  currency!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Pipelinq's transaction status: parked, confirmed, settled or refunded",
  })
  status!: string | null;

  @Field(() => String, { nullable: true, description: 'pending, captured, settled, failed or refunded' })
  paymentStatus!: string | null;

  @Field(() => PaymentState)
  paymentState!: PaymentState;

  @Field(() => String, { nullable: true })
  paymentMethod!: string | null;

  @Field(() => String, { nullable: true })
  reference!: string | null;

  @Field(() => Date, { nullable: true, description: 'When it was settled (paid)' })
  settledAt!: Date | null;

  @Field(() => Date, { nullable: true })
  refundedAt!: Date | null;

  @Field(() => [LineItem])
  lines!: LineItem[];
}
