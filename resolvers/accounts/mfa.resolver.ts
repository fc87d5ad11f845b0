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
  beginMfaEnrollment(@Ctx() ctx: RequestContext): Promise<MfaEnrollment> {
    return ctx.services.mfa.begin(ctx.tenant, customerOf(ctx));
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
    const { session } = await ctx.services.mfa.disable(ctx.tenant, customerOf(ctx), code, metaOf(ctx.request));
    ctx.http.setCookie(COOKIE.session, session.token, session.maxAgeSeconds);
    return true;
  }
}
