import { Ctx, Query, Resolver } from 'type-graphql';
import type { Account } from '../../domain/accounts/account.types.js';
import { StaffRole } from '../../schema/staff/staff-role.enum.js';
import { Viewer, type CustomerViewer } from '../../schema/accounts/viewer.type.js';
import type { RequestContext } from '../context.js';
import { toApiToken, toPortalAccount } from './to-graphql.js';

/** The customer viewer for an account and its session (also what signIn answers). */
export function customerViewer(account: Account, enrolmentOnly: boolean, sessionExpiresAt: Date | null): CustomerViewer {
  return { account: toPortalAccount(account), enrolmentOnly, sessionExpiresAt };
}

@Resolver()
export class ViewerResolver {
  @Query(() => Viewer, { nullable: true, description: 'Who is signed in (customer, partner token or staff); null when nobody' })
  async viewer(@Ctx() ctx: RequestContext): Promise<typeof Viewer | null> {
    const who = await ctx.accounts.whoAmI();
    switch (who?.kind) {
      case 'customer':
        return customerViewer(who.account, who.enrolmentOnly, who.sessionExpiresAt);
      case 'partner':
        return { account: toPortalAccount(who.account), token: toApiToken(who.token) };
      case 'staff':
        return {
          tenantId: who.principal.tenantId,
          loginName: who.principal.loginName,
          roles: who.principal.roles.map((role) => StaffRole[role]),
        };
      default:
        return null;
    }
  }
}
