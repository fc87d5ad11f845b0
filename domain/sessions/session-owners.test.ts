import { describe, expect, it } from 'vitest';
import { SessionOwners } from './session-owners.js';

describe('session owners (a hint of which account a session belongs to)', () => {
  it('remembers, forgets, and keeps only the most recent sessions', () => {
    const owners = new SessionOwners(2);
    owners.remember('s1', 'a1');
    owners.remember('s2', 'a2');
    owners.remember('s3', 'a3');
    expect(owners.get('s1')).toBeUndefined();
    expect([owners.get('s2'), owners.get('s3'), owners.size]).toEqual(['a2', 'a3', 2]);
    owners.forget('s2');
    expect(owners.get('s2')).toBeUndefined();
    expect(owners.size).toBe(1);
  });

  it('remembering a session again does not push another one out', () => {
    const owners = new SessionOwners(2);
    owners.remember('s1', 'a1');
    owners.remember('s2', 'a2');
    owners.remember('s1', 'a1');
    expect([owners.get('s1'), owners.get('s2')]).toEqual(['a1', 'a2']);
  });
});
