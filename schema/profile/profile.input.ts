import { Field, InputType } from 'type-graphql';

/**
 * Every field is optional: absent or null leaves it as it is, '' clears an optional one. Checked
 * together, so one BAD_USER_INPUT lists every problem (`extensions.problems`). Locale is a string
 * here rather than the Locale enum so that a wrong value is reported with the other problems
 * instead of failing the whole request during GraphQL validation.
 */
@InputType({ description: 'Changes to your profile; omitted fields stay as they are' })
export class ProfileInput {
  @Field(() => String, { nullable: true, description: 'Your name (1–255 characters)' })
  displayName?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "6–15 digits, with optional +, spaces, dashes, dots, brackets; '' clears it",
  })
  phone?: string | null;

  @Field(() => String, { nullable: true, description: 'nl or en: the language of the portal and its mails' })
  locale?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "B2C accounts only (up to 500 characters, may span lines); '' clears it",
  })
  address?: string | null;

  @Field(() => String, { nullable: true, description: "B2B accounts only (up to 100 characters); '' clears it" })
  jobTitle?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'A new sign-in address: mailed a confirmation link (30 minutes); the current address stays in use until then. ' +
      'Needs currentCode or password. An address already in use is answered like any other; its link then fails.',
  })
  email?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'With a new email: proof it is really you, a current verification code or an unused recovery code (or give password)',
  })
  currentCode?: string | null;

  @Field(() => String, { nullable: true, description: 'With a new email: your password (or give currentCode)' })
  password?: string | null;
}
