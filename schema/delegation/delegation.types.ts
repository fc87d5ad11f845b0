import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { DelegationScope, DelegationStatus } from './delegation.enums.js';

@ObjectType({ description: 'Access a B2B account gave another person of the portal to its company’s records' })
export class Delegation {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true, description: 'The company the access is for (Pipelinq client name)' })
  companyName!: string | null;

  @Field({ description: 'Who received it (normalised address)' })
  granteeEmail!: string;

  @Field({ description: 'Whether the grant has bound to an account with that address' })
  granteeHasAccount!: boolean;

  @Field(() => [DelegationScope])
  scopes!: DelegationScope[];

  @Field()
  validFrom!: Date;

  @Field(() => Date, { nullable: true, description: 'Open-ended when null' })
  validUntil!: Date | null;

  @Field()
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When it bound to the grantee’s account' })
  activatedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  revokedAt!: Date | null;

  @Field(() => DelegationStatus)
  status!: DelegationStatus;
}

@InputType()
export class GrantDelegationInput {
  @Field({ description: 'The person who gets access; they need (or will get) an account on this portal' })
  granteeEmail!: string;

  @Field(() => [DelegationScope])
  scopes!: DelegationScope[];

  @Field(() => Date, { nullable: true, description: 'Default: now' })
  validFrom?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Default: until revoked' })
  validUntil?: Date | null;
}

@ObjectType({ description: 'The company a session acts for through a delegation' })
export class ActingContext {
  @Field(() => ID)
  delegationId!: string;

  @Field(() => String, { nullable: true })
  companyName!: string | null;

  @Field(() => [DelegationScope])
  scopes!: DelegationScope[];
}
