import type { Connection } from 'mongoose';
import type { Logger } from '../../core/logger.js';
import { createSecretBox, type SecretBox } from '../../core/secret-box.js';
import { DEFAULT_REGISTER, explicitSchemas } from './default-schemas.js';
import { defaultPortalSettings, type PortalSettings } from './portal-settings.js';
import { tenantModel, type NextcloudSettings, type TenantDocument, type TenantModel } from './tenant.model.js';

/** A tenant as the rest of the gateway sees it: effective settings, no secrets. */
export interface Tenant {
  id: string;
  nextcloud: {
    baseUrl: string;
    loginName: string;
    register: string;
    schemas: Record<string, string>;
    /** Overrides of Pipelinq's property names (domain/portal-data/field-mapping.ts), or null. */
    fieldMapping: Record<string, unknown> | null;
  };
  timeZone: string;
  /** The saved portal settings, or the defaults when nothing was saved yet. */
  portal: PortalSettings;
  portalSaved: boolean;
  /** Who saved the portal settings last (`staff:<login>`) and when; null until the first save. */
  portalSavedBy: string | null;
  portalSavedAt: Date | null;
  /** Changes whenever the stored tenant changes; lets caches keyed by tenant notice edits. */
  revision: string;
}

export interface TenantInput {
  id: string;
  nextcloud: {
    baseUrl: string;
    loginName: string;
    appPassword: string;
    register?: string;
    schemas?: Record<string, string>;
    fieldMapping?: Record<string, unknown> | null;
  };
  timeZone?: string;
}

function toTenant(doc: TenantDocument): Tenant {
  return {
    id: doc._id,
    nextcloud: {
      baseUrl: doc.nextcloud.baseUrl,
      loginName: doc.nextcloud.loginName,
      register: doc.nextcloud.register,
      schemas: explicitSchemas(doc.nextcloud.schemas),
      fieldMapping: doc.nextcloud.fieldMapping ?? null,
    },
    timeZone: doc.timeZone,
    portal: { ...defaultPortalSettings(), ...(doc.portal ?? {}) },
    // Null until the first save; a missing field means the same.
    portalSaved: doc.portal != null,
    portalSavedBy: doc.portalSavedBy ?? null,
    portalSavedAt: doc.portalSavedAt ? new Date(doc.portalSavedAt) : null,
    revision: new Date(doc.updatedAt).toISOString(),
  };
}

/**
 * Every tenant, held in memory. Tenants are few and read on every request, so resolution must not
 * cost a database round trip; the snapshot is refreshed after each write made through this
 * process and every few seconds for writes made by other processes. If the database is briefly
 * unreachable the last snapshot keeps serving.
 */
export class TenantDirectory {
  private snapshot = new Map<string, { tenant: Tenant; appPasswordSealed: string }>();
  private timer: NodeJS.Timeout | undefined;
  private readonly listeners = new Set<(tenantId: string) => void>();

  constructor(
    private readonly model: TenantModel,
    private readonly credentials: SecretBox,
    private readonly logger?: Logger,
  ) {}

  async start(refreshIntervalMs = 5_000): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => {
      this.refresh().catch((error) => this.logger?.warn({ err: error }, 'tenant refresh failed; keeping the last snapshot'));
    }, refreshIntervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  async refresh(): Promise<void> {
    const docs = await this.model.find().lean<TenantDocument[]>();
    const next = new Map(
      docs.map((doc) => [doc._id, { tenant: toTenant(doc), appPasswordSealed: doc.nextcloud.appPasswordSealed }]),
    );
    for (const [id, entry] of next) {
      if (this.snapshot.get(id)?.tenant.revision !== entry.tenant.revision) this.notify(id);
    }
    for (const id of this.snapshot.keys()) if (!next.has(id)) this.notify(id);
    this.snapshot = next;
  }

