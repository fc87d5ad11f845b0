import { Field, InputType, ObjectType } from 'type-graphql';
import { AccountStatus, AccountType } from '../accounts/account.enums.js';
import { PortalAccount } from '../accounts/portal-account.type.js';
import { ConnectionOf } from '../portal-data/connection.js';

@ObjectType({ description: "A page of a tenant's portal accounts, newest first" })
export class PortalAccountConnection extends ConnectionOf('PortalAccount', PortalAccount) {}

@InputType({ description: 'Narrows the accounts list; all given conditions must hold' })
export class PortalAccountFilter {
  @Field(() => AccountStatus, { nullable: true })
  status?: AccountStatus | null;

  @Field(() => AccountType, { nullable: true })
  type?: AccountType | null;

  @Field(() => String, { nullable: true, description: 'Part of the email address, case-insensitive' })
  emailContains?: string | null;
}
