import { isPortalError } from '../../../core/errors.js';
import type { NextcloudConnector, ResolvedSchema } from '../../../nextcloud/connector.js';
import { NextcloudConfigurationError, SchemaNotConfiguredError } from '../../../nextcloud/errors.js';
import { PIPELINQ_RESOURCES, type NcObject } from '../../../nextcloud/types.js';
import {
  fieldMappingFor,
  RECORD_KINDS,
  upstreamFixedFilters,
  type RecordKind,
  type RecordMapping,
} from '../../portal-data/field-mapping.js';
import { KIND_ACCESS } from '../../portal-data/viewer.js';
import type { Tenant } from '../tenant-directory.js';
import { fixForMissingRead, mappingReads, missingReads } from './mapping-reads.js';
import { checkOwners } from './owner-check.js';
import type { CheckProblem, ConnectionReport, RecordCheck, ResourceCheck } from './report.js';
import { valueProblems } from './sample-values.js';

export interface ConnectionCheckOptions {
  /** Clients whose records are counted through the owner query; default 5. */
  sampleClients?: number;
  /** Records per kind read to check owners and values; default 25. */
  sampleRecords?: number;
  now?: () => Date;
}

const UNREACHABLE = 'Nextcloud could not be reached or answered with an error (refused, timed out or 5xx)';

/** The problem a failed upstream call stands for; anything that is not the product's error is a bug. */
function failure(error: unknown): { area: 'unreachable' | 'schema'; reason: string } {
  if (error instanceof NextcloudConfigurationError) return { area: 'schema', reason: error.reason };
  if (isPortalError(error)) return { area: 'unreachable', reason: UNREACHABLE };
  throw error;
}

/**
 * The deep check an operator runs on day one (`portal tenant check`, the admin's "Verbinding
 * controleren"): credentials, register, every schema, and for each enabled record kind whether the
 * field mapping finds records, reads only properties the live schema has, points its owner fields
 * at real clients and meets values it can show. Every problem comes with the change that fixes it.
 * Only reads; a few dozen upstream calls at most.
 */
