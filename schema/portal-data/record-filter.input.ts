import { Field, InputType } from 'type-graphql';

/** Filters every record list shares (lists are sorted newest first); never used directly. */
@InputType('RecordFilterBase')
export abstract class RecordFilter {
  @Field(() => [String], { nullable: true, description: 'Only records with one of these statuses (as Nextcloud names them)' })
  status?: string[] | null;

  @Field(() => Date, { nullable: true, description: 'Only records dated on or after this moment' })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Only records dated on or before this moment' })
  to?: Date | null;

  @Field(() => String, { nullable: true, description: 'Text that occurs in any text field of the record' })
  search?: string | null;
}
