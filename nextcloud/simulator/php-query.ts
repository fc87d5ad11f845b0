/**
 * Query strings as PHP reads them, because OpenRegister's behaviour depends on PHP's parsing:
 * `a[]=1&a[]=2` is a list, `a[gte]=1` a map, a repeated plain key keeps its last value, and `+` is a
 * space. (PHP also turns a dot in a top-level name into `_`; callers accept both spellings instead.)
 */

export type QueryValue = string | QueryValue[] | { [key: string]: QueryValue };
export type QueryMap = { [key: string]: QueryValue };

function splitKey(rawKey: string): string[] {
  const open = rawKey.indexOf('[');
  if (open <= 0 || !rawKey.includes(']', open)) return [rawKey];
  const parts = [rawKey.slice(0, open)];
  const re = /\[([^\]]*)\]/gy;
  re.lastIndex = open;
  let match: RegExpExecArray | null;
  while ((match = re.exec(rawKey)) !== null) parts.push(match[1]!);
  return parts;
}

function assign(container: QueryMap | QueryValue[], path: string[], value: string): void {
  const [head, ...rest] = path as [string, ...string[]];
  const isList = Array.isArray(container);
  if (rest.length === 0) {
    if (isList) container.push(value);
    else container[head] = value;
    return;
  }
  const childIsList = rest[0] === '';
  let child: QueryValue | undefined = isList ? undefined : container[head];
  if (child === undefined || typeof child === 'string' || Array.isArray(child) !== childIsList) {
    child = childIsList ? [] : {};
    if (isList) container.push(child);
    else container[head] = child;
  }
  assign(child as QueryMap | QueryValue[], rest, value);
}

export function parsePhpQuery(raw: string): QueryMap {
  const result: QueryMap = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    if (key === '') continue;
    assign(result, splitKey(key), value);
  }
  return result;
}

/** PHP's `(int)` cast: leading digits count, anything else is 0. */
export function phpInt(value: QueryValue | undefined): number {
  if (typeof value !== 'string') return 0;
  const match = /^\s*[+-]?\d+/.exec(value);
  return match ? Number.parseInt(match[0], 10) : 0;
}

/** A comma string or a PHP list, as `_ids`, `_extend`, `_fields` accept. */
export function listParam(value: QueryValue | undefined): string[] {
  if (value === undefined) return [];
  const items =
    typeof value === 'string'
      ? value.split(',')
      : Object.values(value).flatMap((v) => (typeof v === 'string' ? v.split(',') : []));
  return items.map((s) => s.trim()).filter((s) => s !== '');
}

export function isTruthyParam(value: QueryValue | undefined): boolean {
  return typeof value === 'string' && ['1', 'true', 'yes', 'on'].includes(value.toLowerCase());
}
