import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Feature } from '../portal/feature.enum.js';

@ObjectType({ description: "A tenant's complete portal configuration as its admin sees it, with who saved it last" })
export class TenantConfig {
  @Field(() => ID)
  tenantId!: string;

  @Field()
  displayName!: string;

  @Field({ description: '#RRGGBB; at least 4.5:1 against backgroundColor' })
  primaryColor!: string;

  @Field({ description: '#RRGGBB; a surface colour (header, cards) with white or near-black text on it' })
  secondaryColor!: string;

  @Field({ description: '#RRGGBB' })
  backgroundColor!: string;

  @Field({ description: 'Text colour the portal uses on primaryColor (white or near-black)' })
  onPrimaryColor!: string;

  @Field({ description: 'Text colour the portal uses on secondaryColor (white or near-black)' })
  onSecondaryColor!: string;

  @Field(() => String, { nullable: true, description: 'Stable, cacheable URL of the uploaded logo' })
  logoUrl!: string | null;

  @Field(() => String, { nullable: true })
  faviconUrl!: string | null;

  @Field(() => String, { nullable: true, description: 'Host name that serves this portal, e.g. portal.example.nl' })
  customDomain!: string | null;

  @Field(() => String, { nullable: true, description: 'One DNS label: <subdomain>.<gateway domain> serves this portal' })
  subdomain!: string | null;

  @Field(() => String, { nullable: true })
  supportEmail!: string | null;

  @Field(() => String, { nullable: true })
  supportPhone!: string | null;

  @Field(() => String, { nullable: true, description: "From name of the portal's mails; null = the display name" })
  mailSenderName!: string | null;

  @Field(() => String, { nullable: true, description: "From address of the portal's mails; null = MAIL_FROM" })
  mailSenderAddress!: string | null;

  @Field(() => [Feature])
  enabledFeatures!: Feature[];

  @Field()
  b2bEnabled!: boolean;

  @Field()
  b2cEnabled!: boolean;

  @Field()
  widgetEnabled!: boolean;

  @Field(() => [String], { description: 'Exact origins allowed to embed the widget' })
  widgetAllowedOrigins!: string[];

  @Field({ description: 'The iframe URL to put on an allowed website' })
  widgetUrl!: string;

  @Field()
  mfaRequired!: boolean;

  @Field({ description: 'B2B accounts may invite colleagues of their company who have no account yet' })
  colleagueInvitesEnabled!: boolean;

  @Field(() => Int)
  sessionTtlHours!: number;

  @Field({ description: 'Nextcloud group whose members are DPOs of this portal' })
  dpoGroup!: string;

  @Field({ description: 'Language of server-side texts (widget refusal page, mails): nl or en' })
  language!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Why internal request notes are left out of data exports; null = they are included (the default)',
  })
  internalNotesExportExclusion!: string | null;

  @Field({
    description:
      'Where the 7 years of fiscal retention start: FISCAL_YEAR_END (default; end of the fiscal year of the newest fiscal record, 31 December in the tenant time zone) or RECORD_DATE',
  })
  retentionBasis!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Payment page for open invoices, with {number}, {amount}, {currency}, {reference}; null = no Pay button',
  })
  paymentUrlTemplate!: string | null;

  @Field(() => String, { nullable: true, description: 'Request category of contract cancellations; null = none' })
  contractCancellationCategory!: string | null;

  @Field({ description: 'True until the configuration is saved for the first time; the defaults apply meanwhile' })
  isDefault!: boolean;

  @Field(() => String, { nullable: true, description: 'Nextcloud login of the admin who saved last' })
  savedBy!: string | null;

  @Field(() => Date, { nullable: true })
  savedAt!: Date | null;
}
