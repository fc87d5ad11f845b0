import type { RecordKind } from '../../portal-data/field-mapping.js';

/**
 * What `tenant check`, the admin's "Verbinding controleren" and readiness say about one tenant's
 * connection to Nextcloud. Reasons come from the connector's configuration errors and this check;
 * neither ever carries an app password or an upstream body.
 */

/** The exact change that fixes a problem: a CLI command, with a field-mapping snippet when one helps. */
export interface CheckFix {
  /** e.g. `portal tenant update --id demo --field-mapping FILE` or `… --schema contract=salesContract`. */
  command: string;
  /** The part of the field-mapping file that changes (merged into the tenant's current overrides). */
  fieldMapping: Record<string, unknown> | null;
}

export type ProblemArea =
  'credentials' | 'unreachable' | 'register' | 'schema' | 'mapping' | 'filters' | 'owner' | 'records' | 'values' | 'documents';

export interface CheckProblem {
  /** An error keeps a feature from showing data (the verdict fails); a warning does not. */
  severity: 'error' | 'warning';
  area: ProblemArea;
  kind: RecordKind | 'documents' | null;
  resource: string | null;
  /** One plain sentence. */
  message: string;
  fix: CheckFix | null;
}

export interface ResourceCheck {
  resource: string;
  /** `not configured`: an optional resource the register does not have, which is fine. */
  status: 'found' | 'not configured' | 'missing' | 'not checked';
  via: 'tenant setting' | 'pipelinq settings' | 'slug' | null;
  schemaId: number | null;
  schemaSlug: string | null;
  /** Why it is missing or not checked. */
  reason: string | null;
}

export interface RecordCheck {
  kind: RecordKind;
  feature: string;
  resource: string;
  enabled: boolean;
  /** Clients sampled for the owner query and how many of this kind they own (client field only). */
  sampledClients: number;
  foundForSampledClients: number | null;
  /** Records with only the kind's fixed filters. */
  total: number | null;
  /** Rows read to check owners and values, and how many of them name an existing client or contact. */
  sampled: number;
  ownedBySomeone: number | null;
  ignoredFilters: string[];
}

export interface ConnectionReport {
  tenantId: string;
  checkedAt: string;
  /** True only when every enabled feature can show data. */
  ok: boolean;
  verdict: string;
  nextcloudUrl: string;
  credentials: { ok: boolean; loginName: string; userId: string | null; displayName: string | null };
  register: { name: string; id: number | null };
  resources: ResourceCheck[];
  records: RecordCheck[];
  documents: { enabled: boolean; ok: boolean | null; detail: string } | null;
  problems: CheckProblem[];
}
