import { describe, expect, it } from 'vitest';
import { DEMO } from '../../nextcloud/simulator/index.js';
import { simObjects, usePortalDataHarness, type Loose } from '../../resolvers/portal-data/test-support.js';
import { earliestEndDate, isCancellable } from './contract-cancellation.js';

const h = usePortalDataHarness();
const CANCEL = `mutation ($input: ContractCancellationInput!) { requestContractCancellation(input: $input) { id } }`;

/** What the contract page offers before a cancellation is filed (filing it: self-service-actions.e2e.test.ts). */
describe('contract cancellation', () => {
  it('is offered for running contracts only', () => {
    expect(isCancellable({ status: 'active' })).toBe(true);
    expect(isCancellable({ status: 'expiring' })).toBe(true);
    for (const status of ['draft', 'renewed', 'churned', 'cancelled', '', null]) {
      expect(isCancellable({ status } as never), String(status)).toBe(false);
    }
  });

  it('may end no earlier than today (UTC) plus the notice period', () => {
    const now = new Date('2026-03-10T23:30:00Z');
    const day = (date: Date) => date.toISOString();
    expect(day(earliestEndDate({ noticePeriodDays: 30 }, now))).toBe('2026-04-09T00:00:00.000Z');
    expect(day(earliestEndDate({ noticePeriodDays: null }, now))).toBe('2026-03-10T00:00:00.000Z');
    expect(day(earliestEndDate({ noticePeriodDays: 0 }, now))).toBe('2026-03-10T00:00:00.000Z');
    // A negative period in the data never allows a date in the past.
    expect(day(earliestEndDate({ noticePeriodDays: -5 }, now))).toBe('2026-03-10T00:00:00.000Z');
  });
});

/** What a customer is told when a cancellation cannot be filed as asked. */
describe('filing a cancellation', () => {
  const jansContract = (status: string) =>
    simObjects(h().simulator, 'demo', 'contract').find(
      (o) => o.data.clientRef === DEMO.demo.janJansen.clientId && o.data.status === status,
    )!;
  const day = (offsetDays: number) =>
    new Date(h().services.portalData.now().getTime() + offsetDays * 86_400_000).toISOString().slice(0, 10);
  const refusal = (result: Loose) => ({
    message: result.errors?.[0]?.message,
    problems: result.errors?.[0]?.extensions?.problems,
  });

  it('names the problem with the date or the contract, each in its own words', async () => {
    const jan = h().customer('jan', { accountId: 'acc-cancel-refused' });
    const active = jansContract('active');
    const notice = Number(active.data.noticePeriodDays ?? 0);
    const cancel = (input: Record<string, unknown>) => h().run(jan, CANCEL, { input: { contractId: active.uuid, ...input } });

    expect(refusal(await cancel({ desiredEndDate: 'volgende week' }))).toEqual({
      message: 'The desired end date is not valid.',
      problems: [{ field: 'desiredEndDate', code: 'DATE_INVALID', message: 'Enter a date such as 2026-12-31.', params: {} }],
    });
    expect(refusal(await cancel({ desiredEndDate: day(notice - 1) }))).toEqual({
      message: 'The desired end date is too early.',
      problems: [
        {
          field: 'desiredEndDate',
          code: 'DATE_TOO_EARLY',
          message: `The earliest possible end date is ${day(notice)}.`,
          params: { earliest: day(notice) },
        },
      ],
    });
    expect(refusal(await cancel({ desiredEndDate: day(notice + 30), message: 'x'.repeat(5_001) }))).toEqual({
      message: 'The note is too long.',
      problems: [{ field: 'message', code: 'TOO_LONG', message: 'At most 5000 characters.', params: { max: 5_000 } }],
    });
    const ended = jansContract('cancelled') ?? jansContract('churned');
    expect(refusal(await h().run(jan, CANCEL, { input: { contractId: ended.uuid, desiredEndDate: day(notice + 30) } }))).toEqual({
      message: 'This contract cannot be cancelled.',
      problems: [
        {
          field: 'contractId',
          code: 'CONTRACT_NOT_CANCELLABLE',
          message: 'This contract is not running, so it cannot be cancelled.',
          params: {},
        },
      ],
    });
  });

  it('accepts the earliest end date itself, written with spaces around it, and a note at its limit', async () => {
    const jan = h().customer('jan', { accountId: 'acc-cancel-earliest' });
    const active = jansContract('active');
    const earliest = day(Number(active.data.noticePeriodDays ?? 0));
    const result = await h().run(jan, CANCEL, {
      input: { contractId: active.uuid, desiredEndDate: ` ${earliest} `, message: 'x'.repeat(5_000) },
    });
    expect(result.errors).toBeUndefined();
    const stored = simObjects(h().simulator, 'demo', 'request').find(
      (o) => o.uuid === result.data!.requestContractCancellation.id,
    )!;
    expect(String(stored.data.description)).toContain(earliest);
  });
});
