import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { ApiToken, ApiTokenInput, ApiTokenSecret } from '../../schema/accounts/api-token.types.js';
import type { RequestContext } from '../context.js';
import { toApiToken, toStoredScopes } from './to-graphql.js';

@Resolver()
export class ApiTokenResolver {
  @Query(() => [ApiToken], { description: "The signed-in account's live partner API tokens (no secrets)" })
  async apiTokens(@Ctx() ctx: RequestContext): Promise<ApiToken[]> {
    return (await ctx.accounts.listApiTokens()).map(toApiToken);
  }

  @Mutation(() => ApiTokenSecret, {
    description: 'Creates a partner API token (B2B accounts); the secret is shown only in this answer',
  })
  async createApiToken(@Arg('input') input: ApiTokenInput, @Ctx() ctx: RequestContext): Promise<ApiTokenSecret> {
    const { secret, token } = await ctx.accounts.createApiToken({ ...input, scopes: toStoredScopes(input.scopes) });
    return { secret, token: toApiToken(token) };
  }

  @Mutation(() => Boolean, { description: 'Revokes one of your API tokens; it stops working at once' })
  async revokeApiToken(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<boolean> {
    await ctx.accounts.revokeApiToken(id);
    return true;
  }
}
