import type { Logger } from '../core/logger.js';
import { NextcloudConfigurationError, SchemaNotConfiguredError } from './errors.js';
import type { NextcloudHttpClient, UpstreamResponse } from './http-client.js';
import { Once } from './once.js';
import { parseRegisterList, parseSchemaList } from './responses.js';
import { PIPELINQ_RESOURCES, type SchemaDescription } from './types.js';

export const OPENREGISTER_API = '/index.php/apps/openregister/api';
const PIPELINQ_SETTINGS = '/index.php/apps/pipelinq/api/settings';

export interface ResolvedSchema {
  registerId: number;
  schemaId: number;
  /** How the schema was found, for `tenant check` and logs. */
  via: 'tenant setting' | 'pipelinq settings' | 'slug';
  schema: SchemaDescription;
}

interface Catalogue {
  registerId: number;
  registerSlug: string | null;
  byId: Map<number, SchemaDescription>;
  /** Lower-cased slug -> schema, only for schemas of this register. */
  bySlug: Map<string, SchemaDescription>;
  /** Pipelinq's own app settings (`client_schema` -> "21"), when the service account may read them. */
  pipelinqSettings: Record<string, string>;
}

const NUMERIC = /^\d+$/;

/**
 * Turns the tenant's register and schema names into numeric ids, once per connector (reference
 * §6.3). Object URLs then use ids only: OpenRegister looks schema slugs up globally, so another app's
 * `client` schema could otherwise answer for Pipelinq's and quietly return nothing (§3.1).
 *
 * A resource the tenant names no schema for is found the way Pipelinq finds it: the id in
 * Pipelinq's app settings (§13.3) when they can be read and point into this register, else the
 * slugs Pipelinq uses (PIPELINQ_RESOURCES).
 */
export class SchemaResolver {
  private readonly catalogue: Once<Catalogue>;
  /** Reasons already logged: a missing schema is reported once, not on every request that needs it. */
  private readonly reported = new Set<string>();

  constructor(
    private readonly http: NextcloudHttpClient,
    private readonly settings: { register: string; schemas: Record<string, string> },
    private readonly logger: Logger,
    options: { now: () => number; failureTtlMs: number },
  ) {
    this.catalogue = new Once(() => this.load(), options);
  }

  async resolve(resource: string): Promise<ResolvedSchema> {
    const catalogue = await this.catalogue.get();
    const explicit = this.settings.schemas[resource]?.trim();
    if (explicit) {
      const schema = NUMERIC.test(explicit) ? catalogue.byId.get(Number(explicit)) : catalogue.bySlug.get(explicit.toLowerCase());
      if (!schema) {
        this.configurationProblem(
          resource,
          `schema '${explicit}' for resource '${resource}' is not part of register '${this.settings.register}'`,
        );
      }
      return { registerId: catalogue.registerId, schemaId: schema.id, via: 'tenant setting', schema };
    }
    const pipelinq = PIPELINQ_RESOURCES[resource];
    if (!pipelinq) this.configurationProblem(resource, `no schema configured for resource '${resource}'`);
    const fromSettings = pipelinq.settingsKey === null ? NaN : Number(catalogue.pipelinqSettings[pipelinq.settingsKey]);
    const settingsSchema = Number.isSafeInteger(fromSettings) ? catalogue.byId.get(fromSettings) : undefined;
    if (settingsSchema) {
      return { registerId: catalogue.registerId, schemaId: settingsSchema.id, via: 'pipelinq settings', schema: settingsSchema };
    }
    for (const slug of pipelinq.slugs) {
      const schema = catalogue.bySlug.get(slug.toLowerCase());
      if (schema) return { registerId: catalogue.registerId, schemaId: schema.id, via: 'slug', schema };
    }
    const slugs = `the slug${pipelinq.slugs.length > 1 ? 's' : ''} ${pipelinq.slugs.map((s) => `'${s}'`).join(', ')}`;
    const looked = pipelinq.settingsKey === null ? slugs : `Pipelinq's setting '${pipelinq.settingsKey}' and ${slugs}`;
    if (pipelinq.optional) {
      throw new SchemaNotConfiguredError(
        resource,
        `register '${this.settings.register}' has no ${resource} schema (looked for ${looked})`,
      );
    }
    return this.configurationProblem(
      resource,
      `register '${this.settings.register}' has no schema for '${resource}' (looked for ${looked}); name it with tenant update --schema ${resource}=SLUG_OR_ID`,
    );
  }

