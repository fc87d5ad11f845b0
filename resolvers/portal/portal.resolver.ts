import { Ctx, Query, Resolver } from 'type-graphql';
import { Portal } from '../../schema/portal/portal.type.js';
import type { RequestContext } from '../context.js';
import { toPublicPortal } from '../tenants/tenant-config.view.js';

@Resolver(() => Portal)
export class PortalResolver {
  @Query(() => Portal, { description: "The resolved tenant's public portal settings; needs no sign-in" })
  portal(@Ctx() { tenant, request }: RequestContext): Portal {
    return toPublicPortal(tenant, request.publicUrl);
  }
}
