import { readFileSync } from 'node:fs';
import { uuidFor } from './ids.js';
import type { SchemaProperty, SimSchema } from './types.js';

/**
 * The simulated Pipelinq schemas, built from `nextcloud/reference/pipelinq-schemas.json` (itself a
 * transcription of the project's reference): one source of truth, so the simulator can never serve
 * a property a real Pipelinq tenant lacks. The annotations of that file (`portal`, `note`,
 * `assumedItemKeys`) are dropped here: OpenRegister would not serve them.
 */

/** The reference's names for the schemas. */
export const SCHEMA_KINDS = ['client', 'contact', 'request', 'posTransaction', 'contract', 'requestCategory'] as const;
export type SchemaKind = (typeof SCHEMA_KINDS)[number];

/** Pipelinq's register names the contract schema `contract`; some portal code pins `salesContract`. */
export type ContractSlug = 'contract' | 'salesContract';

export interface ReferenceProperty extends SchemaProperty {
  portal?: boolean;
  note?: string;
  assumedItemKeys?: string[];
}
export interface ReferenceSchema {
  title: string;
  description: string;
  required: string[];
  properties: Record<string, ReferenceProperty>;
}
export interface PipelinqReference {
  source: string;
  schemas: Record<SchemaKind, ReferenceSchema>;
}

export const REFERENCE_FILE = new URL('../reference/pipelinq-schemas.json', import.meta.url);

function loadReference(): PipelinqReference {
  const parsed = JSON.parse(readFileSync(REFERENCE_FILE, 'utf8')) as PipelinqReference;
  const missing = SCHEMA_KINDS.filter((kind) => !parsed.schemas?.[kind]?.properties);
  // A broken reference file must stop the simulator loudly rather than serve half a register.
  if (missing.length > 0) throw new Error(`pipelinq-schemas.json lacks the schemas: ${missing.join(', ')}`);
  return parsed;
}

export const PIPELINQ_REFERENCE: PipelinqReference = loadReference();

const ANNOTATIONS = new Set(['portal', 'note', 'assumedItemKeys']);

/** A served property: JSON Schema keys only, nested item shapes included. */
function servedProperty(prop: ReferenceProperty): SchemaProperty {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(prop)) {
    if (ANNOTATIONS.has(key)) continue;
    if (key === 'properties' && value && typeof value === 'object')
      out[key] = Object.fromEntries(
        Object.entries(value as Record<string, ReferenceProperty>).map(([k, v]) => [k, servedProperty(v)]),
      );
    else if (key === 'items' && value && typeof value === 'object') out[key] = servedProperty(value as ReferenceProperty);
    else out[key] = structuredClone(value);
  }
  return out as unknown as SchemaProperty;
}

/** Which schemas a simulated register holds, and under which ids and contract slug. */
export interface SchemaLayout {
  ids: Record<Exclude<SchemaKind, 'requestCategory'>, number> & { requestCategory?: number };
  contractSlug: ContractSlug;
}

export function slugOf(kind: SchemaKind, layout: SchemaLayout): string {
  return kind === 'contract' ? layout.contractSlug : kind;
}

/** The schemas of a layout, in reference order; `requestCategory` only when the layout gives it an id. */
export function pipelinqSchemas(instance: string, layout: SchemaLayout, createdAt: string): SimSchema[] {
  return SCHEMA_KINDS.flatMap((kind) => {
    const id = layout.ids[kind];
    if (id === undefined) return [];
    const ref = PIPELINQ_REFERENCE.schemas[kind];
    const slug = slugOf(kind, layout);
    return [
      {
        id,
        uuid: uuidFor(`${instance}:schema:${slug}`),
        slug,
        title: ref.title,
        description: ref.description,
        version: '1.0.0',
        required: [...ref.required],
        properties: Object.fromEntries(Object.entries(ref.properties).map(([name, p]) => [name, servedProperty(p)])),
        authorization: null,
        created: createdAt,
        updated: createdAt,
      },
    ];
  });
}
