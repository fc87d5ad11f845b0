import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { COOKIE } from '../../domain/auth/authenticators.js';
import { SignInStatus } from '../../schema/accounts/account.enums.js';
import { SignInInput, SignInPayload } from '../../schema/accounts/sign-in.types.js';
import type { RequestContext } from '../context.js';
import { customerViewer } from './viewer.resolver.js';

@Resolver()
export class SignInResolver {
  @Mutation(() => SignInPayload, {
    description:
      'Signs a customer in with email and password (plus a TOTP or recovery code when MFA is on); sets the session cookie',
  })
  async signIn(@Arg('input') input: SignInInput, @Ctx() ctx: RequestContext): Promise<SignInPayload> {
    // A new sign-in in a browser that still had a session replaces it (the façade revokes the old one).
    const result = await ctx.accounts.signIn(input);
    if (result.status === 'MFA_REQUIRED') return { status: SignInStatus.MFA_REQUIRED, viewer: null, sessionExpiresAt: null };
    ctx.http.setCookie(COOKIE.session, result.session.token, result.session.maxAgeSeconds);
    const enrolmentOnly = result.status === 'MFA_ENROLLMENT_REQUIRED';
    return {
      status: enrolmentOnly ? SignInStatus.MFA_ENROLLMENT_REQUIRED : SignInStatus.SIGNED_IN,
      viewer: customerViewer(result.account, enrolmentOnly, result.session.expiresAt),
      sessionExpiresAt: result.session.expiresAt,
    };
  }

  @Mutation(() => Boolean, {
    description: 'Ends the current customer or staff session; true also when nobody was signed in',
  })
  async signOut(@Ctx() ctx: RequestContext): Promise<boolean> {
    ctx.http.clearCookie(ctx.principal.kind === 'staff' ? COOKIE.staff : COOKIE.session);
    await ctx.accounts.signOut();
    return true;
  }
}
