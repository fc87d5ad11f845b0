import { BadUserInputError, inputProblem, NotFoundError } from '../../core/errors.js';
import type { PortalSettings } from '../tenants/portal-settings.js';
import type { ContractRecord } from './records.js';
import { MAX_MESSAGE_LENGTH } from './request-input.js';
import { submitRequest, type RequestWriterDeps, type SubmittedRequest } from './request-writer.js';

/**
 * "Cancel this contract" files a request for the tenant's staff: the portal never changes the
 * contract object itself (its status, endDate and cancellationReason are Pipelinq's to set when
 * staff process the request). The request names the contract by number and id and the end date
 * the customer asks for, in the tenant's language, under the tenant's chosen category.
 */

/** Contracts that are still running; draft, renewed, churned and cancelled ones have nothing to cancel. */
const CANCELLABLE = new Set(['active', 'expiring']);

export const isCancellable = (contract: Pick<ContractRecord, 'status'>) => CANCELLABLE.has(contract.status ?? '');

const DAY = 24 * 60 * 60 * 1000;
const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/**
 * The first end date the customer may ask for: today plus the notice period (noticePeriodDays,
 * 0 when the contract names none). Whether the contract allows ending between billing periods is
 * not in Pipelinq's data, so staff decide that when they handle the request.
 */
export function earliestEndDate(contract: Pick<ContractRecord, 'noticePeriodDays'>, now: Date): Date {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return new Date(today + Math.max(0, contract.noticePeriodDays ?? 0) * DAY);
}

export interface ContractCancellationInput {
  contractId: string;
  /** A calendar date, YYYY-MM-DD. */
  desiredEndDate: string;
  message?: string | null;
}

const TEXTS = {
  nl: {
    subject: (number: string) => `Opzegging contract ${number}`,
    body: (c: ContractRecord, end: string) =>
      [
        `De klant zegt contract ${c.number}${c.title ? ` (${c.title})` : ''} op.`,
        `Gewenste einddatum: ${end}.`,
        `Contract-id: ${c.id}.`,
      ].join('\n'),
    note: 'Toelichting van de klant:',
  },
  en: {
    subject: (number: string) => `Cancellation of contract ${number}`,
    body: (c: ContractRecord, end: string) =>
      [
        `The customer cancels contract ${c.number}${c.title ? ` (${c.title})` : ''}.`,
        `Desired end date: ${end}.`,
        `Contract id: ${c.id}.`,
      ].join('\n'),
    note: 'Note from the customer:',
  },
} as const;

/** A calendar date written YYYY-MM-DD, or null: only a real date reads back as the text it came from. */
function parseDay(raw: string): Date | null {
  const date = new Date(`${raw}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || isoDay(date) !== raw ? null : date;
}

export async function requestContractCancellation(
  deps: RequestWriterDeps,
  settings: Pick<PortalSettings, 'language' | 'contractCancellationCategory'>,
  input: ContractCancellationInput,
): Promise<SubmittedRequest> {
  const contract = await deps.reader.get('contract', input.contractId);
  if (!contract) throw new NotFoundError('The contract');
  if (!isCancellable(contract)) {
    throw new BadUserInputError('This contract cannot be cancelled.', [
      inputProblem('contractId', 'CONTRACT_NOT_CANCELLABLE', 'This contract is not running, so it cannot be cancelled.'),
    ]);
  }
  const desired = parseDay(input.desiredEndDate.trim());
  const earliest = earliestEndDate(contract, deps.now());
  if (!desired) {
    throw new BadUserInputError('The desired end date is not valid.', [
      inputProblem('desiredEndDate', 'DATE_INVALID', 'Enter a date such as 2026-12-31.'),
    ]);
  }
  if (desired < earliest) {
    throw new BadUserInputError('The desired end date is too early.', [
      inputProblem('desiredEndDate', 'DATE_TOO_EARLY', `The earliest possible end date is ${isoDay(earliest)}.`, {
        earliest: isoDay(earliest),
      }),
    ]);
  }
  const note = input.message?.trim() ?? '';
  if (note.length > MAX_MESSAGE_LENGTH / 2) {
    throw new BadUserInputError('The note is too long.', [
      inputProblem('message', 'TOO_LONG', `At most ${MAX_MESSAGE_LENGTH / 2} characters.`, { max: MAX_MESSAGE_LENGTH / 2 }),
    ]);
  }
  const texts = TEXTS[settings.language];
  const body = texts.body(contract, isoDay(desired)) + (note ? `\n\n${texts.note}\n${note}` : '');
  return submitRequest(deps, {
    subject: texts.subject(contract.number),
    body,
    category: settings.contractCancellationCategory,
  });
}
