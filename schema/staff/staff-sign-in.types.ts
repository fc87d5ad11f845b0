import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { StaffRole } from './staff-role.enum.js';

@InputType({ description: 'A Nextcloud login of the tenant and an app password created for the portal' })
export class StaffSignInInput {
  @Field(() => ID)
  tenantId!: string;

  @Field()
  loginName!: string;

  @Field()
  appPassword!: string;
}

@ObjectType()
export class StaffSignInPayload {
  @Field({ description: 'Send as `Authorization: Bearer <token>`; also set as the staff cookie' })
  token!: string;

  @Field(() => [StaffRole])
  roles!: StaffRole[];

  @Field({ description: 'When the token stops working as a Bearer token' })
  expiresAt!: Date;
}
