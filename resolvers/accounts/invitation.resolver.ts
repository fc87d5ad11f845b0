import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { InvitePortalAccountInput } from '../../schema/accounts/invite-portal-account.input.js';
import { PortalAccount } from '../../schema/accounts/portal-account.type.js';
import type { RequestContext } from '../context.js';
import { toPortalAccount } from './to-graphql.js';

@Resolver()
export class InvitationResolver {
  @Mutation(() => PortalAccount, {
    description: 'Invites a Pipelinq client (tenant ADMIN): checks it in Nextcloud and mails an activation link',
  })
  async invitePortalAccount(
    @Arg('tenantId', () => ID) _tenantId: string,
    @Arg('input') input: InvitePortalAccountInput,
    @Ctx() ctx: RequestContext,
  ): Promise<PortalAccount> {
    // The shield rule has matched tenantId with the staff member's tenant, which is ctx.tenant.
    const { account, contactName } = await ctx.accounts.invite({
      email: input.email,
      type: input.type,
      clientId: input.clientId,
      contactId: input.contactId ?? null,
      locale: input.locale ?? null,
    });
    return toPortalAccount(account, contactName);
  }
}
