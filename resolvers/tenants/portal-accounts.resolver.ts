import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { AccountStatus } from '../../schema/accounts/account.enums.js';
import { PortalAccount } from '../../schema/accounts/portal-account.type.js';
import { PortalAccountConnection, PortalAccountFilter } from '../../schema/tenants/portal-accounts.types.js';
import { toPortalAccount } from '../accounts/to-graphql.js';
import type { RequestContext } from '../context.js';

// Authorization is in resolvers/permissions.ts: the tenant's ADMIN only.
@Resolver()
export class PortalAccountsResolver {
  @Query(() => PortalAccountConnection, {
    description: "The tenant's portal accounts for its admin, newest first, with the linked person's name",
  })
  async portalAccounts(
    @Arg('tenantId', () => ID) tenantId: string,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('filter', () => PortalAccountFilter, { nullable: true }) filter: PortalAccountFilter | null,
    @Ctx() ctx: RequestContext,
  ): Promise<PortalAccountConnection> {
    const page = await ctx.tenantAdmin.listAccounts(tenantId, filter ?? {}, { first, after });
    const edges = page.accounts.map((account, i) => ({
      cursor: page.cursors[i]!,
      node: toPortalAccount(account, page.names.get(account.id) ?? null),
    }));
    return {
      edges,
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.cursors[page.cursors.length - 1] ?? null },
      totalCount: page.totalCount,
    };
  }

  @Mutation(() => PortalAccount, {
    description:
      'Blocks or unblocks (ACTIVE) or closes an account; blocking and closing end its sessions and API tokens at once. Audited.',
  })
  async setPortalAccountStatus(
    @Arg('tenantId', () => ID) tenantId: string,
    @Arg('accountId', () => ID) accountId: string,
    @Arg('status', () => AccountStatus) status: AccountStatus,
    @Ctx() ctx: RequestContext,
  ): Promise<PortalAccount> {
    return toPortalAccount(await ctx.tenantAdmin.setAccountStatus(tenantId, accountId, status));
  }
}
