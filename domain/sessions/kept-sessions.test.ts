import { describe, expect, it } from 'vitest';
import type { Account } from '../accounts/account.types.js';
import type { SessionDocument } from './session.model.js';
import { KeptSessions, type SessionRead } from './kept-sessions.js';

const readOf = (sessionId: string, accountId: string): SessionRead => ({
  session: { _id: sessionId, accountId } as SessionDocument,
  account: { id: accountId } as Account,
});

describe('kept sessions', () => {
  it('gives a kept read back only under the generation it was read under', () => {
    const kept = new KeptSessions();
    kept.keep('s1', readOf('s1', 'a1'), 3);
    expect(kept.get('s1', 3)?.account.id).toBe('a1');
    expect(kept.get('s1', 4)).toBeUndefined();
  });

  it('a read kept as a hint only is never given back, but still names its owner', () => {
    const kept = new KeptSessions();
    kept.keep('s1', readOf('s1', 'a1'), null);
    expect(kept.get('s1', 0)).toBeUndefined();
    expect(kept.ownerOf('s1')).toBe('a1');
  });

  it('names the owner of a read that is no longer usable, until the session is forgotten', () => {
    const kept = new KeptSessions(10, 0);
    kept.keep('s1', readOf('s1', 'a1'), 1);
    expect(kept.get('s1', 1)).toBeUndefined(); // older than maxAgeMs
    expect(kept.ownerOf('s1')).toBe('a1');
    kept.forget('s1');
    expect(kept.ownerOf('s1')).toBeUndefined();
  });

  it('keeps only the most recent sessions, and keeping one again moves it to the back of the line', () => {
    const kept = new KeptSessions(2);
    kept.keep('s1', readOf('s1', 'a1'), 1);
    kept.keep('s2', readOf('s2', 'a2'), 1);
    kept.keep('s1', readOf('s1', 'a1'), 1);
    kept.keep('s3', readOf('s3', 'a3'), 1);
    expect([kept.ownerOf('s1'), kept.ownerOf('s2'), kept.ownerOf('s3'), kept.size]).toEqual(['a1', undefined, 'a3', 2]);
  });

  it('follows a lastSeenAt this process wrote', () => {
    const kept = new KeptSessions();
    kept.keep('s1', readOf('s1', 'a1'), 1);
    const at = new Date('2026-12-07T12:00:00Z');
    kept.seen('s1', at);
    expect(kept.get('s1', 1)?.session.lastSeenAt).toEqual(at);
  });
});
