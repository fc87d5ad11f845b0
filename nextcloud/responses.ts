import { MalformedUpstreamResponseError } from './errors.js';
import type { NcFile, NcObject, NcObjectMeta, NcUser, ObjectPage, SchemaDescription } from './types.js';

/**
 * Tolerant readers for OpenRegister and OCS JSON. Servers in the wild run 0.2.x or 1.0.x, with or
 * without magic mapping (reference §3.5/§3.6), so: the uuid comes from `@self.id` or `id`, missing
 * keys become null, `pages` may be a float or 0, and the page arithmetic is recomputed here so the
 * domain sees one rule whatever the upstream shape.
 */

type Json = Record<string, unknown>;

const isRecord = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

const str = (value: unknown): string | null =>
  typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : null;

/** A non-negative integer from a number or numeric string (`"2"`, `3.0`), else null. */
function count(value: unknown): number | null {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? Math.floor(n) : null;
}

export function pagesFor(total: number, limit: number): number {
  return limit > 0 ? Math.max(1, Math.ceil(total / limit)) : 0;
}

/**
 * Returns null when the row has no usable uuid; lists skip such rows. Takes over `raw` (a value
 * just parsed from a response body): the object returned is `raw`, normalised.
 */
export function parseObject(raw: unknown): NcObject | null {
  if (!isRecord(raw)) return null;
  const self = isRecord(raw['@self']) ? raw['@self'] : {};
  const id = str(self.id) ?? str(raw.id);
  if (!id) return null;
  const files = Array.isArray(self.files)
    ? self.files.map((f) => count(isRecord(f) ? f.id : f)).filter((f): f is number => f !== null)
    : [];
  // With `_extend=@self.files` the entries are file objects (§4.2); keep their metadata too.
  const fileDetails =
    Array.isArray(self.files) && self.files.some(isRecord)
      ? self.files.map(parseFile).filter((f): f is NcFile => f !== null)
      : undefined;
  const meta: NcObjectMeta = {
    ...self,
    id,
    name: str(self.name),
    slug: str(self.slug),
    register: str(self.register),
    schema: str(self.schema),
    owner: str(self.owner),
    organisation: str(self.organisation),
    created: str(self.created),
    updated: str(self.updated),
    files,
  };
  if (fileDetails) meta.fileDetails = fileDetails;
  else delete meta.fileDetails;
  // The row is freshly parsed JSON that nobody else holds, so it becomes the object in place: a
  // copy of every property of every row was a large share of the allocations on a dashboard.
  const object = raw as NcObject;
  object.id = id;
  object['@self'] = meta;
  return object;
}

export function parseObjectPage(
  raw: unknown,
  requested: { limit: number; page?: number; offset?: number },
  onSkippedRow?: () => void,
): ObjectPage {
  if (!isRecord(raw) || !Array.isArray(raw.results)) {
    throw new MalformedUpstreamResponseError('object list without a results array');
  }
  const results: NcObject[] = [];
  for (const row of raw.results) {
    const object = parseObject(row);
    if (object) results.push(object);
    else onSkippedRow?.();
  }
  const limit = count(raw.limit) ?? requested.limit;
  const total = count(raw.total) ?? results.length;
  const fallbackPage =
    requested.offset !== undefined && limit > 0 ? Math.floor(requested.offset / limit) + 1 : (requested.page ?? 1);
  const page = Math.max(1, count(raw.page) ?? fallbackPage);
  return { results, total, page, pages: pagesFor(total, limit), limit };
}

function fileName(path: string): string {
  const last = path.split('/').filter(Boolean).pop();
  return last ?? '';
}

export function parseFile(raw: unknown): NcFile | null {
  if (!isRecord(raw)) return null;
  const id = count(raw.id);
  if (id === null) return null;
  const path = str(raw.path) ?? '';
  return {
    id,
    title: str(raw.title) ?? fileName(path),
    path,
    type: str(raw.type),
    extension: str(raw.extension),
    size: count(raw.size),
    modified: str(raw.modified),
    labels: Array.isArray(raw.labels) ? raw.labels.filter((l): l is string => typeof l === 'string') : [],
  };
}

export function parseFilePage(raw: unknown): { results: NcFile[]; total: number; pages: number } {
  if (!isRecord(raw) || !Array.isArray(raw.results)) {
    throw new MalformedUpstreamResponseError('file list without a results array');
  }
  const results = raw.results.map(parseFile).filter((f): f is NcFile => f !== null);
  const total = count(raw.total) ?? results.length;
  const limit = count(raw.limit) ?? 0;
  // The file list says pages=0 when empty; fall back to computing it when the key is missing.
  const pages = count(raw.pages) ?? (limit > 0 ? Math.ceil(total / limit) : 1);
  return { results, total, pages };
}

