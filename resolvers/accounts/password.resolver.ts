import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { COOKIE } from '../../domain/auth/authenticators.js';
import { ChangePasswordInput } from '../../schema/accounts/change-password.input.js';
import type { RequestContext } from '../context.js';

@Resolver()
export class PasswordResolver {
  @Mutation(() => Boolean, {
    description: 'Sets the first password with the token from the invitation mail (single use, 7 days)',
  })
  async activateAccount(
    @Arg('token') token: string,
    @Arg('password') password: string,
    @Ctx() ctx: RequestContext,
  ): Promise<boolean> {
    await ctx.accounts.activate(token, password);
    return true;
  }

  @Mutation(() => Boolean, { description: 'Mails a reset link (30 minutes) when the address has an active account; always true' })
  requestPasswordReset(@Arg('email') email: string, @Ctx() ctx: RequestContext): Promise<boolean> {
    return ctx.accounts.requestPasswordReset(email);
  }

  @Mutation(() => Boolean, { description: 'Sets a new password with the token from the reset mail; signs out every session' })
  resetPassword(
    @Arg('token') token: string,
    @Arg('newPassword') newPassword: string,
    @Ctx() ctx: RequestContext,
  ): Promise<boolean> {
    return ctx.accounts.resetPassword(token, newPassword);
  }

  @Mutation(() => Boolean, {
    description:
      'Changes the password of the signed-in customer (current password required); signs out every other session and renews this one',
  })
  async changePassword(@Arg('input') input: ChangePasswordInput, @Ctx() ctx: RequestContext): Promise<boolean> {
    const { session } = await ctx.accounts.changePassword(input);
    ctx.http.setCookie(COOKIE.session, session.token, session.maxAgeSeconds);
    return true;
  }
}
