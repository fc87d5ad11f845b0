import { Schema, type Connection, type Model } from 'mongoose';
import { isDuplicateKeyError } from '../../store/duplicate-key.js';
import type { HostClaim } from './config/hosts.js';

/**
 * One host a tenant answers on, keyed by the host itself. The unique `_id` is what makes two
 * admins saving the same host at the same moment safe: FerretDB has no transactions, but exactly
 * one insert of a given `_id` succeeds on both engines.
 */
interface HostClaimDocument {
  _id: string;
  tenantId: string;
  field: HostClaim['field'];
  claimedAt: Date;
}

const schema = new Schema<HostClaimDocument>(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    field: { type: String, required: true },
    claimedAt: { type: Date, required: true },
  },
  { collection: 'tenantHostClaims', versionKey: false },
);
schema.index({ tenantId: 1 });

type HostClaimModel = Model<HostClaimDocument>;

const modelOf = (connection: Connection): HostClaimModel =>
  (connection.models.TenantHostClaim as HostClaimModel | undefined) ??
  connection.model<HostClaimDocument>('TenantHostClaim', schema);

export interface HostConflict {
  claim: HostClaim;
  owner: { id: string; field: HostClaim['field'] };
}

/**
 * The register of which tenant holds which host. A save claims its hosts first (insert-only) and
 * lets go of the ones it no longer uses only after the settings are stored, so at no moment can
 * two tenants hold the same host.
 */
export class HostClaims {
  private readonly model: HostClaimModel;

  constructor(connection: Connection) {
    this.model = modelOf(connection);
  }

  /**
   * Claims every host for the tenant; hosts it already holds are kept. On any conflict the hosts
   * newly claimed by this call are released again and the conflicts returned; otherwise `added`
   * lists the new ones, for the caller to release if its save fails after all.
   */
  async claim(
    tenantId: string,
    claims: readonly HostClaim[],
    now = new Date(),
  ): Promise<{ conflicts: HostConflict[]; added: string[] }> {
    const added: string[] = [];
    const conflicts: HostConflict[] = [];
    for (const claim of claims) {
      try {
        await this.model.create({ _id: claim.host, tenantId, field: claim.field, claimedAt: now });
        added.push(claim.host);
      } catch (error) {
        if (!isDuplicateKeyError(error)) {
          await this.releaseHosts(tenantId, added);
          throw error;
        }
        const holder = await this.model.findById(claim.host).lean<HostClaimDocument>();
        if (holder && holder.tenantId !== tenantId)
          conflicts.push({ claim, owner: { id: holder.tenantId, field: holder.field } });
      }
    }
    if (conflicts.length) {
      await this.releaseHosts(tenantId, added);
      return { conflicts, added: [] };
    }
    return { conflicts, added };
  }

  /** Lets go of every host of the tenant except `keep`. */
  async releaseAllBut(tenantId: string, keep: readonly string[]): Promise<void> {
    await this.model.deleteMany({ tenantId, _id: { $nin: [...keep] } });
  }

  async releaseHosts(tenantId: string, hosts: readonly string[]): Promise<void> {
    await this.model.deleteMany({ tenantId, _id: { $in: [...hosts] } });
  }
}
