import type { Logger } from '../../core/logger.js';
import type { AccountMail } from '../accounts/account-mail.js';
import { fieldMappingFor } from '../portal-data/field-mapping.js';
import { createRecordLoaders } from '../portal-data/record-loaders.js';
import type { NextcloudConnectors } from '../tenants/nextcloud-connectors.js';
import { loadCompany } from './company.js';
import type { DelegationNotifier } from './delegation.service.js';

/**
 * Tells the grantee about a new grant (Pipelinq's portal sent nothing). The mail names the company
 * as Pipelinq holds it; when Nextcloud cannot be reached the portal's display name stands in, and
 * a mail that cannot be sent is logged: the grant stands either way and shows in the portal.
 */
export function delegationNotifier(deps: {
  mail: Pick<AccountMail, 'notify'>;
  nextcloud: Pick<NextcloudConnectors, 'for'>;
  logger?: Logger;
}): DelegationNotifier {
  return async (tenant, delegation, grantee, meta) => {
    const loaders = createRecordLoaders(tenant, deps.nextcloud.for(tenant.id));
    const company = await loadCompany(loaders, fieldMappingFor(tenant), delegation.grantorClientId).catch((error: unknown) => {
      deps.logger?.warn({ err: error, tenantId: tenant.id }, 'delegation mail: company name not read');
      return null;
    });
    await deps.mail.notify(tenant, delegation.granteeEmail, grantee?.locale ?? tenant.portal.language, 'delegation-granted', {
      companyName: company?.name ?? tenant.portal.displayName,
      scopes: delegation.scopes,
      validFrom: delegation.validFrom,
      validUntil: delegation.validUntil,
      hasAccount: grantee !== null && grantee.status === 'ACTIVE',
      portalUrl: `${meta.publicUrl.replace(/\/+$/, '')}/portal/`,
    });
  };
}
