import { isAdmin } from './auth.js';
import type { InstanceData, SchemaAuthorization, SimObject, SimSchema, SimUser } from './types.js';

/**
 * What a caller may see (§9.4): schema RBAC first, then the organisation filter of multitenancy.
 * Kept separate from routing so "sees less" fixtures (outsider, anonymous) behave the same on
 * every route.
 */

export type Action = keyof SchemaAuthorization;

/** RBAC: admins bypass; no rules = open; otherwise group membership, and owners keep their own. */
export function rbacAllows(user: SimUser | null, schema: SimSchema, action: Action, object?: SimObject): boolean {
  if (isAdmin(user)) return true;
  const rule = schema.authorization?.[action];
  if (!schema.authorization || rule === undefined) return true;
  if (object && user && object.owner === user.id) return true;
  if (rule.includes('public')) return true;
  return user !== null && user.groups.some((g) => rule.includes(g));
}

/**
 * The organisation filter. `multi === false` mirrors the `_multi=false` query flag that turns it
 * off for logged-in callers (§3.2); clients should not send it.
 */
export function organisationAllows(
  data: InstanceData,
  user: SimUser | null,
  schema: SimSchema,
  object: SimObject,
  multi = true,
): boolean {
  if (!data.options.multitenancy || schema.publicRead) return true;
  if (isAdmin(user)) {
    if (data.options.adminOverride) return true;
    return object.organisation === null || user!.organisations.includes(object.organisation);
  }
  if (user === null) return false;
  if (!multi) return true;
  return object.organisation !== null && user.organisations.includes(object.organisation);
}

export function canRead(data: InstanceData, user: SimUser | null, schema: SimSchema, object: SimObject, multi = true): boolean {
  return (
    object.deleted === null && rbacAllows(user, schema, 'read', object) && organisationAllows(data, user, schema, object, multi)
  );
}
