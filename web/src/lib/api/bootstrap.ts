import { graphql } from '../../gql';
import type { AppBootstrapQuery } from '../../gql/graphql';
import { queryPartial } from './run';

/** Branding and who is signed in (a customer, or staff for the admin panel), in one round trip before anything is drawn. */
const AppBootstrap = graphql(`
  query AppBootstrap {
    portal {
      tenantId
      displayName
      primaryColor
      onPrimaryColor
      secondaryColor
      backgroundColor
      logoUrl
      faviconUrl
      supportEmail
      supportPhone
      enabledFeatures
      b2bEnabled
      b2cEnabled
      mfaRequired
    }
    viewer {
      ...ViewerFields
    }
  }
`);

export type PortalInfo = AppBootstrapQuery['portal'];
export type Viewer = NonNullable<AppBootstrapQuery['viewer']>;

export function loadBootstrap() {
  return queryPartial(AppBootstrap, {});
}
