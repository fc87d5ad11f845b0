import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { CustomerPrincipal } from '../../domain/principal.js';
import { metaOf } from '../accounts/to-graphql.js';
import type { RequestContext } from '../context.js';

function customerOf(ctx: RequestContext): CustomerPrincipal {
  if (ctx.principal.kind !== 'customer') throw new Error('closure resolver reached without a customer principal');
  return ctx.principal;
}

@Resolver()
export class AccountClosureResolver {
  @Mutation(() => Boolean, {
    description: 'Asks to close your account (GDPR Art. 17); a confirmation link (24 hours, single use) is mailed to you',
  })
  requestAccountClosure(@Ctx() ctx: RequestContext): Promise<boolean> {
    return ctx.services.avg.closure.request(ctx.tenant, customerOf(ctx), {
      ...metaOf(ctx.request),
      publicUrl: ctx.request.tenantUrl ?? ctx.request.publicUrl,
    });
  }

  @Mutation(() => Boolean, {
    description:
      'Closes the account with the token from the confirmation mail: every session and API token ends, signing in is no longer possible',
  })
  confirmAccountClosure(@Arg('token') token: string, @Ctx() ctx: RequestContext): Promise<boolean> {
    return ctx.services.avg.closure.confirm(ctx.tenant, token, metaOf(ctx.request));
  }
}
