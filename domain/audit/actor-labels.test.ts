import { describe, expect, it } from 'vitest';
import { labelActors, parseActor, type ActorDirectory } from './actor-labels.js';

describe('audit actor labels', () => {
  it('reads the three kinds of reference and leaves anything else unnamed', () => {
    expect(parseActor('account:a1')).toEqual({ kind: 'account', id: 'a1' });
    expect(parseActor('token:t:1')).toEqual({ kind: 'token', id: 't:1' });
    expect(parseActor('staff:admin')).toEqual({ kind: 'staff', id: 'admin' });
    expect(parseActor('system')).toEqual({ kind: 'other', id: 'system' });
    expect(parseActor(':x')).toEqual({ kind: 'other', id: ':x' });
  });

  it('names a whole batch with one lookup per kind, in the order asked, scoped to the tenant', async () => {
    const calls: string[] = [];
    const directory: ActorDirectory = {
      accountEmails: async (tenantId, ids) => {
        calls.push(`accounts ${tenantId} ${ids.join(',')}`);
        return new Map([['a1', 'jan@example.nl']]);
      },
      tokenNames: async (tenantId, ids) => {
        calls.push(`tokens ${tenantId} ${ids.join(',')}`);
        return new Map([['t1', 'ERP']]);
      },
    };
    const labels = await labelActors(directory, 'demo', ['token:t1', 'account:a1', 'staff:admin', 'account:gone', 'cron']);
    expect(labels).toEqual([
      { kind: 'token', label: 'ERP' },
      { kind: 'account', label: 'jan@example.nl' },
      { kind: 'staff', label: 'admin' },
      { kind: 'account', label: null },
      { kind: 'other', label: null },
    ]);
    expect(calls.sort()).toEqual(['accounts demo a1,gone', 'tokens demo t1']);
  });
});
