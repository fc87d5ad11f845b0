import { Field, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A new TOTP secret to add to an authenticator app; confirm it with a code to switch MFA on' })
export class MfaEnrollment {
  @Field({ description: 'Base32, for typing into the app by hand' })
  secret!: string;

  @Field({ description: 'otpauth://totp/… for a QR code' })
  otpauthUri!: string;
}
