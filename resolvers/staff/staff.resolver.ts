import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { BadUserInputError, ForbiddenError } from '../../core/errors.js';
import { COOKIE } from '../../domain/auth/authenticators.js';
import { STAFF_SESSION_MAX_MS } from '../../domain/staff/staff-auth.service.js';
import { StaffRole } from '../../schema/staff/staff-role.enum.js';
import { StaffSignInInput, StaffSignInPayload } from '../../schema/staff/staff-sign-in.types.js';
import type { RequestContext } from '../context.js';

const STAFF_SIGN_IN_IP_LIMIT = { limit: 10, windowMs: 60_000 };

@Resolver()
export class StaffResolver {
  @Mutation(() => StaffSignInPayload, {
    description: "Signs a tenant's Nextcloud admin or DPO in with an app password, verified live against that Nextcloud",
  })
  async staffSignIn(@Arg('input') input: StaffSignInInput, @Ctx() ctx: RequestContext): Promise<StaffSignInPayload> {
    const loginName = input.loginName.trim();
    if (!loginName || !input.appPassword) {
      throw new BadUserInputError('Enter your Nextcloud login name and an app password.', [
        ...(loginName ? [] : [{ field: 'loginName', message: 'Login name is required.' }]),
        ...(input.appPassword ? [] : [{ field: 'appPassword', message: 'App password is required.' }]),
      ]);
    }
    // Staff of one tenant sign in on that tenant's portal only.
    if (input.tenantId !== ctx.tenant.id) throw new ForbiddenError('Sign in on the portal of that tenant.');
    // Each attempt costs a call to the tenant's Nextcloud: bound guessing per client address.
    if (ctx.request.ip) await ctx.services.rateLimiter.enforce(`staff-signin:ip:${ctx.request.ip}`, STAFF_SIGN_IN_IP_LIMIT);
    const result = await ctx.services.staff.signIn(ctx.tenant, loginName, input.appPassword, {
      ip: ctx.request.ip,
      userAgent: ctx.request.userAgent,
    });
    ctx.http.setCookie(COOKIE.staff, result.token, STAFF_SESSION_MAX_MS / 1000);
    return { token: result.token, roles: result.roles.map((role) => StaffRole[role]), expiresAt: result.expiresAt };
  }
}
