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
  async viewer(@Ctx() { principal, tenant, services }: RequestContext): Promise<typeof Viewer | null> {
    switch (principal.kind) {
      case 'customer': {
        const [account, session] = await Promise.all([
          services.accounts.get(tenant, principal.accountId),
          services.sessions.describe(principal.sessionId),
        ]);
        return account ? customerViewer(account, principal.enrolmentOnly, session?.expiresAt ?? null) : null;
      }
      case 'partner': {
        const [account, token] = await Promise.all([
          services.accounts.get(tenant, principal.accountId),
          services.apiTokens.get(principal),
        ]);
        return account && token ? { account: toPortalAccount(account), token: toApiToken(token) } : null;
      }
      case 'staff':
        return {
          tenantId: principal.tenantId,
          loginName: principal.loginName,
          roles: principal.roles.map((role) => StaffRole[role]),
        };
      default:
        return null;
    }
  }
}