  /** Called with a tenant id whenever that tenant changed or disappeared. */
  onChange(listener: (tenantId: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get(id: string): Tenant | undefined {
    return this.snapshot.get(id)?.tenant;
  }

  list(): Tenant[] {
    return [...this.snapshot.values()].map((entry) => entry.tenant).sort((a, b) => a.id.localeCompare(b.id));
  }

  byCustomDomain(host: string): Tenant | undefined {
    return this.list().find((tenant) => tenant.portal.customDomain === host);
  }

  bySubdomain(label: string): Tenant | undefined {
    return this.list().find((tenant) => tenant.portal.subdomain === label);
  }

  /** The decrypted app password, for the connector only. */
  appPasswordOf(id: string): string {
    const entry = this.snapshot.get(id);
    if (!entry) throw new Error(`unknown tenant ${id}`);
    return this.credentials.open(entry.appPasswordSealed);
  }

  async upsert(input: TenantInput): Promise<Tenant> {
    const nextcloud = this.nextcloudSettingsOf(input);
    await this.model.updateOne(
      { _id: input.id },
      { $set: { nextcloud, timeZone: input.timeZone ?? 'Europe/Amsterdam' }, $setOnInsert: { portal: null } },
      { upsert: true },
    );
    await this.refresh();
    return this.get(input.id)!;
  }

  /**
   * Creates the tenant from `input` only when it does not exist yet; an existing tenant is left
   * exactly as it is. The environment (NEXTCLOUD_URL …) seeds a tenant once; after that the
   * database owns it, so what an operator changed with `portal tenant update` survives restarts,
   * and several processes starting at once write nothing but what is missing.
   */
  async seed(input: TenantInput): Promise<{ tenant: Tenant; created: boolean }> {
    const now = new Date();
    const result = await this.model.updateOne(
      { _id: input.id },
      {
        $setOnInsert: {
          nextcloud: this.nextcloudSettingsOf(input),
          timeZone: input.timeZone ?? 'Europe/Amsterdam',
          portal: null,
          createdAt: now,
          updatedAt: now,
        },
      },
      // Timestamps by hand: mongoose would otherwise $set updatedAt on every start.
      { upsert: true, timestamps: false },
    );
    await this.refresh();
    return { tenant: this.get(input.id)!, created: result.upsertedCount > 0 };
  }

  /** Moves a tenant to another Nextcloud address, keeping every other setting (demo simulator ports). */
  async repointNextcloud(tenantId: string, baseUrl: string): Promise<void> {
    const url = baseUrl.replace(/\/+$/, '');
    await this.model.updateOne({ _id: tenantId, 'nextcloud.baseUrl': { $ne: url } }, { $set: { 'nextcloud.baseUrl': url } });
    await this.refresh();
  }

  /**
   * Stores a tenant's complete, already validated portal settings (domain/tenants/tenant-config
   * .service.ts validates) and refreshes the snapshot, so a new custom domain or widget origin
   * applies to the very next request.
   */
  async savePortal(tenantId: string, portal: PortalSettings, savedBy: string, savedAt: Date): Promise<Tenant> {
    const result = await this.model.updateOne(
      { _id: tenantId },
      { $set: { portal, portalSavedBy: savedBy, portalSavedAt: savedAt } },
    );
    if (result.matchedCount === 0) throw new Error(`unknown tenant ${tenantId}`);
    await this.refresh();
    return this.get(tenantId)!;
  }

  private nextcloudSettingsOf(input: TenantInput): NextcloudSettings {
    return {
      baseUrl: input.nextcloud.baseUrl.replace(/\/+$/, ''),
      loginName: input.nextcloud.loginName,
      appPasswordSealed: this.credentials.seal(input.nextcloud.appPassword),
      register: input.nextcloud.register ?? DEFAULT_REGISTER,
      schemas: explicitSchemas(input.nextcloud.schemas),
      fieldMapping: input.nextcloud.fieldMapping ?? null,
    };
  }

  private notify(tenantId: string) {
    for (const listener of this.listeners) listener(tenantId);
  }
}

/** The directory on a connection, with tenant credentials sealed under the master secret. */
export function createTenantDirectory(connection: Connection, secretKey: string, logger?: Logger): TenantDirectory {
  return new TenantDirectory(tenantModel(connection), createSecretBox(secretKey, 'tenant-credentials'), logger);
}
