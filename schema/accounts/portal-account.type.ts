import { Field, ID, ObjectType } from 'type-graphql';
import { AccountStatus, AccountType, Locale } from './account.enums.js';

@ObjectType({ description: 'A customer account of the portal: credential state only; the person lives in Nextcloud' })
export class PortalAccount {
  @Field(() => ID)
  id!: string;

  @Field()
  email!: string;

  @Field(() => AccountType)
  type!: AccountType;

  @Field(() => AccountStatus)
  status!: AccountStatus;

  @Field(() => Locale)
  locale!: Locale;

  @Field({ description: 'Two-step verification (TOTP) is switched on' })
  mfaEnabled!: boolean;

  @Field()
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  activatedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  lastSignInAt!: Date | null;

  @Field(() => String, {
    nullable: true,
    description: "The person's name from Nextcloud (contact, or the person client for B2C)",
  })
  contactName?: string | null;

  /** Not exposed: for resolving contactName. */
  tenantId!: string;
  clientId!: string;
  contactId!: string | null;
}
