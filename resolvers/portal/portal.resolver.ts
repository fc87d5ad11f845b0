import { Ctx, Query, Resolver } from 'type-graphql';
import { readableTextOn } from '../../core/contrast.js';
import { Feature } from '../../schema/portal/feature.enum.js';
import { Portal } from '../../schema/portal/portal.type.js';
import type { RequestContext } from '../context.js';
import { portalAssetUrl } from '../tenants/tenant-config.view.js';

@Resolver(() => Portal)
export class PortalResolver {
  @Query(() => Portal, { description: "The resolved tenant's public portal settings; needs no sign-in" })
  portal(@Ctx() { tenant, request }: RequestContext): Portal {
    const settings = tenant.portal;
    return {
      tenantId: tenant.id,
      displayName: settings.displayName,
      primaryColor: settings.primaryColor,
      secondaryColor: settings.secondaryColor,
      backgroundColor: settings.backgroundColor,
      onPrimaryColor: readableTextOn(settings.primaryColor),
      logoUrl: portalAssetUrl(request.publicUrl, tenant, 'logo'),
      faviconUrl: portalAssetUrl(request.publicUrl, tenant, 'favicon'),
      enabledFeatures: settings.enabledFeatures.map((feature) => Feature[feature]),
      b2bEnabled: settings.b2bEnabled,
      b2cEnabled: settings.b2cEnabled,
      supportEmail: settings.supportEmail,
      supportPhone: settings.supportPhone,
      widgetEnabled: settings.widgetEnabled,
      mfaRequired: settings.mfaRequired,
    };
  }
}
