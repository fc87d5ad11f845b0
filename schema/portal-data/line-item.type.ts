import { Field, Float, ObjectType } from 'type-graphql';

@ObjectType({ description: 'One line of an invoice, order or contract' })
export class LineItem {
  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => Float, { nullable: true })
  quantity!: number | null;

  @Field(() => Float, { nullable: true })
  unitPrice!: number | null;

  @Field(() => Float, { nullable: true, description: 'quantity × unit price unless the record states it' })
  total!: number | null;
}
