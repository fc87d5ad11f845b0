import { referenceOf } from '../../portal-data/record-values.js';
import type { RecordMapping } from '../../portal-data/field-mapping.js';
import type { NextcloudConnector } from '../../../nextcloud/connector.js';
import type { NcObject } from '../../../nextcloud/types.js';

export interface OwnerFindings {
  /** Sampled rows whose owner field names a client (or, without one, whose contact field a contact). */
  owned: number;
  /** Rows with both owner fields empty. */
  unowned: number;
  /** Rows naming something that is not a client or contact the service account can see. */
  dangling: number;
  /** When nothing matched: the property whose values are client uuids, if some property has them. */
  candidate: string | null;
}

const UUID_LIKE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_CANDIDATE_IDS = 100;

/**
 * Whether a kind's owner fields point at real clients: a mapping that names a property holding
 * something else (a name, another object's uuid) passes the schema check and still shows every
 * customer an empty list. Costs one batched lookup per resource, plus one to find the property that
 * does hold client uuids when none matched.
 */
export async function checkOwners(
  connector: NextcloudConnector,
  resources: { client: string; contact: string },
  mapping: RecordMapping<string>,
  rows: NcObject[],
): Promise<OwnerFindings> {
  const clientRefs = rows.map((row) => referenceOf(row[mapping.owner.client]));
  const contactRefs = rows.map((row, i) =>
    clientRefs[i] === null && mapping.owner.contact ? referenceOf(row[mapping.owner.contact]) : null,
  );
  const present = (refs: Array<string | null>) => [...new Set(refs.filter((r): r is string => r !== null))];
  const [clients, contacts] = await Promise.all([
    connector.getObjectsByIds(resources.client, present(clientRefs)),
    connector.getObjectsByIds(resources.contact, present(contactRefs)),
  ]);
  let owned = 0;
  let unowned = 0;
  rows.forEach((_, i) => {
    const client = clientRefs[i];
    const contact = contactRefs[i];
    if (client !== null ? clients.has(client) : contact !== null && contacts.has(contact)) owned += 1;
    else if (client === null && contact === null) unowned += 1;
  });
  const findings: OwnerFindings = { owned, unowned, dangling: rows.length - owned - unowned, candidate: null };
  if (owned === 0 && rows.length > 0)
    findings.candidate = await propertyHoldingClients(connector, resources.client, mapping, rows);
  return findings;
}

async function propertyHoldingClients(
  connector: NextcloudConnector,
  clientResource: string,
  mapping: RecordMapping<string>,
  rows: NcObject[],
): Promise<string | null> {
  const byProperty = new Map<string, Set<string>>();
  const ids = new Set<string>();
  for (const row of rows) {
    for (const [property, value] of Object.entries(row)) {
      if (property === 'id' || property.startsWith('@') || property === mapping.owner.client) continue;
      const ref = referenceOf(value);
      if (ref === null || !UUID_LIKE.test(ref)) continue;
      if (ids.size >= MAX_CANDIDATE_IDS && !ids.has(ref)) continue;
      ids.add(ref);
      if (!byProperty.has(property)) byProperty.set(property, new Set());
      byProperty.get(property)!.add(ref);
    }
  }
  if (ids.size === 0) return null;
  const clients = await connector.getObjectsByIds(clientResource, [...ids]);
  let best: { property: string; hits: number } | null = null;
  for (const [property, refs] of byProperty) {
    const hits = [...refs].filter((ref) => clients.has(ref)).length;
    if (hits > 0 && (!best || hits > best.hits)) best = { property, hits };
  }
  return best?.property ?? null;
}
