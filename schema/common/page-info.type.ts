import { Field, ObjectType } from 'type-graphql';

/** Relay's page info; every connection in the API uses it. */
@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}
