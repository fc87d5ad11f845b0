import { NotFoundError, ErrorCode, PortalError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import type { NextcloudConnector } from '../../nextcloud/connector.js';
import type { Account } from '../accounts/account.types.js';
import { fieldMappingFor } from '../portal-data/index.js';
import { createRecordLoaders, type RecordLoaders } from '../portal-data/record-loaders.js';
import type { NextcloudConnectors } from '../tenants/nextcloud-connectors.js';
import type { Tenant } from '../tenants/tenant-directory.js';
import {
  homeRecordOf,
  mirrorRecordOf,
  writePlanFor,
  type PersonRecords,
  type RecordPatch,
  type RecordRole,
  type WritePlan,
} from './profile-fields.js';

type Links = Pick<Account, 'type' | 'clientId' | 'contactId'>;
type Scope = Links & Pick<Account, 'id'>;
type Connector = Pick<NextcloudConnector, 'getObjectsByIds' | 'updateObject'>;

/** The request's contact and client loaders (shared with the data API, see record-loaders.ts). */
export type PersonRecordLoaders = RecordLoaders;

/**
 * The account's contact and client, read in parallel. A contact that does not belong to the
 * account's client is treated as missing: the portal never shows or edits someone else's record,
 * whatever the link says.
 */
export async function loadPersonRecords(loaders: PersonRecordLoaders, account: Links, logger?: Logger): Promise<PersonRecords> {
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

/**
 * The home record was written but its copy was not: the records now differ until the customer
 * saves again (which writes only the copy, see writePlanFor). Says so rather than pretending
 * nothing happened, and keeps the stable UPSTREAM_UNAVAILABLE code clients already handle.
 */
export class MirrorWriteError extends PortalError {
  constructor(saved: RecordRole, failed: RecordRole) {
    super(
      ErrorCode.UPSTREAM_UNAVAILABLE,
      'Your change was saved, but not every copy of your details in the customer administration could be updated. Please save again in a few minutes.',
      { savedRecord: saved, failedRecord: failed },
    );
  }
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

  /** The records an account's details are written to, home first (for audit details). */
  recordsOf(account: Pick<Account, 'type' | 'contactId'>): RecordRole[] {
    const mirror = mirrorRecordOf(account);
    return [homeRecordOf(account), ...(mirror ? [mirror] : [])];
  }

  /**
   * Carries out a profile update's plan: the home record first, then its copy. A missing home
   * record is NOT_FOUND before anything is written; a missing copy is skipped (nothing to keep in
   * step) and logged. When the copy fails after the home record was written, that is logged and
   * reported as MirrorWriteError. Returns the records as Nextcloud answered them.
   */
  async write(tenant: Tenant, account: Scope, records: PersonRecords, plan: WritePlan): Promise<Partial<PersonRecords>> {
    const writes = this.present(tenant, account, records, plan, { homeRequired: true });
    const written: Partial<PersonRecords> = {};
    for (const [index, { role, patch }] of writes.entries()) {
      try {
        written[role] = await this.update(tenant, account, role, patch);
      } catch (error) {
        // The first write failing leaves every record as it was: pass the error on as it is.
        if (index === 0) throw error;
        this.logger?.error(
          { err: error, tenantId: tenant.id, accountId: account.id, record: role, properties: Object.keys(patch) },
          'profile: the copy of the details could not be written; the person records differ until the next save',
        );
        throw new MirrorWriteError(writes[0]!.role, role);
      }
    }
    return written;
  }

  /**
   * Puts a confirmed address on the person's records by the same rule as the profile (home, then
   * copy). If a write fails, the ones already made are undone and the error is passed on, so a
   * failed confirmation changes nothing. Returns how to undo it all (best effort, for an email
   * change that fails after this step), or null when nothing was written.
   */
  async setEmail(tenant: Tenant, account: Scope, email: string): Promise<(() => Promise<void>) | null> {
    const mapping = fieldMappingFor(tenant);
    const records = await loadPersonRecords(this.loaders(tenant), account, this.logger);
    const plan = writePlanFor({ email }, account, records, mapping);
    // Nothing to keep in step with a record that is missing; the sign-in address still changes.
    const writes = this.present(tenant, account, records, plan, { homeRequired: false });
    const undo: Array<{ role: RecordRole; patch: RecordPatch }> = [];
    const undoAll = async () => {
      for (const step of [...undo].reverse()) {
        await this.update(tenant, account, step.role, step.patch).catch((error: unknown) =>
          this.logger?.error(
            { err: error, tenantId: tenant.id, accountId: account.id, record: step.role },
            'email change: could not restore the Nextcloud email',
          ),
        );
      }
    };
    for (const { role, patch } of writes) {
      const previous = Object.fromEntries(
        Object.keys(patch).map((property) => {
          const value = records[role]?.[property];
          return [property, typeof value === 'string' ? value : null];
        }),
      );
      try {
        await this.update(tenant, account, role, patch);
      } catch (error) {
        await undoAll();
        throw error;
      }
      undo.push({ role, patch: previous });
    }
    return undo.length ? undoAll : null;
  }

  /** The plan's writes to records that exist; see write() and setEmail() for what a missing one means. */
  private present(
    tenant: Tenant,
    account: Scope,
    records: PersonRecords,
    plan: WritePlan,
    { homeRequired }: { homeRequired: boolean },
  ): WritePlan['writes'] {
    return plan.writes.filter(({ role }) => {
      if (records[role]) return true;
      if (homeRequired && role === homeRecordOf(account)) throw new NotFoundError('Your record in the customer administration');
      this.logger?.warn(
        { tenantId: tenant.id, accountId: account.id, record: role },
        'profile: a person record is missing in Nextcloud; not written',
      );
      return false;
    });
  }

  private async update(tenant: Tenant, account: Scope, role: RecordRole, patch: RecordPatch) {
    const mapping = fieldMappingFor(tenant);
    const id = role === 'contact' ? account.contactId : account.clientId;
    if (!id) throw new Error(`profile: the account has no ${role} to write to`);
    const resource = role === 'contact' ? mapping.contact.resource : mapping.client.resource;
    return this.connector(tenant).updateObject(resource, id, patch);
  }

  private connector(tenant: Tenant): Connector {
    return this.nextcloud.for(tenant.id);
  }
}
