import type { Logger } from '../core/logger.js';
import { NextcloudConfigurationError } from './errors.js';
import type { NextcloudHttpClient, UpstreamResponse } from './http-client.js';
import { Once } from './once.js';
import { parseRegisterList, parseSchemaList } from './responses.js';

export const OPENREGISTER_API = '/index.php/apps/openregister/api';

export interface ResolvedSchema {
  registerId: number;
  schemaId: number;
}

interface Catalogue {
  registerId: number;
  schemaIds: Set<number>;
  /** Lower-cased slug -> id, only for schemas of this register. */
  bySlug: Map<string, number>;
}

const NUMERIC = /^\d+$/;

/**
 * Turns the tenant's register and schema names into numeric ids, once per connector (reference
 * §6.3). Object URLs then use ids only: OpenRegister looks schema slugs up globally, so another app's
 * `client` schema could otherwise answer for Pipelinq's and quietly return nothing (§3.1).
 */
export class SchemaResolver {
  private readonly catalogue: Once<Catalogue>;

  constructor(
    private readonly http: NextcloudHttpClient,
    private readonly settings: { register: string; schemas: Record<string, string> },
    private readonly logger: Logger,
    options: { now: () => number; failureTtlMs: number },
  ) {
    this.catalogue = new Once(() => this.load(), options);
  }

  async resolve(resource: string, schemaRef: string): Promise<ResolvedSchema> {
    const catalogue = await this.catalogue.get();
    const ref = schemaRef.trim();
    const schemaId = NUMERIC.test(ref) ? Number(ref) : catalogue.bySlug.get(ref.toLowerCase());
    if (schemaId === undefined || !catalogue.schemaIds.has(schemaId)) {
      const reason = `schema '${ref}' for resource '${resource}' is not part of register '${this.settings.register}'`;
      this.logger.warn({ tenant: this.http.tenantId, resource, reason }, 'nextcloud configuration error');
      throw new NextcloudConfigurationError(reason);
    }
    return { registerId: catalogue.registerId, schemaId };
  }

  private fail(reason: string, response?: UpstreamResponse): never {
    this.logger.warn({ tenant: this.http.tenantId, reason, status: response?.status }, 'nextcloud configuration error');
    throw new NextcloudConfigurationError(reason);
  }

  private async load(): Promise<Catalogue> {
    const register = await this.findRegister(this.settings.register.trim());
    const schemas = await this.schemasOf(register.id, register.schemas);
    return {
      registerId: register.id,
      schemaIds: new Set(schemas.map((s) => s.id)),
      bySlug: new Map(schemas.filter((s) => s.slug).map((s) => [String(s.slug).toLowerCase(), s.id])),
    };
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
  private async schemasOf(registerId: number, memberIds: number[]) {
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
