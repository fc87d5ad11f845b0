import { Field, InputType } from 'type-graphql';

@InputType({ description: "A signed-in customer's new password" })
export class ChangePasswordInput {
  @Field({ description: 'The password in use now; a wrong one counts toward the sign-in lockout' })
  currentPassword!: string;

  @Field({ description: 'At least 12 characters and hard to guess (the same policy as at activation and reset)' })
  newPassword!: string;
}
