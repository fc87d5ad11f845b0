import { firstValue } from '../../portal-data/record-values.js';
import type { RecordKind, RecordMapping } from '../../portal-data/field-mapping.js';
import type { NcObject, SchemaDescription } from '../../../nextcloud/types.js';
import type { CheckProblem } from './report.js';
import { DATE_FIELDS, NUMERIC_FIELDS, suggestProperty } from './mapping-reads.js';
import { DEFAULT_FIELD_MAPPING } from '../../portal-data/field-mapping.js';

/**
 * Values in sampled records that the portal cannot show as intended: a date that does not parse, a
 * status outside the kind's list (status filters would never offer it), an amount that is not a
 * number. The records still show, so these are warnings with the change that would fix them.
 */

const isEmpty = (value: unknown) => value === undefined || value === null || value === '';
const parsesAsDate = (value: unknown) => typeof value === 'string' && !Number.isNaN(Date.parse(value));
const isNumeric = (value: unknown) =>
  (typeof value === 'number' && Number.isFinite(value)) ||
  (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)));

const examples = (values: unknown[]) => [...new Set(values.map((v) => JSON.stringify(v)))].slice(0, 3).join(', ');

export function valueProblems(
  kind: RecordKind,
  mapping: RecordMapping<string>,
  rows: NcObject[],
  schema: SchemaDescription,
  command: string,
): CheckProblem[] {
  const problems: CheckProblem[] = [];
  const warn = (message: string, fieldMapping: Record<string, unknown> | null) =>
    problems.push({
      severity: 'warning',
      area: 'values',
      kind,
      resource: mapping.resource,
      message,
      fix: fieldMapping ? { command, fieldMapping } : null,
    });
  const defaults = DEFAULT_FIELD_MAPPING[kind] as RecordMapping<string>;

  if (mapping.dateField in schema.properties) {
    const bad = rows.map((r) => r[mapping.dateField]).filter((v) => !isEmpty(v) && !parsesAsDate(v));
    if (bad.length) {
      const other = suggestProperty(schema, 'date field', [defaults.dateField !== mapping.dateField ? defaults.dateField : null]);
      warn(
        `${bad.length} of ${rows.length} sampled ${kind}s have a ${mapping.dateField} that is not a date (${examples(bad)}); sorting and date filters skip them.`,
        other && other !== mapping.dateField ? { [kind]: { dateField: other } } : null,
      );
    }
  }

  if (mapping.statusField in schema.properties) {
    const unknown = rows
      .map((r) => r[mapping.statusField])
      .filter((v): v is string | number => (typeof v === 'string' && v !== '') || typeof v === 'number')
      .map(String)
      .filter((v) => !mapping.statuses.includes(v));
    if (unknown.length) {
      const statuses = [...mapping.statuses, ...new Set(unknown)];
      warn(
        `${unknown.length} of ${rows.length} sampled ${kind}s have a ${mapping.statusField} outside ${kind}.statuses (${examples(unknown)}); the status filter never offers it.`,
        { [kind]: { statuses } },
      );
    }
  }

  for (const [field, properties] of Object.entries(mapping.fields) as Array<[string, string[]]>) {
    const numeric = NUMERIC_FIELDS.has(field);
    const date = DATE_FIELDS.has(field);
    if ((!numeric && !date) || properties.length === 0) continue;
    const values = rows.map((r) => firstValue(r, properties)).filter((v) => !isEmpty(v));
    const bad = values.filter((v) => (numeric ? !isNumeric(v) : !parsesAsDate(v)));
    if (bad.length === 0) continue;
    const suggestion = suggestProperty(schema, 'field', [], field);
    warn(
      `${bad.length} of ${values.length} sampled ${kind}s have a ${field} (${properties.join(' / ')}) that is not ${numeric ? 'a number' : 'a date'} (${examples(bad)}); the portal leaves it empty.`,
      suggestion && !properties.includes(suggestion) ? { [kind]: { fields: { [field]: [suggestion] } } } : null,
    );
  }
  return problems;
}
