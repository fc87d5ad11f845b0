import { Field, ID, ObjectType } from 'type-graphql';
import { AccountType, Locale } from '../accounts/account.enums.js';

@ObjectType({ description: 'The organisation a B2B account belongs to, as the customer administration has it (read-only)' })
export class ProfileOrganisation {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  name!: string | null;

  @Field(() => String, { nullable: true })
  email!: string | null;

  @Field(() => String, { nullable: true })
  phone!: string | null;

  @Field(() => String, { nullable: true })
  address!: string | null;

  @Field(() => String, { nullable: true })
  website!: string | null;
}

@ObjectType({
  description:
    "The signed-in customer's details: account fields from the portal, the person from Nextcloud (B2C: the person client, with name, email and phone copied to its contact; B2B: the contact). " +
    'The Nextcloud fields are nullable so that an outage fails only them (UPSTREAM_UNAVAILABLE), not the account fields.',
})
export class Profile {
  @Field(() => ID, { description: 'The account id' })
  id!: string;

  @Field({ description: 'The sign-in address' })
  email!: string;

  @Field(() => String, { nullable: true, description: 'A new address waiting for confirmation through the link mailed to it' })
  pendingEmail!: string | null;

  @Field(() => Date, { nullable: true, description: 'When the confirmation link for pendingEmail expires' })
  pendingEmailExpiresAt!: Date | null;

  @Field(() => AccountType)
  type!: AccountType;

  @Field(() => Locale)
  locale!: Locale;

  @Field({ description: 'Two-step verification (TOTP) is switched on' })
  mfaEnabled!: boolean;

  @Field()
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  lastSignInAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Name on the person record' })
  displayName!: string | null;

  @Field(() => String, { nullable: true })
  phone!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "B2C: the person client's address; always null for B2B (see organisation.address)",
  })
  address!: string | null;

  @Field(() => String, { nullable: true, description: "B2B: the contact's role; always null for B2C" })
  jobTitle!: string | null;

  @Field(() => ProfileOrganisation, { nullable: true, description: 'B2B: the organisation; null for B2C' })
  organisation!: ProfileOrganisation | null;
}
