import type { JsonObject, SimRegister, SimSchema } from './types.js';

/**
 * Register and schema JSON as `Register::jsonSerialize` / `Schema::jsonSerialize` produce it (§6).
 * These are not stripped of nulls, unlike objects.
 */

export function registerJson(register: SimRegister): JsonObject {
  return {
    id: register.id,
    uuid: register.uuid,
    slug: register.slug,
    title: register.title,
    version: register.version,
    description: register.description,
    schemas: [...register.schemas],
    source: null,
    tablePrefix: '',
    folder: register.folder,
    updated: register.updated,
    created: register.created,
    owner: register.owner,
    application: register.application,
    organisation: register.organisation,
    authorization: null,
    groups: [],
    languages: null,
    configuration: null,
    published: register.published,
    depublished: null,
    quota: { storage: null, bandwidth: null, requests: null, users: null, groups: null },
    usage: { storage: 0, bandwidth: 0, requests: 0, users: 0, groups: 0 },
    deleted: null,
    _mail: null,
    _contacts: null,
    _notes: null,
    _todos: null,
    _calendar: null,
  };
}

export function schemaJson(schema: SimSchema, baseUrl: string): JsonObject {
  return {
    id: schema.id,
    uuid: schema.uuid,
    uri: `${baseUrl}/index.php/apps/openregister/api/schemas/${schema.id}`,
    slug: schema.slug,
    title: schema.title,
    description: schema.description,
    version: schema.version,
    summary: null,
    icon: null,
    required: [...schema.required],
    properties: structuredClone(schema.properties) as unknown as JsonObject,
    archive: [],
    source: null,
    // The simulator validates every write (validate.ts), as a schema with hard validation on.
    hardValidation: true,
    immutable: false,
    searchable: true,
    updated: schema.updated,
    created: schema.created,
    maxDepth: 0,
    owner: null,
    application: 'pipelinq',
    organisation: null,
    groups: [],
    authorization: schema.authorization ? (structuredClone(schema.authorization) as JsonObject) : null,
    deleted: null,
    published: schema.publicRead ? schema.created : null,
    depublished: null,
    configuration: null,
    allOf: null,
    oneOf: null,
    anyOf: null,
    facets: null,
    hooks: null,
    _mail: null,
    _contacts: null,
    _notes: null,
    _todos: null,
    _calendar: null,
    _talk: null,
    _deck: null,
  };
}
