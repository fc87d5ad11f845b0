import { Field, InputType, Int } from 'type-graphql';
import { Feature } from '../portal/feature.enum.js';

/**
 * Changes to a tenant's portal configuration. A field left out keeps its value; a field set to
 * null returns to its default (no logo, no custom domain, the default colours, …).
 */
@InputType({ description: 'Changes to the portal configuration: omitted fields are kept, null resets a field to its default' })
export class TenantConfigInput {
  @Field(() => String, { nullable: true })
  displayName?: string | null;

  @Field(() => String, { nullable: true, description: 'data:image/…;base64,… — PNG, JPEG or WebP (or ICO), at most 512 KB' })
  logo?: string | null;

  @Field(() => String, { nullable: true, description: 'data:image/…;base64,… — ICO, PNG, JPEG or WebP, at most 128 KB' })
  favicon?: string | null;

  @Field(() => String, { nullable: true, description: 'Hex colour (#RGB or #RRGGBB)' })
  primaryColor?: string | null;

  @Field(() => String, { nullable: true })
  secondaryColor?: string | null;

  @Field(() => String, { nullable: true })
  backgroundColor?: string | null;

  @Field(() => String, { nullable: true })
  customDomain?: string | null;

  @Field(() => String, { nullable: true })
  subdomain?: string | null;

  @Field(() => String, { nullable: true })
  supportEmail?: string | null;

  @Field(() => String, { nullable: true })
  supportPhone?: string | null;

  @Field(() => String, { nullable: true, description: "From name of the portal's mails; null = the display name" })
  mailSenderName?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "From address of the portal's mails (its domain must allow the SMTP relay); null = MAIL_FROM",
  })
  mailSenderAddress?: string | null;

  @Field(() => [Feature], { nullable: true })
  enabledFeatures?: Feature[] | null;

  @Field(() => Boolean, { nullable: true })
  b2bEnabled?: boolean | null;

  @Field(() => Boolean, { nullable: true })
  b2cEnabled?: boolean | null;

  @Field(() => Boolean, { nullable: true })
  widgetEnabled?: boolean | null;

  @Field(() => [String], {
    nullable: true,
    description: 'Exact origins: https://host[:port], or http://localhost:PORT for development',
  })
  widgetAllowedOrigins?: string[] | null;

  @Field(() => Boolean, { nullable: true })
  mfaRequired?: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'B2B accounts may invite colleagues of their company who have no account yet',
  })
  colleagueInvitesEnabled?: boolean | null;

  @Field(() => Int, { nullable: true, description: 'Customer session length, 1 to 24 hours' })
  sessionTtlHours?: number | null;

  @Field(() => String, { nullable: true })
  dpoGroup?: string | null;

  @Field(() => String, { nullable: true, description: 'nl or en' })
  language?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The ground (20 to 1000 characters) for leaving internal request notes out of data exports; the export README quotes it. null or blank = include them',
  })
  internalNotesExportExclusion?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'FISCAL_YEAR_END or RECORD_DATE: where the 7 years of fiscal retention start. null = FISCAL_YEAR_END',
  })
  retentionBasis?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'https URL of the payment page for an open invoice, with placeholders {number}, {amount} (1234.50), {currency} and {reference}, ' +
      'filled URL-encoded. Refused: not https (PAYMENT_URL_NOT_HTTPS), unknown placeholders (PAYMENT_URL_PLACEHOLDER_UNKNOWN), a host ' +
      'that depends on a placeholder (PAYMENT_URL_INVALID). null or blank = no Pay button',
  })
  paymentUrlTemplate?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Request category a contract cancellation is filed under (at most 100 characters); null or blank = none',
  })
  contractCancellationCategory?: string | null;
}
