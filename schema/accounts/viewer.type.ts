import { createUnionType, Field, ID, ObjectType } from 'type-graphql';
import { StaffRole } from '../staff/staff-role.enum.js';
import { ApiToken } from './api-token.types.js';
import { PortalAccount } from './portal-account.type.js';

@ObjectType({ description: 'A customer signed in with a session cookie' })
export class CustomerViewer {
  @Field(() => PortalAccount)
  account!: PortalAccount;

  @Field({ description: 'The session may only finish MFA enrolment (the portal requires MFA)' })
  enrolmentOnly!: boolean;

  @Field(() => Date, { nullable: true, description: 'When the session ends at the latest' })
  sessionExpiresAt!: Date | null;
}

@ObjectType({ description: 'A partner system calling with an API token of a B2B account' })
export class PartnerViewer {
  @Field(() => ApiToken)
  token!: ApiToken;

  @Field(() => PortalAccount)
  account!: PortalAccount;
}

@ObjectType({ description: "A tenant's Nextcloud admin or DPO" })
export class StaffViewer {
  @Field(() => ID)
  tenantId!: string;

  @Field()
  loginName!: string;

  @Field(() => [StaffRole])
  roles!: StaffRole[];
}

export const Viewer = createUnionType({
  name: 'Viewer',
  description: 'Who is calling: a customer, a partner token or staff',
  types: () => [CustomerViewer, PartnerViewer, StaffViewer] as const,
  // Resolvers return plain objects, so tell the kinds apart by shape rather than by class.
  resolveType: (value) => ('enrolmentOnly' in value ? CustomerViewer : 'token' in value ? PartnerViewer : StaffViewer),
});
