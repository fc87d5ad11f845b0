import type { InstanceData, Json, JsonObject, SimFile, SimObject, SimRegister, SimSchema } from './types.js';

/**
 * Objects and file metadata rendered as OpenRegister 1.0 serialises them (§4.2, §8.1): schema
 * properties at the top level, then `@self`, then `id`; register and schema as numeric-id strings;
 * empty values stripped unless `_empty=true`.
 */

export interface RenderOptions {
  baseUrl: string;
  keepEmpty: boolean;
  fields: string[];
  unset: string[];
  /** `_extend=@self.files`: full file metadata instead of integer ids. */
  extendFiles: boolean;
  authenticated: boolean;
  /** The files of each object (by uuid), ordered by id. */
  fileIndex: Map<string, SimFile[]>;
}

const NAME_FIELDS = ['naam', 'name', 'title', 'label', 'titel'];

/** Removes null, "" and empty lists/maps recursively; keeps 0, false and "0" (§4.2). */
export function stripEmpty(value: Json): Json | undefined {
  if (Array.isArray(value)) {
    const items: Json[] = [];
    for (const item of value) {
      const stripped = stripEmpty(item);
      if (stripped !== undefined) items.push(stripped);
    }
    return items.length === 0 ? undefined : items;
  }
  if (value !== null && typeof value === 'object') {
    const out: JsonObject = {};
    let kept = false;
    // for…in over parsed or built JSON: plain objects, no inherited keys.
    for (const key in value) {
      const stripped = stripEmpty(value[key]!);
      if (stripped !== undefined) {
        out[key] = stripped;
        kept = true;
      }
    }
    return kept ? out : undefined;
  }
  return value === null || value === undefined || value === '' ? undefined : value;
}

export function objectName(object: SimObject): string {
  for (const field of NAME_FIELDS) {
    const value = object.data[field];
    if (typeof value === 'string' && value !== '') return value;
  }
  return object.uuid;
}

export function objectUri(baseUrl: string, object: SimObject): string {
  return `${baseUrl}/index.php/apps/openregister/api/objects/${object.register}/${object.schema}/${object.uuid}`;
}

/** Relations: the uuid-valued properties, by property name. */
function relationsOf(schema: SimSchema, object: SimObject): JsonObject {
  const relations: JsonObject = {};
  for (const key in schema.properties) {
    const value = object.data[key];
    if (schema.properties[key]!.format === 'uuid' && typeof value === 'string' && value !== '') relations[key] = value;
  }
  return relations;
}

export function filePath(register: SimRegister | undefined, file: SimFile): string {
  return `/OpenRegister/files/Open Registers/${register?.title ?? 'Unknown'} Register/${file.objectUuid}/${file.name}`;
}

export function renderFile(
  data: InstanceData,
  file: SimFile,
  authenticated: boolean,
  idAsString = false,
  object = data.objects.find((o) => o.uuid === file.objectUuid),
): JsonObject {
  const register = object ? data.registers.find((r) => r.id === object.register) : undefined;
  const dot = file.name.lastIndexOf('.');
  const out: JsonObject = {
    id: idAsString ? String(file.id) : file.id,
    path: filePath(register, file),
    title: file.name,
    accessUrl: null,
    downloadUrl: null,
    type: file.mimeType,
    extension: dot >= 0 ? file.name.slice(dot + 1).toLowerCase() : '',
    size: file.bytes.length,
    hash: file.etag,
    published: file.created,
    modified: file.modified,
    labels: file.labels.filter((label) => !label.includes(':')),
  };
  // Lock state is only disclosed to logged-in callers (§8.1).
  if (authenticated) out.locked = false;
  // A `key:value` tag (such as the automatic `object:<uuid>`) becomes a top-level key (§8.1).
  for (const label of file.labels) {
    const colon = label.indexOf(':');
    if (colon > 0) out[label.slice(0, colon)] = label.slice(colon + 1);
  }
  return out;
}

export function renderObject(data: InstanceData, schema: SimSchema, object: SimObject, options: RenderOptions): JsonObject {
  const objectFiles = options.fileIndex.get(object.uuid) ?? [];
  const files: Json = options.extendFiles
    ? objectFiles.map((f) => renderFile(data, f, options.authenticated, true, object))
    : objectFiles.map((f) => f.id);
  const self: JsonObject = {
    id: object.uuid,
    slug: object.slug,
    name: objectName(object),
    description: null,
    summary: null,
    image: null,
    uri: objectUri(options.baseUrl, object),
    version: object.version,
    register: String(object.register),
    schema: String(object.schema),
    schemaVersion: schema.version,
    files,
    relations: relationsOf(schema, object),
    locked: null,
    owner: object.owner,
    organisation: object.organisation,
    groups: null,
    authorization: null,
    folder: null,
    application: object.application,
    validation: null,
    geo: null,
    retention: null,
    tmlo: null,
    size: null,
    updated: object.updated,
    created: object.created,
    deleted: object.deleted,
    source: null,
    mail: null,
    contacts: null,
    notes: null,
    todos: null,
    calendar: null,
    talk: null,
    deck: null,
  };
  const props: JsonObject = {};
  if (options.keepEmpty) for (const key of Object.keys(schema.properties)) props[key] = null;
  // A shallow copy is enough: only top-level keys are removed below, and the rendering is
  // serialised before the store can change.
  Object.assign(props, object.data);
  for (const key of Object.keys(props)) {
    if (options.fields.length > 0 && !options.fields.includes(key)) delete props[key];
    if (options.unset.includes(key)) delete props[key];
  }
  const rendered: JsonObject = { ...props, '@self': self, id: object.uuid };
  return options.keepEmpty ? rendered : ((stripEmpty(rendered) as JsonObject | undefined) ?? {});
}
