import { describe, expect, it } from 'vitest';
import { cleanupDetailLines } from './cleanup-lines.js';

describe('cleanup detail lines', () => {
  it('says what the portal text came to and lists each record whose documents stay', () => {
    const lines = cleanupDetailLines({
      accountId: 'a1',
      outcome: 'PSEUDONYMISED',
      heldUntil: null,
      reasons: [],
      portalText: { requests: 2, notes: 3 },
      keptByAdministration: [{ kind: 'transaction', id: 't1', files: 1 }],
    });
    expect(lines).toEqual([
      '    text the portal wrote: 2 request(s), 3 reply note(s) pseudonymised',
      '    transaction t1: 1 document(s) kept by the administration',
    ]);
  });

  it('a dry run says "would"; a held account has no details', () => {
    const base = { accountId: 'a1', heldUntil: null, reasons: [] };
    expect(cleanupDetailLines({ ...base, outcome: 'WOULD_PSEUDONYMISE', portalText: { requests: 0, notes: 1 } })[0]).toContain(
      'would be pseudonymised',
    );
    expect(cleanupDetailLines({ ...base, outcome: 'HELD' })).toEqual([]);
  });
});