/** The `ocs.meta.statuscode`, when the body is an OCS envelope. */
export function ocsStatusCode(raw: unknown): number | null {
  if (!isRecord(raw) || !isRecord(raw.ocs) || !isRecord(raw.ocs.meta)) return null;
  return count(raw.ocs.meta.statuscode);
}

export function ocsData(raw: unknown): unknown {
  return isRecord(raw) && isRecord(raw.ocs) ? raw.ocs.data : undefined;
}

/** `groups` is null when the envelope did not include them (then ask cloud/users/{id}/groups). */
export function parseOcsUser(raw: unknown): Omit<NcUser, 'groups'> & { groups: string[] | null } {
  const data = ocsData(raw);
  if (!isRecord(data) || !str(data.id)) throw new MalformedUpstreamResponseError('OCS user without an id');
  const id = str(data.id) as string;
  return {
    id,
    displayName: str(data.displayname) ?? str(data['display-name']) ?? id,
    email: str(data.email),
    groups: parseGroupList(data.groups),
  };
}

export function parseGroupList(raw: unknown): string[] | null {
  return Array.isArray(raw) ? raw.filter((g): g is string => typeof g === 'string') : null;
}

export function parseOcsGroups(raw: unknown): string[] {
  const data = ocsData(raw);
  return (isRecord(data) ? parseGroupList(data.groups) : null) ?? [];
}

/** Register JSON (§6.1): numeric id, slug, uuid and the ids of its schemas. */
export function parseRegister(raw: unknown): { id: number; slug: string | null; uuid: string | null; schemas: number[] } {
  const id = isRecord(raw) ? count(raw.id) : null;
  if (!isRecord(raw) || id === null) throw new MalformedUpstreamResponseError('register without an id');
  const schemas = Array.isArray(raw.schemas)
    ? raw.schemas.map((s) => count(isRecord(s) ? s.id : s)).filter((s): s is number => s !== null)
    : [];
  return { id, slug: str(raw.slug), uuid: str(raw.uuid), schemas };
}

/** The register index: `{results:[...]}` or a bare array. */
export function parseRegisterList(raw: unknown): Array<ReturnType<typeof parseRegister>> {
  const rows = Array.isArray(raw) ? raw : isRecord(raw) && Array.isArray(raw.results) ? raw.results : null;
  if (!rows) throw new MalformedUpstreamResponseError('register list without results');
  return rows.filter((row) => isRecord(row) && count(row.id) !== null).map(parseRegister);
}

function propertiesOf(raw: unknown): SchemaDescription['properties'] {
  if (!isRecord(raw)) return {};
  const out: SchemaDescription['properties'] = {};
  for (const [name, definition] of Object.entries(raw)) {
    const def = isRecord(definition) ? definition : {};
    const values = Array.isArray(def.enum) ? def.enum.filter((v): v is string => typeof v === 'string') : null;
    out[name] = { type: str(def.type), format: str(def.format), enum: values };
  }
  return out;
}

/** A schema list (`{results:[...]}` or a bare array): ids, slugs and declared properties. */
export function parseSchemaList(raw: unknown): SchemaDescription[] {
  const rows = Array.isArray(raw) ? raw : isRecord(raw) && Array.isArray(raw.results) ? raw.results : null;
  if (!rows) throw new MalformedUpstreamResponseError('schema list without results');
  return rows.filter(isRecord).flatMap((row) => {
    const id = count(row.id);
    if (id === null) return [];
    const required = Array.isArray(row.required) ? row.required.filter((r): r is string => typeof r === 'string') : [];
    return [{ id, slug: str(row.slug), properties: propertiesOf(row.properties), required }];
  });
}

/**
 * The file name from Content-Disposition (`filename*=UTF-8''…` preferred over `filename="…"`),
 * reduced to a safe base name: the gateway repeats it in its own headers to customers.
 */
export function fileNameFromDisposition(header: string | null): string | null {
  if (!header) return null;
  let name: string | null = null;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (extended) {
    try {
      name = decodeURIComponent(extended[1]!.trim());
    } catch {
      name = null;
    }
  }
  if (name === null) {
    const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]+))/.exec(header);
    name = plain ? (plain[1]?.replace(/\\(.)/g, '$1') ?? plain[2]?.trim() ?? null) : null;
  }
  if (name === null) return null;

  const safe = (name.split(/[\\/]/).pop() ?? '')
    .replace(/[\u0000-\u001f\u007f"]/g, '')
    .trim()
    .slice(0, 255);
  return safe === '' || safe === '.' || safe === '..' ? null : safe;
}
