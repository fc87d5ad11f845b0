import { Field, InputType, ObjectType } from 'type-graphql';
import { Locale, SignInStatus } from './account.enums.js';
import { Viewer } from './viewer.type.js';

@InputType()
export class SignInInput {
  @Field()
  email!: string;

  @Field()
  password!: string;

  @Field(() => String, { nullable: true, description: 'The current code of the authenticator app' })
  totpCode?: string | null;

  @Field(() => String, { nullable: true, description: 'One of the recovery codes, instead of totpCode; each works once' })
  recoveryCode?: string | null;

  @Field(() => Locale, {
    nullable: true,
    description:
      'The language chosen on the sign-in page: it wins over the stored account locale and is saved to the account on success',
  })
  locale?: Locale | null;
}

@ObjectType()
export class SignInPayload {
  @Field(() => SignInStatus)
  status!: SignInStatus;

  @Field(() => Viewer, { nullable: true, description: 'Who is now signed in; null when MFA_REQUIRED' })
  viewer!: typeof Viewer | null;

  @Field(() => Date, {
    nullable: true,
    description: 'When the new session ends at the latest (it also ends after 30 idle minutes)',
  })
  sessionExpiresAt!: Date | null;
}