export async function checkTenantConnection(
  tenant: Tenant,
  connector: NextcloudConnector,
  options: ConnectionCheckOptions = {},
): Promise<ConnectionReport> {
  const command = `portal tenant update --id ${tenant.id}`;
  const mappingCommand = `${command} --field-mapping FILE`;
  const mapping = fieldMappingFor(tenant);
  const enabled = new Set<string>(tenant.portal.enabledFeatures);
  const problems: CheckProblem[] = [];
  // The verdict is only known at the end; `finish` adds it.
  const report: Omit<ConnectionReport, 'ok' | 'verdict'> = {
    tenantId: tenant.id,
    checkedAt: (options.now?.() ?? new Date()).toISOString(),
    nextcloudUrl: tenant.nextcloud.baseUrl,
    credentials: { ok: false, loginName: tenant.nextcloud.loginName, userId: null, displayName: null },
    register: { name: tenant.nextcloud.register, id: null },
    resources: [],
    records: [],
    documents: null,
    problems,
  };
  const finish = (): ConnectionReport => {
    const errors = problems.filter((p) => p.severity === 'error').length;
    const ok = errors === 0;
    const verdict = ok
      ? `OK: every enabled feature can show data${problems.length ? ` (${problems.length} warning${problems.length > 1 ? 's' : ''})` : ''}.`
      : `NOT OK: ${errors} problem${errors > 1 ? 's' : ''} keep${errors > 1 ? '' : 's'} enabled features from showing data.`;
    const { tenantId, checkedAt, ...rest } = report;
    return { tenantId, checkedAt, ok, verdict, ...rest };
  };

  // 1. Credentials: everything else is meaningless without them.
  try {
    const user = await connector.verifyServiceAccount();
    report.credentials = { ok: true, loginName: tenant.nextcloud.loginName, userId: user.id, displayName: user.displayName };
  } catch (error) {
    const { area, reason } = failure(error);
    problems.push({
      severity: 'error',
      area: area === 'schema' ? 'credentials' : 'unreachable',
      kind: null,
      resource: null,
      message: area === 'schema' ? `${reason}.` : `${UNREACHABLE} at ${tenant.nextcloud.baseUrl}.`,
      fix: {
        command:
          area === 'schema'
            ? `${command} --login LOGIN --app-password -   (a Nextcloud app password of the service account)`
            : `${command} --nextcloud-url URL   (once Nextcloud answers at ${tenant.nextcloud.baseUrl} again, run the check again)`,
        fieldMapping: null,
      },
    });
    report.resources = Object.keys(PIPELINQ_RESOURCES).map((resource) => notChecked(resource, 'the credentials did not work'));
    return finish();
  }

  // 2. Register and schemas, the way the connector finds them.
  const needed = neededResources(mapping, enabled);
  const resolved = new Map<string, ResolvedSchema>();
  const resourceKeys = [...new Set([...Object.keys(PIPELINQ_RESOURCES), ...needed.keys()])];
  const outcomes = await Promise.all(
    resourceKeys.map(async (resource): Promise<{ resource: string; schema?: ResolvedSchema; error?: unknown }> => {
      try {
        return { resource, schema: await connector.describeResource(resource) };
      } catch (error) {
        return { resource, error };
      }
    }),
  );
  let registerProblem = false;
  for (const outcome of outcomes) {
    const { resource } = outcome;
    if (outcome.schema) {
      const { schema } = outcome;
      resolved.set(resource, schema);
      report.register.id = schema.registerId;
      report.resources.push({
        resource,
        status: 'found',
        via: schema.via,
        schemaId: schema.schemaId,
        schemaSlug: schema.schema.slug,
        reason: null,
      });
      continue;
    }
    const { error } = outcome;
    if (error instanceof SchemaNotConfiguredError) {
      report.resources.push({ ...notChecked(resource, error.reason), status: 'not configured' });
      continue;
    }
    const { area, reason } = failure(error);
    report.resources.push({ ...notChecked(resource, reason), status: area === 'schema' ? 'missing' : 'not checked' });
    const isRegister = error instanceof NextcloudConfigurationError && error.resource === null;
    if (isRegister || area === 'unreachable') {
      if (registerProblem) continue;
      registerProblem = true;
      problems.push({
        severity: 'error',
        area: isRegister ? 'register' : 'unreachable',
        kind: null,
        resource: null,
        message: `${reason}.`,
        fix: isRegister
          ? { command: `${command} --register SLUG_OR_ID   (Pipelinq's register is "pipelinq")`, fieldMapping: null }
          : null,
      });
      continue;
    }
    const users = needed.get(resource);
    problems.push({
      severity: users ? 'error' : 'warning',
      area: 'schema',
      kind: null,
      resource,
      message: users ? `${reason}; ${users} cannot show data without it.` : `${reason}; no enabled feature needs it now.`,
      fix: { command: `${command} --schema ${resource}=SLUG_OR_ID`, fieldMapping: null },
    });
  }

  // 3. Each enabled record kind: counts, owners, properties, values.
  const clientSchema = resolved.get(mapping.client.resource);
  let clientIds: string[] = [];
  if (clientSchema) {
    try {
      const page = await connector.listObjects(mapping.client.resource, {
        limit: options.sampleClients ?? 5,
        order: [['_uuid', 'asc']],
      });
      clientIds = page.results.map((client) => client.id);
    } catch (error) {
      problems.push(callProblem(error, null, mapping.client.resource, 'reading clients'));
    }
  }
  let documentSample: { resource: string; row: NcObject } | null = null;
  for (const kind of RECORD_KINDS) {
    const recordMapping = mapping[kind] as RecordMapping<string>;
    const feature = KIND_ACCESS[kind].feature;
    const record: RecordCheck = {
      kind,
      feature,
      resource: recordMapping.resource,
      enabled: enabled.has(feature),
      sampledClients: clientIds.length,
      foundForSampledClients: null,
      total: null,
      sampled: 0,
      ownedBySomeone: null,
      ignoredFilters: [],
    };
    report.records.push(record);
    const schema = resolved.get(recordMapping.resource);
    if (!record.enabled || !schema) continue;
    try {
      const rows = await checkKind(connector, {
        kind,
        record,
        recordMapping,
        schema,
        clientIds,
        mappingCommand,
        problems,
        mapping,
        options,
      });
      if (!documentSample && rows[0]) documentSample = { resource: recordMapping.resource, row: rows[0] };
    } catch (error) {
      problems.push(callProblem(error, kind, recordMapping.resource, `reading ${kind}s`));
    }
  }

  // 4. Documents are the files attached to those records.
  if (enabled.has('DOCUMENTS')) report.documents = await checkDocuments(connector, documentSample, problems);
  return finish();
}

