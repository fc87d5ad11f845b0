import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { NotFoundError } from '../../core/errors.js';
import { listAccounts, personNamesOf } from '../../domain/accounts/account-list.js';
import { AccountStatus } from '../../schema/accounts/account.enums.js';
import { PortalAccount } from '../../schema/accounts/portal-account.type.js';
import { PortalAccountConnection, PortalAccountFilter } from '../../schema/tenants/portal-accounts.types.js';
import { metaOf, toPortalAccount } from '../accounts/to-graphql.js';
import type { RequestContext } from '../context.js';

/** The tenant named by the argument; the shield rule has already matched it with the staff member's. */
function tenantOf(ctx: RequestContext, tenantId: string) {
  const tenant = ctx.services.tenants.get(tenantId);
  if (!tenant) throw new NotFoundError('The tenant');
  return tenant;
}

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
    const tenant = tenantOf(ctx, tenantId);
    const page = await listAccounts(ctx.services.accounts.repository, tenant.id, filter ?? {}, { first, after });
    // Names are a convenience: an unreachable Nextcloud shows the list without them.
    const names = await personNamesOf(ctx.services.nextcloud.for(tenant.id), page.accounts).catch((error: unknown) => {
      ctx.services.logger.warn({ err: error, tenantId: tenant.id }, 'contact names for the accounts list unavailable');
      return new Map<string, string | null>();
    });
    const edges = page.accounts.map((account, i) => ({
      cursor: page.cursors[i]!,
      node: toPortalAccount(account, names.get(account.id) ?? null),
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
    const tenant = tenantOf(ctx, tenantId);
    const account = await ctx.services.accounts.setStatus(tenant, accountId, status, {
      principal: ctx.principal,
      meta: metaOf(ctx.request),
    });
    return toPortalAccount(account);
  }
}
