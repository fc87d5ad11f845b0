import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { COOKIE } from '../../domain/auth/authenticators.js';
import type { CustomerPrincipal } from '../../domain/principal.js';
import { MfaEnrollment } from '../../schema/accounts/mfa.types.js';
import type { RequestContext } from '../context.js';
import { metaOf } from './to-graphql.js';

/** The shield rules guarantee a customer here; this only narrows the type. */
function customerOf(ctx: RequestContext): CustomerPrincipal {
  if (ctx.principal.kind !== 'customer') throw new Error('MFA resolver reached without a customer principal');
  return ctx.principal;
}

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
    const principal = customerOf(ctx);
    // A session alone must not replace the factor (and void the owner's recovery codes).
    await ctx.services.identity.verifyIfMfaOn(
      ctx.tenant,
      principal,
      { currentCode, password },
      metaOf(ctx.request),
      're-enrolment',
    );
    return ctx.services.mfa.begin(ctx.tenant, principal);
  }

  @Mutation(() => [String], {
    description:
      'Confirms enrolment with a current code; returns 10 single-use recovery codes (shown once) and renews the session',
  })
  async confirmMfaEnrollment(@Arg('code') code: string, @Ctx() ctx: RequestContext): Promise<string[]> {
    const { recoveryCodes, session } = await ctx.services.mfa.confirm(ctx.tenant, customerOf(ctx), code, metaOf(ctx.request));
    ctx.http.setCookie(COOKIE.session, session.token, session.maxAgeSeconds);
    return recoveryCodes;
  }

  @Mutation(() => Boolean, { description: 'Switches MFA off with a current code (or a recovery code); renews the session' })
  async disableMfa(@Arg('code') code: string, @Ctx() ctx: RequestContext): Promise<boolean> {
    const principal = customerOf(ctx);
    ctx.services.mfa.refuseWhereRequired(ctx.tenant);
    // Wrong codes count toward the sign-in lockout, so a session cannot guess without limit.
    const method = await ctx.services.identity.verify(
      ctx.tenant,
      principal,
      { currentCode: code },
      metaOf(ctx.request),
      'disable',
    );
    const { session } = await ctx.services.mfa.disableProven(ctx.tenant, principal, method, metaOf(ctx.request));
    ctx.http.setCookie(COOKIE.session, session.token, session.maxAgeSeconds);
    return true;
  }
}
