import type { InstanceData, SimFile, SimObject, SimRegister, SimSchema } from './types.js';

/**
 * Path-segment resolution as OpenRegister's mappers do it (§3.1): a numeric id, a uuid or a
 * case-insensitive slug. Schema slugs are looked up globally, not within the register, exactly like
 * the real `SchemaMapper::find`; that is why clients should resolve numeric ids once.
 */

function matches(entity: { id: number; uuid: string; slug: string }, input: string): boolean {
  if (/^\d+$/.test(input)) return entity.id === Number(input);
  return entity.uuid === input || entity.slug.toLowerCase() === input.toLowerCase();
}

export function findRegister(data: InstanceData, input: string): SimRegister | undefined {
  return data.registers.find((r) => matches(r, input));
}

export function findSchema(data: InstanceData, input: string): SimSchema | undefined {
  return data.schemas.find((s) => matches(s, input));
}

export function schemaById(data: InstanceData, id: number): SimSchema | undefined {
  return data.schemas.find((s) => s.id === id);
}

export function registerById(data: InstanceData, id: number): SimRegister | undefined {
  return data.registers.find((r) => r.id === id);
}

/** `{id}` in object routes: uuid, slug or numeric `_id` (§2.1). Deleted rows are still returned. */
export function findObjectAnywhere(data: InstanceData, input: string): SimObject | undefined {
  if (/^\d+$/.test(input)) return data.objects.find((o) => o.id === Number(input));
  return data.objects.find((o) => o.uuid === input) ?? data.objects.find((o) => o.slug !== null && o.slug === input);
}

export function findObjectIn(data: InstanceData, register: SimRegister, schema: SimSchema, input: string): SimObject | undefined {
  const inTable = (o: SimObject) => o.register === register.id && o.schema === schema.id;
  if (/^\d+$/.test(input)) return data.objects.find((o) => inTable(o) && o.id === Number(input));
  return data.objects.find((o) => inTable(o) && o.uuid === input) ?? data.objects.find((o) => inTable(o) && o.slug === input);
}

/** Files grouped by object uuid, ordered by file id; built per request (the store is mutable). */
export function filesByObject(data: InstanceData): Map<string, SimFile[]> {
  const map = new Map<string, SimFile[]>();
  for (const file of data.files) {
    const list = map.get(file.objectUuid);
    if (list) list.push(file);
    else map.set(file.objectUuid, [file]);
  }
  for (const list of map.values()) list.sort((a, b) => a.id - b.id);
  return map;
}
