import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { ApiTokenScope } from './api-token.enums.js';

@InputType()
export class ApiTokenInput {
  @Field({ description: 'What the token is for, e.g. the partner system it is given to' })
  name!: string;

  @Field(() => [ApiTokenScope], { description: 'What the token may do: at least one; repeats count once' })
  scopes!: ApiTokenScope[];

  @Field(() => String, {
    nullable: true,
    description: 'Proof it is really you: a current verification code or an unused recovery code (or give password)',
  })
  currentCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Proof it is really you: your password (or give currentCode)' })
  password?: string | null;

  @Field(() => Date, {
    nullable: true,
    description:
      'When the token stops working: in the future and at most 366 days ahead. Leave out for a token that lives until revoked',
  })
  expiresAt?: Date | null;
}

@ObjectType({ description: 'A partner API token of a B2B account (never its secret)' })
export class ApiToken {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => [ApiTokenScope], { description: 'In one fixed order, whatever order they were given in' })
  scopes!: ApiTokenScope[];

  @Field()
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'Recorded to the minute' })
  lastUsedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the token stops working; null: until revoked' })
  expiresAt!: Date | null;
}

@ObjectType()
export class ApiTokenSecret {
  @Field({ description: 'Send as `Authorization: Bearer <secret>`. Shown only now: it is stored hashed' })
  secret!: string;

  @Field(() => ApiToken)
  token!: ApiToken;
}
