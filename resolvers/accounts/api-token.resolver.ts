import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { CustomerPrincipal } from '../../domain/principal.js';
import { ApiToken, ApiTokenInput, ApiTokenSecret } from '../../schema/accounts/api-token.types.js';
import type { RequestContext } from '../context.js';
import { metaOf, toApiToken } from './to-graphql.js';

function customerOf(ctx: RequestContext): CustomerPrincipal {
  if (ctx.principal.kind !== 'customer') throw new Error('API token resolver reached without a customer principal');
  return ctx.principal;
}

@Resolver()
export class ApiTokenResolver {
  @Query(() => [ApiToken], { description: "The signed-in account's live partner API tokens (no secrets)" })
  async apiTokens(@Ctx() ctx: RequestContext): Promise<ApiToken[]> {
    return (await ctx.services.apiTokens.list(customerOf(ctx))).map(toApiToken);
  }

  @Mutation(() => ApiTokenSecret, {
    description: 'Creates a partner API token (B2B accounts); the secret is shown only in this answer',
  })
  async createApiToken(@Arg('input') input: ApiTokenInput, @Ctx() ctx: RequestContext): Promise<ApiTokenSecret> {
    const principal = customerOf(ctx);
    // A token outlives the session: minting one needs more than a (possibly stolen) session.
    // (B2C accounts are refused by create() as FORBIDDEN; no proof is asked of them first.)
    const proof = { currentCode: input.currentCode, password: input.password };
    if (principal.accountType === 'B2B') {
      await ctx.services.identity.verify(ctx.tenant, principal, proof, metaOf(ctx.request), 'api-token');
    }
    const { secret, token } = await ctx.services.apiTokens.create(
      ctx.tenant,
      principal,
      { name: input.name, scopes: input.scopes },
      metaOf(ctx.request),
    );
    return { secret, token: toApiToken(token) };
  }

  @Mutation(() => Boolean, { description: 'Revokes one of your API tokens; it stops working at once' })
  async revokeApiToken(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<boolean> {
    await ctx.services.apiTokens.revoke(ctx.tenant, customerOf(ctx), id, metaOf(ctx.request));
    return true;
  }
}
