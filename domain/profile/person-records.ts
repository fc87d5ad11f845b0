import type { Logger } from '../../core/logger.js';
import type { NextcloudConnector } from '../../nextcloud/connector.js';
import type { Account } from '../accounts/account.types.js';
import { fieldMappingFor } from '../portal-data/index.js';
import { createRecordLoaders, type RecordLoaders } from '../portal-data/record-loaders.js';
import type { NextcloudConnectors } from '../tenants/nextcloud-connectors.js';
import type { Tenant } from '../tenants/tenant-directory.js';
import { personRoleOf, propertyOf, type PersonRecords, type RecordRole } from './profile-fields.js';

type Scope = Pick<Account, 'type' | 'clientId' | 'contactId'>;
type Connector = Pick<NextcloudConnector, 'getObjectsByIds' | 'updateObject'>;

/** The request's contact and client loaders (shared with the data API, see record-loaders.ts). */
export type PersonRecordLoaders = RecordLoaders;

/**
 * The account's contact and client, read in parallel. A contact that does not belong to the
 * account's client is treated as missing: the portal never shows or edits someone else's record,
 * whatever the link says.
 */
export async function loadPersonRecords(loaders: PersonRecordLoaders, account: Scope, logger?: Logger): Promise<PersonRecords> {
  const [contact, client] = await Promise.all([
    account.contactId ? loaders.contact.load(account.contactId) : Promise.resolve(null),
    loaders.client.load(account.clientId),
  ]);
  if (contact && contact.client !== account.clientId) {
    logger?.warn({ contactId: contact.id }, 'profile: the linked contact belongs to another client; ignored');
    return { contact: null, client };
  }
  return { contact, client };
}

/** Writes to the person's Nextcloud records through the tenant's connector (PATCH, changed fields only). */
export class PersonWriter {
  constructor(
    private readonly nextcloud: Pick<NextcloudConnectors, 'for'>,
    private readonly logger?: Logger,
  ) {}

  loaders(tenant: Tenant): PersonRecordLoaders {
    return createRecordLoaders(tenant, this.connector(tenant));
  }

  roleFor(account: Scope): RecordRole {
    return personRoleOf(account);
  }

  /** Applies the patches in parallel; returns the records as Nextcloud answered them. */
  async patch(
    tenant: Tenant,
    account: Scope,
    patches: Partial<Record<RecordRole, Record<string, string | null>>>,
  ): Promise<Partial<PersonRecords>> {
    const mapping = fieldMappingFor(tenant);
    const connector = this.connector(tenant);
    const written = await Promise.all(
      (Object.entries(patches) as Array<[RecordRole, Record<string, string | null>]>).map(async ([role, patch]) => {
        const id = role === 'contact' ? account.contactId : account.clientId;
        if (!id) throw new Error(`profile: the account has no ${role} to write to`);
        const resource = role === 'contact' ? mapping.contact.resource : mapping.client.resource;
        return [role, await connector.updateObject(resource, id, patch)] as const;
      }),
    );
    return Object.fromEntries(written);
  }

  /**
   * Puts the new address on the person's record. Returns how to undo it (best effort, for an
   * email change that fails after this step), or null when nothing was written.
   */
  async setEmail(tenant: Tenant, account: Scope, email: string): Promise<(() => Promise<void>) | null> {
    const role = personRoleOf(account);
    const record = (await loadPersonRecords(this.loaders(tenant), account, this.logger))[role];
    if (!record) {
      // Nothing to keep in step with; the sign-in address still changes.
      this.logger?.warn({ tenantId: tenant.id, role }, 'email change: the person record is missing in Nextcloud');
      return null;
    }
    const property = propertyOf('email', role, fieldMappingFor(tenant));
    const previous = typeof record[property] === 'string' ? (record[property] as string) : null;
    if (previous === email) return null;
    await this.patch(tenant, account, { [role]: { [property]: email } });
    return () =>
      this.patch(tenant, account, { [role]: { [property]: previous } }).then(
        () => undefined,
        (error: unknown) =>
          this.logger?.error({ err: error, tenantId: tenant.id, role }, 'email change: could not restore the Nextcloud email'),
      );
  }

  private connector(tenant: Tenant): Connector {
    return this.nextcloud.for(tenant.id);
  }
}
