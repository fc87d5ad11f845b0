import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import { searchClients } from '../../domain/accounts/client-search.js';
import { guardedReads } from '../../nextcloud/upstream-guard.js';
import { ClientKind, ClientSearchResult } from '../../schema/accounts/client-search.type.js';
import type { RequestContext } from '../context.js';

@Resolver()
export class ClientSearchResolver {
  @Query(() => [ClientSearchResult], {
    description:
      "Finds the tenant's Pipelinq clients by name, email or company, and organisations through their contacts, to invite one (tenant ADMIN). At least 2 characters; first: 1 to 20, default 10",
  })
  async searchClients(
    @Arg('tenantId', () => ID) _tenantId: string,
    @Arg('query') query: string,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Ctx() ctx: RequestContext,
  ): Promise<ClientSearchResult[]> {
    // The shield rule has matched tenantId with the staff member's tenant, which is ctx.tenant.
    const found = await searchClients(guardedReads(ctx.nextcloud, ctx.upstream), query, first);
    return found.map((client) => ({
      ...client,
      type: client.type === 'organization' ? ClientKind.ORGANIZATION : ClientKind.PERSON,
    }));
  }
}
