import { describe, expect, it } from 'vitest';
import { decideRetention, retentionEnd, type RetentionRule } from './retention-policy.js';

const none = { openInvoices: 0, activeContracts: 0, openRequests: 0 };
const recordDate: RetentionRule = { basis: 'RECORD_DATE', timeZone: 'Europe/Amsterdam' };
const fiscalYearEnd: RetentionRule = { basis: 'FISCAL_YEAR_END', timeZone: 'Europe/Amsterdam' };

describe('retentionEnd from the record date', () => {
  it('keeps a person for 7 years after the newest fiscal record, to the day', () => {
    const latest = new Date('2026-03-15T10:00:00Z');
    expect(retentionEnd(latest, recordDate)).toEqual(new Date('2033-03-15T10:00:00Z'));
    const facts = { ...none, latestFiscalRecordAt: latest };
    expect(decideRetention(facts, new Date('2033-03-15T09:59:59Z'), recordDate)).toEqual({
      free: false,
      heldUntil: new Date('2033-03-15T10:00:00Z'),
      reasons: ['fiscal-retention'],
    });
    expect(decideRetention(facts, new Date('2033-03-15T10:00:00Z'), recordDate).free).toBe(true);
  });

  it('a leap day plus 7 years lands on 1 March', () => {
    expect(retentionEnd(new Date('2028-02-29T12:00:00Z'), recordDate)).toEqual(new Date('2035-03-01T12:00:00Z'));
  });
});

describe('retentionEnd from the end of the fiscal year (the default)', () => {
  it('keeps a record of March 2026 through 31 December 2033, ending at midnight in the tenant time zone', () => {
    const latest = new Date('2026-03-15T10:00:00Z');
    // 1 January 2034 00:00 in Amsterdam (winter time, UTC+1).
    const end = new Date('2033-12-31T23:00:00Z');
    expect(retentionEnd(latest, fiscalYearEnd)).toEqual(end);
    const facts = { ...none, latestFiscalRecordAt: latest };
    expect(decideRetention(facts, new Date('2033-12-31T22:59:59Z'), fiscalYearEnd).reasons).toEqual(['fiscal-retention']);
    expect(decideRetention(facts, end, fiscalYearEnd)).toEqual({ free: true, heldUntil: end, reasons: [] });
  });

  it('holds longer than the record-date basis, never shorter', () => {
    for (const at of ['2026-01-01T00:00:00Z', '2026-07-01T12:00:00Z', '2026-12-31T22:00:00Z']) {
      const latest = new Date(at);
      expect(retentionEnd(latest, fiscalYearEnd).getTime()).toBeGreaterThanOrEqual(retentionEnd(latest, recordDate).getTime());
    }
  });

  it('takes the fiscal year from the tenant’s wall clock: New Year’s Eve 23:30 in Amsterdam is still that year', () => {
    const lateOnNewYearsEve = new Date('2026-12-31T22:30:00Z'); // 23:30 in Amsterdam
    expect(retentionEnd(lateOnNewYearsEve, fiscalYearEnd)).toEqual(new Date('2033-12-31T23:00:00Z'));
    // The same instant is already 2027 in Tokyo, so the fiscal year there ends a year later.
    expect(retentionEnd(lateOnNewYearsEve, { basis: 'FISCAL_YEAR_END', timeZone: 'Asia/Tokyo' })).toEqual(
      new Date('2034-12-31T15:00:00Z'),
    );
    expect(retentionEnd(lateOnNewYearsEve, { basis: 'FISCAL_YEAR_END', timeZone: 'UTC' })).toEqual(
      new Date('2034-01-01T00:00:00Z'),
    );
  });
});

describe('decideRetention', () => {
  it('keeps a person while any obligation remains, however old the records', () => {
    const now = new Date('2050-01-01T00:00:00Z');
    const old = new Date('2010-01-01T00:00:00Z');
    for (const rule of [recordDate, fiscalYearEnd]) {
      expect(decideRetention({ ...none, latestFiscalRecordAt: old, openInvoices: 1 }, now, rule).reasons).toEqual([
        'open-invoices',
      ]);
      expect(decideRetention({ ...none, latestFiscalRecordAt: old, activeContracts: 2 }, now, rule).reasons).toEqual([
        'active-contracts',
      ]);
      expect(decideRetention({ ...none, latestFiscalRecordAt: null, openRequests: 1 }, now, rule)).toEqual({
        free: false,
        heldUntil: null,
        reasons: ['open-requests'],
      });
    }
  });

  it('frees a person without fiscal records or obligations at once', () => {
    expect(decideRetention({ ...none, latestFiscalRecordAt: null }, new Date(), fiscalYearEnd)).toEqual({
      free: true,
      heldUntil: null,
      reasons: [],
    });
  });
});
