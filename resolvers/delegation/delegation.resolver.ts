import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { ActingContext, Delegation, GrantDelegationInput } from '../../schema/delegation/delegation.types.js';
import type { RequestContext } from '../context.js';
import { toActingContext, toDelegation } from './to-graphql.js';

@Resolver()
export class DelegationResolver {
  @Query(() => [Delegation], { description: 'Access you gave others to your company, newest first (ended ones too)' })
  async delegationsGranted(@Ctx() ctx: RequestContext): Promise<Delegation[]> {
    return (await ctx.delegations.granted()).map(toDelegation);
  }

  @Query(() => [Delegation], { description: 'Access companies gave you, newest first (ended ones too)' })
  async delegationsReceived(@Ctx() ctx: RequestContext): Promise<Delegation[]> {
    return (await ctx.delegations.received()).map(toDelegation);
  }

  @Mutation(() => Delegation, {
    description:
      'Gives another person of this portal access to your company’s records (B2B, acting as yourself). They are mailed; without an account yet, the grant starts when one with that address is activated',
  })
  async grantDelegation(@Arg('input') input: GrantDelegationInput, @Ctx() ctx: RequestContext): Promise<Delegation> {
    return toDelegation(await ctx.delegations.grant(input));
  }

  @Mutation(() => Delegation, { description: 'Ends a delegation you gave or received; it stops at once' })
  async revokeDelegation(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Delegation> {
    return toDelegation(await ctx.delegations.revoke(id));
  }

  @Mutation(() => ActingContext, {
    nullable: true,
    description:
      'Chooses whose records this session shows: a company that gave you access (its delegation id), or yourself (null). Answers the new context',
  })
  async switchContext(
    @Arg('delegationId', () => ID, { nullable: true }) delegationId: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<ActingContext | null> {
    const view = await ctx.delegations.switchContext(delegationId ?? null);
    return view ? toActingContext(view) : null;
  }
}
