import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { COOKIE } from '../../domain/auth/authenticators.js';
import { MfaEnrollment } from '../../schema/accounts/mfa.types.js';
import type { RequestContext } from '../context.js';

@Resolver()
export class MfaResolver {
  @Mutation(() => MfaEnrollment, { description: 'Starts MFA enrolment: a new secret and otpauth URI (not live until confirmed)' })
  async beginMfaEnrollment(
    @Ctx() ctx: RequestContext,
    @Arg('currentCode', () => String, {
      nullable: true,
      description: 'Re-enrolment only: a current code or an unused recovery code of the factor being replaced',
    })
    currentCode?: string | null,
    @Arg('password', () => String, { nullable: true, description: 'Re-enrolment only: instead of currentCode' })
    password?: string | null,
  ): Promise<MfaEnrollment> {
    return ctx.accounts.beginMfaEnrollment({ currentCode, password });
  }

  @Mutation(() => [String], {
    description:
      'Confirms enrolment with a current code; returns 10 single-use recovery codes (shown once) and renews the session',
  })
  async confirmMfaEnrollment(@Arg('code') code: string, @Ctx() ctx: RequestContext): Promise<string[]> {
    const { recoveryCodes, session } = await ctx.accounts.confirmMfaEnrollment(code);
    ctx.http.setCookie(COOKIE.session, session.token, session.maxAgeSeconds);
    return recoveryCodes;
  }

  @Mutation(() => Boolean, { description: 'Switches MFA off with a current code (or a recovery code); renews the session' })
  async disableMfa(@Arg('code') code: string, @Ctx() ctx: RequestContext): Promise<boolean> {
    const { session } = await ctx.accounts.disableMfa(code);
    ctx.http.setCookie(COOKIE.session, session.token, session.maxAgeSeconds);
    return true;
  }
}
