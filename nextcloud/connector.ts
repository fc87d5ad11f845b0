import { NotFoundError, UpstreamUnavailableError } from '../core/errors.js';
import { createLogger, type Logger } from '../core/logger.js';
import type { Metrics } from '../core/metrics.js';
import { CircuitBreaker } from './circuit-breaker.js';
import { NextcloudConfigurationError } from './errors.js';
import { NextcloudHttpClient, type UpstreamResponse } from './http-client.js';
import { downloadObjectFile, listAllFiles, uploadObjectFile, type DownloadedFile, type FileUpload } from './object-files.js';
import { lookUpOcsUser } from './ocs-users.js';
import { buildListParams, matchesNothing } from './query.js';
import { pagesFor, parseObject, parseObjectPage } from './responses.js';
import type { ResolvedSchema } from './schema-resolver.js';
import { TenantAccess } from './tenant-access.js';
import type { NcFile, NcObject, NcUser, NextcloudTenantSettings, ObjectPage, ObjectQuery, ResourceKey } from './types.js';
import { UpstreamFailures } from './upstream-failures.js';

export interface ConnectorTuning {
  /** Retries after the first attempt, GETs only. */
  maxRetries: number;
  /** Whole call including retries; default twice the per-attempt timeout. */
  budgetMs: number;
  retryAfterCapMs: number;
  /** How long rejected credentials or a wrong register are remembered before asking again. */
  configFailureTtlMs: number;
  /** Ids per `_ids` call; keeps URLs well under common 8 KB limits (reference §5.1). */
  idsChunkSize: number;
}

export interface ConnectorDeps {
  metrics: Metrics;
  logger?: Logger;
  /** Shared per tenant by the gateway; a private one is made otherwise. */
  breaker?: CircuitBreaker;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  tuning?: Partial<ConnectorTuning>;
}

const DEFAULT_TIMEOUT_MS = 3000;
const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Keys a write must not carry: server metadata the portal has no business setting. */
const isWritableKey = (key: string) => key !== 'id' && !key.startsWith('_') && !key.startsWith('@');
/**
 * Uuids, slugs and numeric ids. Anything else cannot name an object, and could change the URL:
 * `..` is resolved away by the URL parser, a comma splits an `_ids` list.
 */
const isPlainId = (id: string) => /^[A-Za-z0-9][A-Za-z0-9._~:-]{0,254}$/.test(id);

function normaliseBaseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new NextcloudConfigurationError('the Nextcloud base URL is not a URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new NextcloudConfigurationError('the Nextcloud base URL must be http(s)');
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new NextcloudConfigurationError('the Nextcloud base URL must not carry credentials, a query or a fragment');
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/**
 * The only code in the product that talks to a tenant's Nextcloud. One instance per tenant, kept
 * for the tenant's life: it verifies the service account once, resolves register and schema ids
 * once, and then speaks to OpenRegister by numeric ids only.
 */
export class NextcloudConnector {
  readonly tenantId: string;
  readonly breaker: CircuitBreaker;
  private readonly http: NextcloudHttpClient;
  private readonly logger: Logger;
  private readonly failures: UpstreamFailures;
  private readonly access: TenantAccess;
  private readonly idsChunkSize: number;
  private readonly uploadBaseTimeoutMs: number;

  constructor(settings: NextcloudTenantSettings, deps: ConnectorDeps) {
    const now = deps.now ?? Date.now;
    const timeoutMs = settings.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const tuning: ConnectorTuning = {
      maxRetries: 2,
      budgetMs: timeoutMs * 2,
      retryAfterCapMs: 2000,
      configFailureTtlMs: 30_000,
      idsChunkSize: 100,
      ...deps.tuning,
    };
    this.tenantId = settings.tenantId;
    this.logger = (deps.logger ?? createLogger({ level: 'silent' })).child({ component: 'nextcloud' });
    this.breaker = deps.breaker ?? new CircuitBreaker({ now });
    this.idsChunkSize = Math.max(1, tuning.idsChunkSize);
    this.uploadBaseTimeoutMs = timeoutMs;
    this.http = new NextcloudHttpClient({
      tenantId: settings.tenantId,
      baseUrl: normaliseBaseUrl(settings.baseUrl),
      credentials: { loginName: settings.loginName, appPassword: settings.appPassword },
      timeoutMs,
      budgetMs: tuning.budgetMs,
      maxRetries: tuning.maxRetries,
      retryAfterCapMs: tuning.retryAfterCapMs,
      metrics: deps.metrics,
      logger: this.logger,
      breaker: this.breaker,
      sleep: deps.sleep ?? realSleep,
      random: deps.random ?? Math.random,
    });
    this.failures = new UpstreamFailures(this.tenantId, this.logger, (error) => this.access.credentialsRejected(error));
    const cache = { now, failureTtlMs: tuning.configFailureTtlMs };
    this.access = new TenantAccess(this.http, settings, this.failures, this.logger, cache);
  }

  /** The service account as Nextcloud sees it; checked once, then remembered. */
  verifyServiceAccount(): Promise<NcUser> {
    return this.access.verifyServiceAccount();
  }

  /** Where a resource's schema was found and what it declares; for checking a field mapping. */
  describeResource(resource: ResourceKey): Promise<ResolvedSchema> {
    return this.access.describe(resource);
  }

  /** Staff sign-in: the user behind a login name and app password, or null when Nextcloud refuses. */
  async authenticateUser(loginName: string, appPassword: string): Promise<NcUser | null> {
    // Basic auth cannot carry a colon in the user part; such a login can never be valid.
    if (!loginName || !appPassword || loginName.includes(':')) return null;
    const lookup = await this.failures.parsedAsync('ocs-user', () => lookUpOcsUser(this.http, { loginName, appPassword }));
    if (lookup.kind === 'rejected') return null;
    if (lookup.kind === 'unusable') {
      this.logger.warn({ tenant: this.tenantId, reason: lookup.reason }, 'nextcloud staff sign-in lookup failed');
      throw new UpstreamUnavailableError();
    }
    return lookup.user;
  }

  async listObjects(resource: ResourceKey, query: ObjectQuery): Promise<ObjectPage> {
    if (matchesNothing(query)) {
      return { results: [], total: 0, page: query.page ?? 1, pages: pagesFor(0, query.limit), limit: query.limit };
    }
    const params = buildListParams(query);
    const { path, schemaId } = await this.access.objectsPath(resource);
    const res = await this.http.request({ method: 'GET', path, query: params, resource });
    if (res.status !== 200) this.failures.call(res, resource, 'object list');
    const ignoredFilters = this.failures.warnAboutIgnoredFilters(res, resource);
    const page = this.failures.parsed(resource, () =>
      parseObjectPage(res.json, query, () => this.failures.warnSkippedRow(resource)),
    );
    const results = page.results.filter((o) => this.isInSchema(o, schemaId, resource));
    return ignoredFilters.length ? { ...page, results, ignoredFilters } : { ...page, results };
  }

  async getObject(resource: ResourceKey, id: string): Promise<NcObject | null> {
    if (!isPlainId(id)) return null;
    const { path, schemaId } = await this.access.objectsPath(resource);
    const res = await this.http.request({ method: 'GET', path: `${path}/${encodeURIComponent(id)}`, resource });
    if (res.status === 404) return null;
    if (res.status !== 200) this.failures.call(res, resource, 'object');
    const object = parseObject(res.json);
    if (!object) this.failures.unexpected(res, resource, 'object without an id');
    return this.isInSchema(object, schemaId, resource) ? object : null;
  }

  /**
   * Many objects of one resource in one call (`_ids`), keyed by the id asked for. Missing ids are
   * simply absent. Large sets are split so URLs stay short; chunks run in parallel.
   */
  async getObjectsByIds(
    resource: ResourceKey,
    ids: readonly string[],
    /**
     * Extra conditions sent with the batch (e.g. the owner, so upstream never even returns another
     * customer's record) and `_extend` values such as `@self.files`.
     */
    options: Pick<ObjectQuery, 'filters' | 'extend'> = {},
  ): Promise<Map<string, NcObject>> {
    const wanted = [...new Set(ids.filter(isPlainId))];
    const found = new Map<string, NcObject>();
    if (wanted.length === 0 || matchesNothing(options)) return found;
    const { path, schemaId } = await this.access.objectsPath(resource);
    const chunks: string[][] = [];
    for (let i = 0; i < wanted.length; i += this.idsChunkSize) chunks.push(wanted.slice(i, i + this.idsChunkSize));
    const wantedSet = new Set(wanted);
    await Promise.all(
      chunks.map(async (chunk) => {
        const query: ObjectQuery = { ...options, limit: chunk.length, order: [['_uuid', 'asc']] };
        const res = await this.http.request({
          method: 'GET',
          path,
          query: buildListParams(query, { ids: chunk }),
          resource,
        });
        if (res.status !== 200) this.failures.call(res, resource, 'object batch');
        const page = this.failures.parsed(resource, () =>
          parseObjectPage(res.json, query, () => this.failures.warnSkippedRow(resource)),
        );
        for (const object of page.results) {
          if (!this.isInSchema(object, schemaId, resource)) continue;
          // `_ids` also matches slugs; key each row by whichever of its ids was asked for.
          const key = wantedSet.has(object.id) ? object.id : object['@self'].slug;
          if (key !== null && wantedSet.has(key)) found.set(key, object);
        }
      }),
    );
    return found;
  }

  async createObject(resource: ResourceKey, body: Record<string, unknown>): Promise<NcObject> {
    const { path } = await this.access.objectsPath(resource);
    const res = await this.http.request({ method: 'POST', path, body: writable(body), resource });
    return this.written(res, resource, 'create');
  }

  async updateObject(resource: ResourceKey, id: string, patch: Record<string, unknown>): Promise<NcObject> {
    if (!isPlainId(id)) throw new NotFoundError('The record');
    const { path } = await this.access.objectsPath(resource);
    const res = await this.http.request({
      method: 'PATCH',
      path: `${path}/${encodeURIComponent(id)}`,
      body: writable(patch),
      resource,
    });
    if (res.status === 404) throw new NotFoundError('The record');
    return this.written(res, resource, 'update');
  }

  async listFiles(resource: ResourceKey, objectId: string): Promise<NcFile[]> {
    if (!isPlainId(objectId)) throw new NotFoundError('The record');
    const { path } = await this.access.objectsPath(resource);
    const objectPath = `${path}/${encodeURIComponent(objectId)}`;
    return this.failures.parsedAsync(resource, () =>
      listAllFiles(this.http, objectPath, resource, (res, what) => this.failures.call(res, resource, what)),
    );
  }

  async downloadFile(resource: ResourceKey, objectId: string, fileId: number | string): Promise<DownloadedFile> {
    const numericId = typeof fileId === 'number' ? fileId : /^\d+$/.test(fileId) ? Number(fileId) : NaN;
    if (!isPlainId(objectId) || !Number.isSafeInteger(numericId) || numericId <= 0) {
      throw new NotFoundError('The document');
    }
    const { path } = await this.access.objectsPath(resource);
    const objectPath = `${path}/${encodeURIComponent(objectId)}`;
    return downloadObjectFile(this.http, objectPath, numericId, resource, (res, what) => this.failures.call(res, resource, what));
  }

  /**
   * Attaches one file to an object; answers its metadata as Nextcloud stored it. Refusals of the
   * file itself are FileRefusedError (upstream's text is logged, never shown); outages are
   * UPSTREAM_UNAVAILABLE. Not retried: a POST that timed out may still have stored the file.
   */
  async uploadFile(resource: ResourceKey, objectId: string, file: FileUpload): Promise<NcFile> {
    if (!isPlainId(objectId)) throw new NotFoundError('The record');
    const { path } = await this.access.objectsPath(resource);
    const objectPath = `${path}/${encodeURIComponent(objectId)}`;
    const options = { timeoutMs: this.uploadBaseTimeoutMs, logger: this.logger, tenantId: this.tenantId };
    const failed = (res: UpstreamResponse, what: string) => this.failures.call(res, resource, what);
    return uploadObjectFile(this.http, objectPath, file, resource, options, failed);
  }

  /**
   * Readiness: is Nextcloud up and out of maintenance? Anonymous (status.php needs no login) and
   * not retried, so a probe answers quickly; it goes through the breaker, so while the circuit is
   * open the gateway reports not-ready, and after the cool-down a probe can close it again.
   */
  async ping(): Promise<void> {
    const res = await this.http.request({
      method: 'GET',
      path: '/status.php',
      resource: 'status',
      credentials: null,
      retry: false,
    });
    const status = res.json as { installed?: unknown; maintenance?: unknown } | undefined;
    if (res.status !== 200 || status?.installed !== true || status.maintenance === true) {
      this.logger.warn({ tenant: this.tenantId, status: res.status }, 'nextcloud not ready');
      throw new UpstreamUnavailableError();
    }
  }

  // ---- internals -------------------------------------------------------------------------------

  /** Re-checks a row's schema, so a mis-resolved or misbehaving upstream cannot leak other data. */
  private isInSchema(object: NcObject, schemaId: number, resource: string): boolean {
    const schema = object['@self'].schema;
    if (schema === null || Number(schema) === schemaId) return true;
    this.logger.warn({ tenant: this.tenantId, resource, schema }, 'nextcloud returned an object of another schema');
    return false;
  }

  private written(res: UpstreamResponse, resource: string, what: string): NcObject {
    if (res.status !== 200 && res.status !== 201) this.failures.write(res, resource, what);
    const object = parseObject(res.json);
    if (!object) this.failures.unexpected(res, resource, `${what} answer without an id`);
    return object;
  }
}

function writable(body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([key]) => isWritableKey(key)));
}

export { CircuitBreaker, type CircuitBreakerOptions, type CircuitState } from './circuit-breaker.js';
export { MalformedUpstreamResponseError, NextcloudConfigurationError, SchemaNotConfiguredError } from './errors.js';
export type { ResolvedSchema } from './schema-resolver.js';
export { FileRefusedError, type DownloadedFile, type FileUpload } from './object-files.js';
export type * from './types.js';
