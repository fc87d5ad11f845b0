import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver } from 'type-graphql';
import { CustomerViewer } from '../../schema/accounts/viewer.type.js';
import { Colleague, Company } from '../../schema/delegation/company.types.js';
import { ActingContext } from '../../schema/delegation/delegation.types.js';
import type { RequestContext } from '../context.js';
import { toActingContext, toColleague } from './to-graphql.js';

/** The company context of a customer (issue 16): the company card, colleagues, whom the session acts for. */
@Resolver(() => CustomerViewer)
export class CompanyResolver {
  @FieldResolver(() => Company, {
    nullable: true,
    description: 'The B2B account’s own company as Pipelinq holds it; null for B2C',
  })
  company(@Ctx() ctx: RequestContext): Promise<Company | null> {
    return ctx.delegations.company();
  }

  @FieldResolver(() => ActingContext, { nullable: true, description: 'The company this session acts for; null for yourself' })
  async actingFor(@Ctx() ctx: RequestContext): Promise<ActingContext | null> {
    const view = await ctx.delegations.acting();
    return view ? toActingContext(view) : null;
  }

  @Query(() => [Colleague], { description: 'The contacts of your company in Pipelinq, with whether each can sign in (B2B)' })
  async colleagues(@Ctx() ctx: RequestContext): Promise<Colleague[]> {
    return (await ctx.delegations.colleagues()).map(toColleague);
  }

  @Mutation(() => Colleague, {
    description:
      'Invites a colleague of your company who has no account yet, when the portal allows it (same invitation as an admin’s)',
  })
  async inviteColleague(@Arg('contactId', () => ID) contactId: string, @Ctx() ctx: RequestContext): Promise<Colleague> {
    return toColleague(await ctx.delegations.inviteColleague(contactId));
  }
}
