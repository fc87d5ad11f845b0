import { BadUserInputError, inputProblem, type InputProblem } from '../../core/errors.js';
import { AUDIT_OUTCOMES, isAuditEventType, isAuditOutcome, type AuditEventFilter } from './audit.types.js';

/** What the GraphQL filter input and the REST query string carry (all optional, strings allowed). */
export interface AuditFilterInput {
  accountId?: string | null;
  eventType?: string | null;
  outcome?: string | null;
  from?: Date | string | null;
  to?: Date | string | null;
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

/** Validates a filter once, listing every problem, so list, count, stream and export agree. */
export function parseAuditFilter(input: AuditFilterInput = {}): AuditEventFilter {
  const problems: InputProblem[] = [];
  const filter: AuditEventFilter = {};
  const present = (v: unknown) => v !== undefined && v !== null && v !== '';

  if (present(input.accountId)) filter.accountId = String(input.accountId);
  if (present(input.eventType)) {
    if (isAuditEventType(input.eventType)) filter.eventType = input.eventType;
    else {
      const value = String(input.eventType).slice(0, 60);
      problems.push(inputProblem('eventType', 'EVENT_TYPE_UNKNOWN', `Unknown event type "${value}".`, { value }));
    }
  }
  if (present(input.outcome)) {
    if (isAuditOutcome(input.outcome)) filter.outcome = input.outcome;
    else
      problems.push(
        inputProblem('outcome', 'NOT_ONE_OF', `Outcome must be one of ${AUDIT_OUTCOMES.join(', ')}.`, {
          allowed: AUDIT_OUTCOMES.join(', '),
        }),
      );
  }
  for (const field of ['from', 'to'] as const) {
    const value = input[field];
    if (!present(value)) continue;
    const date = value instanceof Date ? value : new Date(String(value));
    if (Number.isNaN(date.getTime())) problems.push(inputProblem(field, 'DATE_INVALID', 'Not a valid date and time.'));
    else filter[field] = date;
  }
  if (filter.from && filter.to && filter.from >= filter.to)
    problems.push(inputProblem('to', 'RANGE_END_BEFORE_START', '"to" must be later than "from".'));

  if (problems.length) throw new BadUserInputError('The audit filter is not valid.', problems);
  return filter;
}

/** Page size: default 50, capped at 200; zero or negative is a client error. */
export function pageSizeOf(first: number | null | undefined): number {
  if (first === undefined || first === null) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1) throw new BadUserInputError('"first" must be a positive whole number.');
  return Math.min(first, MAX_PAGE_SIZE);
}
