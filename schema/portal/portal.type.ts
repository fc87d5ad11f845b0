import { Field, ID, ObjectType } from 'type-graphql';
import { Feature } from './feature.enum.js';

@ObjectType({ description: "The public face of a tenant's portal: branding, contact details and what is switched on" })
export class Portal {
  @Field(() => ID)
  tenantId!: string;

  @Field()
  displayName!: string;

  @Field({ description: 'Brand colour as #RRGGBB; contrast-checked against backgroundColor' })
  primaryColor!: string;

  @Field()
  secondaryColor!: string;

  @Field()
  backgroundColor!: string;

  @Field({ description: 'Text colour that reads on primaryColor (white or near-black)' })
  onPrimaryColor!: string;

  @Field(() => String, { nullable: true })
  logoUrl!: string | null;

  @Field(() => String, { nullable: true })
  faviconUrl!: string | null;

  @Field(() => [Feature])
  enabledFeatures!: Feature[];

  @Field()
  b2bEnabled!: boolean;

  @Field()
  b2cEnabled!: boolean;

  @Field(() => String, { nullable: true })
  supportEmail!: string | null;

  @Field(() => String, { nullable: true })
  supportPhone!: string | null;

  @Field()
  widgetEnabled!: boolean;

  @Field()
  mfaRequired!: boolean;
}
