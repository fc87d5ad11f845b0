import { DEFAULT_FIELD_MAPPING } from './field-mapping.js';

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const PROPERTY = /^[A-Za-z@][A-Za-z0-9_.@-]{0,127}$/;
/** Parts a tenant may set to null (they are optional in PortalFieldMapping). */
const NULLABLE = new Set(['requestCategory', 'owner.contact', 'portalRequest']);
/** Parts whose keys are free: upstream filters any property. */
const FREE_KEYS = new Set(['fixedFilters']);

const isPlainValue = (value: unknown) =>
  (typeof value === 'string' && value.trim() !== '') || typeof value === 'number' || typeof value === 'boolean';

/** An empty string would match nothing upstream and everything in memory: never a valid condition. */
const isFilterValue = (value: unknown) =>
  isPlainValue(value) ||
  (Array.isArray(value) && value.length > 0 && value.every((v) => isPlainValue(v) && typeof v !== 'boolean'));

/**
 * Checks a tenant's field-mapping overrides against the shape of the defaults before they are
 * stored, listing every problem: unknown keys (a typo would otherwise be ignored silently), lists
 * where property names are expected, names that are not property names. An empty object is valid
 * and means "Pipelinq's defaults".
 */
export function fieldMappingProblems(overrides: unknown): string[] {
  if (!isPlainObject(overrides)) return ['the field mapping must be a JSON object'];
  const problems: string[] = [];
  const walk = (value: unknown, shape: unknown, path: string) => {
    const leaf = path.split('.').slice(-2).join('.');
    if (value === null) {
      if (!NULLABLE.has(path) && !NULLABLE.has(leaf)) problems.push(`${path} cannot be null`);
      return;
    }
    if (Array.isArray(shape)) {
      // A record field may have no source at all (an empty list: the portal shows nothing for it).
      const mayBeEmpty = path.split('.').slice(-2, -1)[0] === 'fields';
      const names = Array.isArray(value) && value.every((v) => typeof v === 'string' && PROPERTY.test(v));
      if (!names || (value.length === 0 && !mayBeEmpty)) {
        problems.push(`${path} must be a ${mayBeEmpty ? '' : 'non-empty '}list of property names`);
      }
      return;
    }
    if (typeof shape === 'string') {
      if (typeof value !== 'string' || !PROPERTY.test(value)) problems.push(`${path} must be a property name`);
      return;
    }
    if (!isPlainObject(value)) {
      problems.push(`${path} must be an object`);
      return;
    }
    const free = FREE_KEYS.has(path.split('.').pop()!);
    for (const [key, child] of Object.entries(value)) {
      const childPath = `${path}.${key}`;
      if (free) {
        if (!PROPERTY.test(key) || !isFilterValue(child)) {
          problems.push(
            `${childPath} must be a property name with a non-empty value, a list of values, "IS NOT NULL" or "IS NULL"`,
          );
        }
        continue;
      }
      const childShape = isPlainObject(shape) ? shape[key] : undefined;
      if (childShape === undefined) problems.push(`${childPath} is not a field-mapping setting`);
      else walk(child, childShape ?? {}, childPath);
    }
  };
  for (const [key, value] of Object.entries(overrides)) {
    const shape = (DEFAULT_FIELD_MAPPING as unknown as Record<string, unknown>)[key];
    if (shape === undefined) problems.push(`${key} is not a field-mapping setting`);
    else walk(value, shape, key);
  }
  return problems;
}
