import { describe, expect, it } from 'vitest';
import type { NcObject, SchemaDescription } from '../../../nextcloud/types.js';
import { DEFAULT_FIELD_MAPPING, type RecordMapping } from '../../portal-data/field-mapping.js';
import { valueProblems } from './sample-values.js';

/**
 * The deep check's warnings about sampled values the portal cannot show as intended, each with the
 * field-mapping change that fixes it (pure: rows and schema as Nextcloud would answer them).
 */
const COMMAND = 'portal tenant update --id demo --field-mapping FILE';
const prop = (type: string, format: string | null = null) => ({ type, format, enum: null });
const schema: SchemaDescription = {
  id: 7,
  slug: 'contract',
  properties: {
    priceEuro: prop('number'),
    value: prop('string'),
    valuePerInterval: prop('string'),
    signedOn: prop('string', 'date'),
    startDate: prop('string', 'date'),
    endDate: prop('string', 'date'),
    status: prop('string'),
    clientRef: prop('string'),
  },
  required: [],
};
const contract = (changes: Partial<RecordMapping<string>> = {}): RecordMapping<string> => ({
  ...(DEFAULT_FIELD_MAPPING.contract as RecordMapping<string>),
  ...changes,
});
const row = (id: number, data: Record<string, unknown>): NcObject =>
  ({ id: `c${id}`, '@self': { id: `c${id}` }, ...data }) as unknown as NcObject;
const good = (id: number) => row(id, { startDate: '2026-01-01', endDate: '2027-01-01', status: 'active', value: '12.50' });

describe('valueProblems', () => {
  it('finds nothing wrong with values the portal can show, empty ones included', () => {
    const rows = [good(1), good(2), row(3, { startDate: '', status: '', value: null, endDate: undefined })];
    expect(valueProblems('contract', contract(), rows, schema, COMMAND)).toEqual([]);
  });

  it('names dates that do not parse, with a date property to use instead', () => {
    const rows = [good(1), row(2, { signedOn: 'gisteren' }), row(3, { signedOn: 'gisteren' }), row(4, { signedOn: 20260101 })];
    expect(valueProblems('contract', contract({ dateField: 'signedOn' }), rows, schema, COMMAND)).toEqual([
      {
        severity: 'warning',
        area: 'values',
        kind: 'contract',
        resource: 'contract',
        message:
          '3 of 4 sampled contracts have a signedOn that is not a date ("gisteren", 20260101); sorting and date filters skip them.',
        fix: { command: COMMAND, fieldMapping: { contract: { dateField: 'startDate' } } },
      },
    ]);
    // A date field the schema does not have is the mapping check's business, not this one's.
    expect(valueProblems('contract', contract({ dateField: 'nope' }), [row(1, { nope: 'x' })], schema, COMMAND)).toEqual([]);
  });

  it('names statuses outside the list the status filter offers, and proposes the list with them added', () => {
    const rows = [
      good(1),
      row(2, { status: 'paused' }),
      row(3, { status: 'paused' }),
      row(4, { status: 3 }),
      row(5, { status: true }),
    ];
    const statuses = ['active', 'cancelled'];
    expect(valueProblems('contract', contract({ statuses }), rows, schema, COMMAND)).toEqual([
      {
        severity: 'warning',
        area: 'values',
        kind: 'contract',
        resource: 'contract',
        message:
          '3 of 5 sampled contracts have a status outside contract.statuses ("paused", "3"); the status filter never offers it.',
        fix: { command: COMMAND, fieldMapping: { contract: { statuses: ['active', 'cancelled', 'paused', '3'] } } },
      },
    ]);
    expect(valueProblems('contract', contract({ statusField: 'nope' }), [row(1, { nope: 'x' })], schema, COMMAND)).toEqual([]);
  });

  it('names amounts that are no number and dates that are no date, with a property that holds one', () => {
    const rows = [
      good(1),
      row(2, { valuePerInterval: 'veel', endDate: 'ooit' }),
      row(3, { valuePerInterval: null, value: 'ook veel', endDate: 'morgen' }),
      row(4, { value: 12 }),
    ];
    expect(valueProblems('contract', contract(), rows, schema, COMMAND)).toEqual([
      {
        severity: 'warning',
        area: 'values',
        kind: 'contract',
        resource: 'contract',
        message:
          '2 of 3 sampled contracts have a endDate (endDate) that is not a date ("ooit", "morgen"); the portal leaves it empty.',
        fix: { command: COMMAND, fieldMapping: { contract: { fields: { endDate: ['signedOn'] } } } },
      },
      {
        severity: 'warning',
        area: 'values',
        kind: 'contract',
        resource: 'contract',
        message:
          '2 of 4 sampled contracts have a value (valuePerInterval / value) that is not a number ("veel", "ook veel"); the portal leaves it empty.',
        fix: { command: COMMAND, fieldMapping: { contract: { fields: { value: ['priceEuro'] } } } },
      },
    ]);
  });

  it('shows at most three examples', () => {
    const rows = ['a', 'b', 'c', 'd'].map((status, i) => row(i, { status }));
    const [problem] = valueProblems('contract', contract({ statuses: [] }), rows, schema, COMMAND);
    expect(problem!.message).toContain('("a", "b", "c")');
  });
});
