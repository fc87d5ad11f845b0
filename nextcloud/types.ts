/**
 * The connector's vocabulary: tenant settings, query and page shapes, and the normalised records it
 * hands to the domain. Upstream JSON never leaves the connector un-normalised.
 */

/** A Pipelinq resource the portal reads; any other configured key works too. */
export type ResourceKey = 'client' | 'contact' | 'posTransaction' | 'contract' | 'request' | 'requestCategory' | (string & {});

/**
 * How Pipelinq itself finds each resource's schema when the tenant names none (reference
 * nextcloud-api §13.3, pipelinq-schemas): first the numeric id in Pipelinq's app settings
 * (`<key>_schema`), then the slugs in this order. Pipelinq's settings (SettingsService::CONFIG_KEYS)
 * name no schema for transactions, contracts or request categories: those are found by slug only.
 * The contract schema is `contract` in Pipelinq's register definition and `salesContract` in some
 * portal code, so both are accepted.
 * `optional`: a register without it is "not configured", never a failed check.
 */
export interface PipelinqResource {
  /** Pipelinq's app-settings key for the schema id; null where Pipelinq keeps none. */
  settingsKey: string | null;
  slugs: readonly string[];
  optional: boolean;
}

export const PIPELINQ_RESOURCES: Readonly<Record<string, PipelinqResource>> = {
  client: { settingsKey: 'client_schema', slugs: ['client'], optional: false },
  contact: { settingsKey: 'contact_schema', slugs: ['contact'], optional: false },
  request: { settingsKey: 'request_schema', slugs: ['request'], optional: false },
  posTransaction: { settingsKey: null, slugs: ['posTransaction'], optional: false },
  contract: { settingsKey: null, slugs: ['contract', 'salesContract'], optional: false },
  requestCategory: { settingsKey: null, slugs: ['requestCategory'], optional: true },
};

/** A schema as the register describes it: enough to check a field mapping against it. */
export interface SchemaDescription {
  id: number;
  slug: string | null;
  /** Property name -> its declared JSON type, format and enum (when the schema gives them). */
  properties: Record<string, { type: string | null; format: string | null; enum: string[] | null }>;
  required: string[];
}

export interface NextcloudTenantSettings {
  tenantId: string;
  /** e.g. https://cloud.example.nl or http://127.0.0.1:41234; may carry a path prefix. */
  baseUrl: string;
  /** The service account's login name. */
  loginName: string;
  appPassword: string;
  /** Register slug or numeric id; Pipelinq's is `pipelinq`. */
  register: string;
  /**
   * Resource key -> schema slug or numeric id. Missing keys are found the way Pipelinq finds them
   * (PIPELINQ_RESOURCES).
   */
  schemas: Record<string, string>;
  /** Per HTTP attempt, default 3000 ms. */
  timeoutMs?: number;
}

export type FilterScalar = string | number | boolean;

/** Operators of OpenRegister's list filter syntax (reference §3.2). */
export interface FilterOperators {
  gte?: string | number;
  lte?: string | number;
  gt?: string | number;
  lt?: string | number;
  /** `IS NOT NULL`; use a plain `null` value for `IS NULL`. */
  notNull?: true;
}

/** `null` means IS NULL, an array means IN (an empty array matches nothing). */
export type FilterValue = FilterScalar | Array<string | number> | FilterOperators | null;

export type SortDirection = 'asc' | 'desc';

export interface ObjectQuery {
  filters?: Record<string, FilterValue>;
  search?: string;
  order?: Array<[field: string, direction: SortDirection]>;
  limit: number;
  /** 1-based; ignored when `offset` is given. */
  page?: number;
  offset?: number;
  /**
   * `_extend` values (reference §3.2), e.g. `@self.files` for each row's file metadata in the same
   * call; the rows then carry it in `@self.fileDetails`.
   */
  extend?: readonly string[];
}

export interface ObjectPage<T = NcObject> {
  results: T[];
  total: number;
  page: number;
  /** Always `max(1, ceil(total/limit))`, or 0 when limit is 0, whatever the upstream shape said. */
  pages: number;
  limit: number;
  /**
   * Filters upstream did not apply (`@self.ignoredFilters`, e.g. an unknown property): the answer
   * is then empty whatever the data. Present only when upstream named some.
   */
  ignoredFilters?: string[];
}

/** `@self` with every key the portal relies on present (null when upstream left it out). */
export interface NcObjectMeta {
  id: string;
  name: string | null;
  slug: string | null;
  register: string | null;
  schema: string | null;
  owner: string | null;
  organisation: string | null;
  created: string | null;
  updated: string | null;
  files: number[];
  /** Full file metadata, present only when the call asked for `_extend=@self.files`. */
  fileDetails?: NcFile[];
  [key: string]: unknown;
}

export interface NcObject {
  id: string;
  '@self': NcObjectMeta;
  [property: string]: unknown;
}

export interface NcFile {
  id: number;
  title: string;
  path: string;
  type: string | null;
  extension: string | null;
  size: number | null;
  modified: string | null;
  labels: string[];
}

export interface NcUser {
  id: string;
  displayName: string;
  email: string | null;
  groups: string[];
}
