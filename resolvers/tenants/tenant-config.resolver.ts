import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { TenantConfigChanges } from '../../domain/tenants/config/validate.js';
import { TenantConfigInput } from '../../schema/tenants/tenant-config.input.js';
import { TenantConfig } from '../../schema/tenants/tenant-config.type.js';
import type { RequestContext } from '../context.js';
import { toTenantConfig } from './tenant-config.view.js';

/** Only the fields the admin actually sent: absent means "keep", null means "reset". */
function changesOf(input: TenantConfigInput): TenantConfigChanges {
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)) as TenantConfigChanges;
}

// Authorization is in resolvers/permissions.ts: ADMIN (and DPO for reading) of `tenantId` only.
@Resolver(() => TenantConfig)
export class TenantConfigResolver {
  @Query(() => TenantConfig, {
    description: "The tenant's portal configuration, with who saved it last and when (staff of that tenant)",
  })
  tenantConfig(@Arg('tenantId', () => ID) tenantId: string, @Ctx() ctx: RequestContext): TenantConfig {
    return toTenantConfig(ctx.tenantAdmin.config(tenantId), ctx.request.publicUrl);
  }

  @Mutation(() => TenantConfig, {
    description:
      'Saves changes to the portal configuration (the tenant admin only); every problem is reported at once, each save is audited',
  })
  async saveTenantConfig(
    @Arg('tenantId', () => ID) tenantId: string,
    @Arg('input', () => TenantConfigInput) input: TenantConfigInput,
    @Ctx() ctx: RequestContext,
  ): Promise<TenantConfig> {
    const tenant = await ctx.tenantAdmin.saveConfig(tenantId, changesOf(input));
    return toTenantConfig(tenant, ctx.request.publicUrl);
  }
}
