import { Field, ID, InputType } from 'type-graphql';
import { AccountType, Locale } from './account.enums.js';

@InputType({ description: 'Who to invite: an existing Pipelinq client (and, for B2B, the contact who will sign in)' })
export class InvitePortalAccountInput {
  @Field()
  email!: string;

  @Field(() => AccountType)
  type!: AccountType;

  @Field(() => ID, { description: 'The Pipelinq client: a person for B2C, an organization for B2B' })
  clientId!: string;

  @Field(() => ID, { nullable: true, description: 'The contact of that client who signs in; required for B2B' })
  contactId?: string | null;

  @Field(() => Locale, { nullable: true, description: 'Language of the invitation and later mails; default nl' })
  locale?: Locale | null;
}
