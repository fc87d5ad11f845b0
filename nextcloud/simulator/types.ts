/**
 * The simulator's data model. It mirrors what OpenRegister keeps per row (a uuid, a numeric id,
 * metadata columns and a JSON body of schema properties) rather than what the API renders, so the
 * rendering rules of the real server (stripping, `@self`, numeric-id strings) can be reproduced on
 * top of it instead of being baked into the data.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface SchemaProperty {
  type: 'string' | 'number' | 'integer' | 'boolean' | 'array' | 'object';
  format?: string;
  enum?: string[];
  default?: Json;
  title?: string;
  description?: string;
  maxLength?: number;
  minimum?: number;
  items?: SchemaProperty | { type: 'object'; properties: Record<string, SchemaProperty>; required?: string[] };
  facetable?: boolean;
}

/** Per-action group lists; a schema with `authorization: null` is open to every caller (§9.4). */
export interface SchemaAuthorization {
  read?: string[];
  create?: string[];
  update?: string[];
  delete?: string[];
}

export interface SimSchema {
  id: number;
  uuid: string;
  slug: string;
  title: string;
  description: string;
  version: string;
  required: string[];
  properties: Record<string, SchemaProperty>;
  authorization: SchemaAuthorization | null;
  /** Public-read schemas skip the organisation filter, anonymous callers included. */
  publicRead?: boolean;
  created: string;
  updated: string;
}

export interface SimRegister {
  id: number;
  uuid: string;
  slug: string;
  title: string;
  description: string;
  version: string;
  schemas: number[];
  folder: string;
  owner: string | null;
  application: string | null;
  organisation: string | null;
  created: string;
  updated: string;
  published: string | null;
}

export interface SimObject {
  /** The magic table's `_id`: accepted in URLs, never rendered. */
  id: number;
  uuid: string;
  slug: string | null;
  register: number;
  schema: number;
  owner: string | null;
  organisation: string | null;
  application: string | null;
  version: string;
  created: string;
  updated: string;
  deleted: { deleted: string; deletedBy: string | null } | null;
  /** The schema properties as stored (already typed). */
  data: JsonObject;
}

export interface SimFile {
  /** Nextcloud `fileid`: unique per instance. */
  id: number;
  objectUuid: string;
  name: string;
  mimeType: string;
  bytes: Uint8Array;
  /** Nextcloud etag; rendered as `hash`. */
  etag: string;
  created: string;
  modified: string;
  labels: string[];
}

export interface SimUser {
  /** Login name and user id are the same here (no LDAP). */
  id: string;
  displayName: string;
  email: string;
  appPassword: string;
  groups: string[];
  /** OpenRegister organisations (uuids) the user is active in. */
  organisations: string[];
  /** Milliseconds, as `/cloud/user` reports it. */
  lastLogin: number;
}

export interface SimOrganisation {
  uuid: string;
  name: string;
}

export interface InstanceOptions {
  /** OpenRegister multitenancy: non-admins see only their organisations' objects. */
  multitenancy: boolean;
  /** Admins see every object, not just their organisation's plus unowned ones. */
  adminOverride: boolean;
  /** Reproduce §12.3: label big lists `Content-Encoding: gzip` even when the client did not ask. */
  gzipQuirk: boolean;
  /** Reported by `/status.php`. */
  nextcloudVersion: string;
  /** PHP's `post_max_size` in bytes: a bigger request body reaches the app empty. Unset: no limit. */
  postMaxSize?: number;
  /** PHP's `upload_max_filesize` in bytes, per multipart file part. Unset: no limit. */
  uploadMaxFilesize?: number;
}

export interface InstanceSeed {
  name: string;
  users: SimUser[];
  organisations: SimOrganisation[];
  registers: SimRegister[];
  schemas: SimSchema[];
  objects: SimObject[];
  files: SimFile[];
  options?: Partial<InstanceOptions>;
}

export interface InstanceData {
  name: string;
  users: SimUser[];
  organisations: SimOrganisation[];
  registers: SimRegister[];
  schemas: SimSchema[];
  /** Insertion order is the simulator's default list order (the real server has none). */
  objects: SimObject[];
  files: SimFile[];
  options: InstanceOptions;
  nextObjectId: number;
  nextFileId: number;
  /**
   * Pipelinq's app config as an admin set it (`register`, `client_schema`, … → ids as strings). When
   * unset, the settings route derives it from the `pipelinq` register's schema slugs, as Pipelinq's
   * own import does.
   */
  pipelinqSettings?: Record<string, string>;
}
