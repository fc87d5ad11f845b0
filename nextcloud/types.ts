/**
 * The connector's vocabulary: tenant settings, query and page shapes, and the normalised records it
 * hands to the domain. Upstream JSON never leaves the connector un-normalised.
 */

/** A Pipelinq resource the portal reads; any other configured key works too. */
export type ResourceKey =
  'client' | 'contact' | 'posTransaction' | 'salesContract' | 'request' | 'requestCategory' | (string & {});

/** The resources a tenant gets when its settings name no schema for them (Pipelinq's slugs). */
export const DEFAULT_RESOURCES: readonly string[] = [
  'client',
  'contact',
  'posTransaction',
  'salesContract',
  'request',
  'requestCategory',
];

export interface NextcloudTenantSettings {
  tenantId: string;
  /** e.g. https://cloud.example.nl or http://127.0.0.1:41234; may carry a path prefix. */
  baseUrl: string;
  /** The service account's login name. */
  loginName: string;
  appPassword: string;
  /** Register slug or numeric id; Pipelinq's is `pipelinq`. */
  register: string;
  /** Resource key -> schema slug or numeric id. Missing keys default to the resource key itself. */
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
