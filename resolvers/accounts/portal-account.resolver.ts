import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { PortalAccount } from '../../schema/accounts/portal-account.type.js';
import type { RequestContext } from '../context.js';

@Resolver(() => PortalAccount)
export class PortalAccountResolver {
  /**
   * From Nextcloud, only when asked for. Null when unknown or Nextcloud is unreachable: a name
   * is never worth failing the query it appears in.
   */
  @FieldResolver(() => String, { nullable: true })
  async contactName(@Root() account: PortalAccount, @Ctx() ctx: RequestContext): Promise<string | null> {
    if (account.contactName !== undefined) return account.contactName;
    return ctx.accounts.contactNameOf(account);
  }
}
