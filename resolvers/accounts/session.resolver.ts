import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { SessionView } from '../../domain/sessions/session.service.js';
import { ActiveSession } from '../../schema/accounts/session.types.js';
import type { RequestContext } from '../context.js';

const toActiveSession = (session: SessionView): ActiveSession => ({
  id: session.id,
  createdAt: session.createdAt,
  lastSeenAt: session.lastSeenAt,
  expiresAt: session.expiresAt,
  browser: session.browser,
  operatingSystem: session.os,
  network: session.network,
  current: session.current,
  enrolmentOnly: session.kind === 'enrolment',
});

@Resolver()
export class SessionResolver {
  @Query(() => [ActiveSession], {
    description: "The signed-in customer's live sessions: the current one first, then the most recently used",
  })
  async mySessions(@Ctx() ctx: RequestContext): Promise<ActiveSession[]> {
    return (await ctx.accounts.listSessions()).map(toActiveSession);
  }

  @Mutation(() => Boolean, {
    description: 'Signs one of your other sessions out (by ActiveSession.id); NOT_FOUND when you have no such session',
  })
  async revokeSession(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<boolean> {
    await ctx.accounts.revokeSession(id);
    return true;
  }

  @Mutation(() => Int, { description: 'Signs out every session of yours except this one; answers how many ended' })
  signOutOtherSessions(@Ctx() ctx: RequestContext): Promise<number> {
    return ctx.accounts.signOutOtherSessions();
  }
}
