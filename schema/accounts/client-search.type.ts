import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';

/** Pipelinq's `client.type`, upper-cased as GraphQL enums are. */
export enum ClientKind {
  PERSON = 'person',
  ORGANIZATION = 'organization',
}
registerEnumType(ClientKind, {
  name: 'ClientKind',
  description: 'PERSON: a consumer (B2C account); ORGANIZATION: a company (B2B accounts, through one of its contacts)',
});

@ObjectType({ description: 'A contact of an organisation client, as staff pick it for a B2B invitation' })
export class ClientSearchContact {
  @Field(() => ID, { description: 'The OpenRegister uuid of the contact (InvitePortalAccountInput.contactId)' })
  id!: string;

  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  email!: string | null;

  @Field(() => String, { nullable: true, description: 'Job title' })
  role!: string | null;
}

@ObjectType({ description: 'A Pipelinq client found by searchClients' })
export class ClientSearchResult {
  @Field(() => ID, { description: 'The OpenRegister uuid of the client (InvitePortalAccountInput.clientId)' })
  id!: string;

  @Field()
  name!: string;

  @Field(() => ClientKind)
  type!: ClientKind;

  @Field(() => String, { nullable: true })
  email!: string | null;

  @Field(() => [ClientSearchContact], { description: "An organisation's contacts (at most 50); empty for a person" })
  contacts!: ClientSearchContact[];
}
