import type { Credentials, NextcloudHttpClient } from './http-client.js';
import { ocsStatusCode, parseOcsGroups, parseOcsUser } from './responses.js';
import type { NcUser } from './types.js';

/**
 * Who a set of credentials belongs to, through OCS `cloud/user` (reference §10.1). This route is not
 * public, so unlike the object routes it cannot fall back to an anonymous answer: a wrong or ignored
 * credential shows up here as 401 / OCS 997 instead of as an empty list.
 */

export type OcsUserLookup =
  | { kind: 'user'; user: NcUser }
  | { kind: 'rejected' }
  /** Answered, but not as Nextcloud's OCS (wrong base URL, a proxy's page, CSRF refusal, …). */
  | { kind: 'unusable'; reason: string };

const OCS_JSON = { format: 'json' } as const;
const NOT_LOGGED_IN = 997;

export async function lookUpOcsUser(http: NextcloudHttpClient, credentials?: Credentials): Promise<OcsUserLookup> {
  const res = await http.request({
    method: 'GET',
    path: '/ocs/v2.php/cloud/user',
    query: new URLSearchParams(OCS_JSON),
    resource: 'ocs-user',
    credentials,
  });
  const statusCode = ocsStatusCode(res.json);
  if (res.status === 401 || statusCode === NOT_LOGGED_IN) return { kind: 'rejected' };
  if (res.status !== 200) return { kind: 'unusable', reason: `OCS cloud/user answered HTTP ${res.status}` };
  // v2 reports 200 on success, v1 (behind some proxies' rewrites) 100.
  if (statusCode !== 200 && statusCode !== 100) {
    return { kind: 'unusable', reason: 'OCS cloud/user did not answer with an OCS envelope; check the base URL' };
  }
  const parsed = parseOcsUser(res.json);
  if (parsed.groups !== null) return { kind: 'user', user: { ...parsed, groups: parsed.groups } };

  // Not every server includes groups for the caller; the groups route is allowed for yourself.
  const groupsRes = await http.request({
    method: 'GET',
    path: `/ocs/v2.php/cloud/users/${encodeURIComponent(parsed.id)}/groups`,
    query: new URLSearchParams(OCS_JSON),
    resource: 'ocs-user',
    credentials,
  });
  if (groupsRes.status !== 200) {
    return { kind: 'unusable', reason: `OCS groups lookup answered HTTP ${groupsRes.status}` };
  }
  return { kind: 'user', user: { ...parsed, groups: parseOcsGroups(groupsRes.json) } };
}