function notChecked(resource: string, reason: string): ResourceCheck {
  return { resource, status: 'not checked', via: null, schemaId: null, schemaSlug: null, reason };
}

/** Resource -> the enabled features that cannot work without it. */
function neededResources(mapping: ReturnType<typeof fieldMappingFor>, enabled: Set<string>): Map<string, string> {
  const needed = new Map<string, string[]>();
  const need = (resource: string, who: string) => needed.set(resource, [...(needed.get(resource) ?? []), who]);
  need(mapping.client.resource, 'the portal');
  need(mapping.contact.resource, 'the portal');
  for (const kind of RECORD_KINDS) {
    const feature = KIND_ACCESS[kind].feature;
    if (enabled.has(feature)) need(mapping[kind].resource, feature);
  }
  return new Map([...needed].map(([resource, who]) => [resource, [...new Set(who)].join(', ')]));
}

function callProblem(error: unknown, kind: RecordKind | null, resource: string, doing: string): CheckProblem {
  const { area, reason } = failure(error);
  // A configuration error here is about the data (e.g. a service account that sees no clients), not a schema.
  return {
    severity: 'error',
    area: area === 'schema' ? 'records' : area,
    kind,
    resource,
    message: `${reason} while ${doing}.`,
    fix: null,
  };
}

interface KindContext {
  kind: RecordKind;
  record: RecordCheck;
  recordMapping: RecordMapping<string>;
  schema: ResolvedSchema;
  clientIds: string[];
  mappingCommand: string;
  problems: CheckProblem[];
  mapping: ReturnType<typeof fieldMappingFor>;
  options: ConnectionCheckOptions;
}

