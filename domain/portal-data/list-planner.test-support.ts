import { DEMO } from '../../nextcloud/simulator/demo-data.js';
import { DEFAULT_FIELD_MAPPING, upstreamFixedFilters, type RecordKind } from './field-mapping.js';
import type { ListDemand } from './list-demand.js';
import { ownerFilterSets, type Viewer } from './viewer.js';

/** The demo customer Jan Jansen as the planner sees him: a client and his own contact. */
export const JAN: Viewer = {
  tenantId: 'demo',
  accountId: 'a',
  accountType: 'B2C',
  clientId: DEMO.demo.janJansen.clientId,
  contactId: DEMO.demo.janJansen.contactId,
  scopes: null,
};

/** What a list of `kind` asks of the planner for Jan with the default mapping: the first five rows, unless overridden. */
export function demandOf(kind: RecordKind, overrides: Partial<ListDemand> = {}): ListDemand {
  const mapping = DEFAULT_FIELD_MAPPING[kind];
  return {
    resource: mapping.resource,
    ownerSets: ownerFilterSets(mapping, JAN),
    fixedFilters: upstreamFixedFilters(mapping.fixedFilters),
    statusField: mapping.statusField,
    statuses: null,
    dateField: mapping.dateField,
    from: null,
    to: null,
    search: null,
    window: { offset: 0, limit: 5 },
    extendFiles: false,
    ...overrides,
  };
}
