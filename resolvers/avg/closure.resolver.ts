import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../context.js';

@Resolver()
export class AccountClosureResolver {
  @Mutation(() => Boolean, {
    description: 'Asks to close your account (GDPR Art. 17); a confirmation link (24 hours, single use) is mailed to you',
  })
  requestAccountClosure(@Ctx() ctx: RequestContext): Promise<boolean> {
    return ctx.avg.requestClosure();
  }

  @Mutation(() => Boolean, {
    description:
      'Closes the account with the token from the confirmation mail: every session and API token ends, signing in is no longer possible',
  })
  confirmAccountClosure(@Arg('token') token: string, @Ctx() ctx: RequestContext): Promise<boolean> {
    return ctx.avg.confirmClosure(token);
  }
}
