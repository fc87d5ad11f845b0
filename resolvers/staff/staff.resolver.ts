import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { COOKIE } from '../../domain/auth/authenticators.js';
import { STAFF_SESSION_MAX_MS } from '../../domain/staff/staff-auth.service.js';
import { StaffRole } from '../../schema/staff/staff-role.enum.js';
import { StaffSignInInput, StaffSignInPayload } from '../../schema/staff/staff-sign-in.types.js';
import type { RequestContext } from '../context.js';

@Resolver()
export class StaffResolver {
  @Mutation(() => StaffSignInPayload, {
    description: "Signs a tenant's Nextcloud admin or DPO in with an app password, verified live against that Nextcloud",
  })
  async staffSignIn(@Arg('input') input: StaffSignInInput, @Ctx() ctx: RequestContext): Promise<StaffSignInPayload> {
    const result = await ctx.accounts.staffSignIn(input);
    ctx.http.setCookie(COOKIE.staff, result.token, STAFF_SESSION_MAX_MS / 1000);
    return { token: result.token, roles: result.roles.map((role) => StaffRole[role]), expiresAt: result.expiresAt };
  }
}
