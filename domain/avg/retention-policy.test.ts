import { describe, expect, it } from 'vitest';
import { decideRetention, retentionEnd } from './retention-policy.js';

const none = { openInvoices: 0, activeContracts: 0, openRequests: 0 };

describe('decideRetention', () => {
  it('keeps a person for 7 years after the newest fiscal record, to the day', () => {
    const latest = new Date('2026-03-15T10:00:00Z');
    expect(retentionEnd(latest)).toEqual(new Date('2033-03-15T10:00:00Z'));
    const facts = { ...none, latestFiscalRecordAt: latest };
    expect(decideRetention(facts, new Date('2033-03-15T09:59:59Z'))).toEqual({
      free: false,
      heldUntil: new Date('2033-03-15T10:00:00Z'),
      reasons: ['fiscal-retention'],
    });
    expect(decideRetention(facts, new Date('2033-03-15T10:00:00Z')).free).toBe(true);
  });

  it('a leap day plus 7 years lands on 1 March', () => {
    expect(retentionEnd(new Date('2028-02-29T12:00:00Z'))).toEqual(new Date('2035-03-01T12:00:00Z'));
  });

  it('keeps a person while any obligation remains, however old the records', () => {
    const now = new Date('2050-01-01T00:00:00Z');
    const old = new Date('2010-01-01T00:00:00Z');
    expect(decideRetention({ ...none, latestFiscalRecordAt: old, openInvoices: 1 }, now).reasons).toEqual(['open-invoices']);
    expect(decideRetention({ ...none, latestFiscalRecordAt: old, activeContracts: 2 }, now).reasons).toEqual([
      'active-contracts',
    ]);
    expect(decideRetention({ ...none, latestFiscalRecordAt: null, openRequests: 1 }, now)).toEqual({
      free: false,
      heldUntil: null,
      reasons: ['open-requests'],
    });
  });

  it('frees a person without fiscal records or obligations at once', () => {
    expect(decideRetention({ ...none, latestFiscalRecordAt: null }, new Date())).toEqual({
      free: true,
      heldUntil: null,
      reasons: [],
    });
  });
});
