import DataLoader from 'dataloader';
import type { NextcloudConnector } from '../../nextcloud/connector.js';
import type { NcObject } from '../../nextcloud/types.js';
import type { Tenant } from '../tenants/tenant-directory.js';
import { fieldMappingFor } from './field-mapping.js';

/**
 * By-id loaders for the people records (contacts and clients), one pair per request. Everything
 * in one operation that needs a contact or client — a contract's client, the profile, the
 * organisation — asks through the same pair, so together they cost one `_ids` call per resource.
 */
export interface RecordLoaders {
  contact: DataLoader<string, NcObject | null>;
  client: DataLoader<string, NcObject | null>;
}

export function createRecordLoaders(tenant: Tenant, connector: Pick<NextcloudConnector, 'getObjectsByIds'>): RecordLoaders {
  const mapping = fieldMappingFor(tenant);
  const loader = (resource: string) =>
    new DataLoader<string, NcObject | null>(async (ids) => {
      const found = await connector.getObjectsByIds(resource, ids);
      return ids.map((id) => found.get(id) ?? null);
    });
  return { contact: loader(mapping.contact.resource), client: loader(mapping.client.resource) };
}