  private configurationProblem(resource: string, reason: string): never {
    if (!this.reported.has(reason)) {
      this.reported.add(reason);
      this.logger.warn({ tenant: this.http.tenantId, resource, reason }, 'nextcloud configuration error');
    }
    throw new NextcloudConfigurationError(reason, resource);
  }

  private fail(reason: string, response: UpstreamResponse): never {
    this.logger.warn({ tenant: this.http.tenantId, reason, status: response.status }, 'nextcloud configuration error');
    throw new NextcloudConfigurationError(reason);
  }

  private async load(): Promise<Catalogue> {
    const register = await this.findRegister(this.settings.register.trim());
    const [schemas, pipelinqSettings] = await Promise.all([
      this.schemasOf(register.id, register.schemas),
      this.readPipelinqSettings(register.id),
    ]);
    return {
      registerId: register.id,
      registerSlug: register.slug,
      byId: new Map(schemas.map((s) => [s.id, s])),
      bySlug: new Map(schemas.flatMap((s) => (s.slug ? [[s.slug.toLowerCase(), s] as const] : []))),
      pipelinqSettings,
    };
  }

  /**
   * Pipelinq's settings route needs `OCS-APIRequest` (sent on every call) and a signed-in user. It
   * is only a hint: any failure (an older Pipelinq, no access) leaves the slugs, and settings that
   * name another register than the tenant's are ignored.
   */
  private async readPipelinqSettings(registerId: number): Promise<Record<string, string>> {
    try {
      const res = await this.http.request({
        method: 'GET',
        path: PIPELINQ_SETTINGS,
        resource: 'pipelinq-settings',
        retry: false,
      });
      const config = (res.json as { config?: unknown } | undefined)?.config;
      if (res.status !== 200 || typeof config !== 'object' || config === null) return {};
      const values = Object.fromEntries(
        Object.entries(config).filter(
          (entry): entry is [string, string] => typeof entry[1] === 'string' && NUMERIC.test(entry[1]),
        ),
      );
      return values.register === String(registerId) ? values : {};
    } catch {
      return {};
    }
  }

  /**
   * Reads the register index rather than `/registers/{slug}`: the show route answers an unknown
   * register with Nextcloud's generic 500 page (§4.4), which looks like an outage, while the index
   * lets a wrong slug be reported as what it is.
   */
  private async findRegister(ref: string) {
    const res = await this.http.request({
      method: 'GET',
      path: `${OPENREGISTER_API}/registers`,
      query: new URLSearchParams({ _limit: '1000' }),
      resource: 'register',
    });
    if (res.status !== 200) this.fail('registers could not be read', res);
    const wanted = ref.toLowerCase();
    const match = parseRegisterList(res.json).find((r) =>
      NUMERIC.test(ref) ? r.id === Number(ref) : r.slug?.toLowerCase() === wanted || r.uuid === ref,
    );
    if (!match) this.fail(`register '${ref}' not found`, res);
    return match;
  }

  /** The register's schemas; only ids the register itself lists count as its members. */
  private async schemasOf(registerId: number, memberIds: number[]): Promise<SchemaDescription[]> {
    const scoped = await this.http.request({
      method: 'GET',
      path: `${OPENREGISTER_API}/registers/${registerId}/schemas`,
      resource: 'schema',
    });
    const members = new Set(memberIds);
    if (scoped.status === 200) {
      const rows = parseSchemaList(scoped.json);
      return members.size > 0 ? rows.filter((row) => members.has(row.id)) : rows;
    }
    if (scoped.status !== 404) this.fail(`schemas of register ${registerId} could not be read`, scoped);
    // Older servers lack the nested route: read all schemas and keep the ones the register lists.
    // Without that list there is no safe way to tell Pipelinq's `client` from another app's.
    if (members.size === 0) this.fail(`register ${registerId} lists no schemas`, scoped);
    const all = await this.http.request({
      method: 'GET',
      path: `${OPENREGISTER_API}/schemas`,
      query: new URLSearchParams({ _limit: '1000' }),
      resource: 'schema',
    });
    if (all.status !== 200) this.fail('schemas could not be read', all);
    return parseSchemaList(all.json).filter((row) => members.has(row.id));
  }
}
