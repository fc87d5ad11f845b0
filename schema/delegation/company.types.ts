import { Field, ID, ObjectType } from 'type-graphql';
import { PortalAccountState } from './delegation.enums.js';

@ObjectType({ description: 'The organisation a B2B account belongs to, as Pipelinq holds it (read-only)' })
export class Company {
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

@ObjectType({ description: 'A contact of the company in Pipelinq' })
export class Colleague {
  @Field(() => ID)
  contactId!: string;

  @Field(() => String, { nullable: true })
  name!: string | null;

  @Field(() => String, { nullable: true, description: 'Role or job title (the contact’s role)' })
  role!: string | null;

  @Field({ description: 'Whether this person can sign in to the portal (status only)' })
  hasPortalAccount!: boolean;

  @Field(() => PortalAccountState)
  portalAccountState!: PortalAccountState;

  @Field({ description: 'The signed-in person themselves' })
  isYou!: boolean;

  @Field({ description: 'You may invite this colleague (the portal allows it and they have no account yet)' })
  canInvite!: boolean;
}
