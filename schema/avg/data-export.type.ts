import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A copy of your data (GDPR Art. 15): a ZIP with export.json and your documents' })
export class DataExport {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'PENDING, RUNNING, READY, FAILED or EXPIRED' })
  status!: string;

  @Field()
  requestedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'Until when the download works (30 days after it was ready)' })
  expiresAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Signed download link while READY; the same link is mailed' })
  downloadUrl!: string | null;
}