async function checkKind(connector: NextcloudConnector, ctx: KindContext): Promise<NcObject[]> {
  const { kind, record, recordMapping, schema, clientIds, mappingCommand, problems, mapping } = ctx;
  const fixed = upstreamFixedFilters(recordMapping.fixedFilters);
  const description = schema.schema;
  const ownerKnown = recordMapping.owner.client in description.properties;

  const [sample, owned] = await Promise.all([
    connector.listObjects(recordMapping.resource, {
      filters: fixed,
      limit: ctx.options.sampleRecords ?? 25,
      order: [
        ['_created', 'desc'],
        ['_uuid', 'asc'],
      ],
    }),
    clientIds.length && ownerKnown
      ? connector.listObjects(recordMapping.resource, {
          filters: { ...fixed, [recordMapping.owner.client]: clientIds },
          limit: 0,
        })
      : Promise.resolve(null),
  ]);
  record.total = sample.total;
  record.sampled = sample.results.length;
  record.foundForSampledClients = owned?.total ?? null;
  record.ignoredFilters = [...new Set([...(sample.ignoredFilters ?? []), ...(owned?.ignoredFilters ?? [])])];

  const owners = await checkOwners(
    connector,
    { client: mapping.client.resource, contact: mapping.contact.resource },
    recordMapping,
    sample.results,
  );
  record.ownedBySomeone = sample.results.length ? owners.owned : null;

  // Properties the mapping reads that the schema lacks.
  const missing = missingReads(mappingReads(kind, recordMapping), description);
  const missingProperties = new Set(missing.map((read) => read.property));
  for (const read of missing) {
    const filtering = read.role === 'fixed filter' || read.role === 'owner client';
    const fieldMapping = fixForMissingRead(kind, recordMapping, read, description, owners.candidate);
    problems.push({
      severity: 'error',
      area: 'mapping',
      kind,
      resource: recordMapping.resource,
      message:
        `${read.setting} names "${read.property}", which the ${recordMapping.resource} schema does not have` +
        (filtering ? `; upstream then answers no ${kind}s at all.` : `; the portal cannot show it.`),
      fix: fieldMapping ? { command: mappingCommand, fieldMapping } : null,
    });
  }

  const unexplained = record.ignoredFilters.filter((name) => !missingProperties.has(name.replace(/\[.*$/, '')));
  if (unexplained.length) {
    problems.push({
      severity: 'error',
      area: 'filters',
      kind,
      resource: recordMapping.resource,
      message: `Nextcloud ignored the filter${unexplained.length > 1 ? 's' : ''} ${unexplained.map((f) => `"${f}"`).join(', ')} on ${recordMapping.resource}, so it answered no ${kind}s; make the mapping filter on properties the schema can filter.`,
      fix: { command: mappingCommand, fieldMapping: { [kind]: { fixedFilters: {} } } },
    });
  }

  if (record.ignoredFilters.length === 0 && sample.total === 0) {
    const all = await connector.listObjects(recordMapping.resource, { limit: 0 });
    // Without fixed filters the two counts differ only when records arrived between the calls.
    const withFilters = Object.keys(recordMapping.fixedFilters).length > 0;
    problems.push(
      all.total > 0 && withFilters
        ? {
            severity: 'error',
            area: 'records',
            kind,
            resource: recordMapping.resource,
            message: `${kind}.fixedFilters ${JSON.stringify(recordMapping.fixedFilters)} match none of the ${all.total} ${recordMapping.resource} records.`,
            fix: { command: mappingCommand, fieldMapping: { [kind]: { fixedFilters: {} } } },
          }
        : {
            severity: 'warning',
            area: 'records',
            kind,
            resource: recordMapping.resource,
            message: `There are no ${kind}s in Nextcloud yet, so their owners and values could not be checked.`,
            fix: null,
          },
    );
  }

  if (sample.results.length > 0 && owners.owned === 0 && !missingProperties.has(recordMapping.owner.client)) {
    const fieldMapping = owners.candidate ? { [kind]: { owner: { client: owners.candidate } } } : null;
    problems.push({
      severity: 'error',
      area: 'owner',
      kind,
      resource: recordMapping.resource,
      message:
        `None of the ${sample.results.length} sampled ${kind}s belongs to a client through ${kind}.owner.client "${recordMapping.owner.client}"` +
        `${recordMapping.owner.contact ? ` or ${kind}.owner.contact "${recordMapping.owner.contact}"` : ''}` +
        ` (${owners.unowned} empty, ${owners.dangling} naming no client or contact the service account can see); no customer would see any.` +
        (owners.candidate ? ` "${owners.candidate}" holds client ids.` : ''),
      fix: fieldMapping ? { command: mappingCommand, fieldMapping } : null,
    });
  } else if (owners.owned < sample.results.length && owners.owned > 0) {
    problems.push({
      severity: 'warning',
      area: 'owner',
      kind,
      resource: recordMapping.resource,
      message: `${sample.results.length - owners.owned} of ${sample.results.length} sampled ${kind}s name no client or contact the service account can see; no customer sees those.`,
      fix: null,
    });
  }

  problems.push(...valueProblems(kind, recordMapping, sample.results, description, mappingCommand));
  return sample.results;
}

async function checkDocuments(
  connector: NextcloudConnector,
  sample: { resource: string; row: NcObject } | null,
  problems: CheckProblem[],
): Promise<ConnectionReport['documents']> {
  if (!sample) {
    return { enabled: true, ok: null, detail: 'no record to read attached files from' };
  }
  try {
    const files = await connector.listFiles(sample.resource, sample.row.id);
    return { enabled: true, ok: true, detail: `files readable (${files.length} on a sampled ${sample.resource} record)` };
  } catch (error) {
    const problem = callProblem(error, null, sample.resource, 'reading attached files');
    problems.push({ ...problem, area: problem.area === 'records' ? 'documents' : problem.area, kind: 'documents' });
    return { enabled: true, ok: false, detail: problem.message };
  }
}
