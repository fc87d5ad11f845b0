import type { Account } from '../accounts/account.types.js';
import type { SessionDocument } from './session.model.js';

export interface SessionRead {
  session: SessionDocument;
  account: Account;
}

interface Kept extends SessionRead {
  /** The AuthChanges generation it was read under: usable only while that is still current. */
  generation: number;
  keptAt: number;
}

/**
 * Sessions and their accounts as this process last read them, so that a request need not read
 * them again while nothing about sessions or accounts has changed anywhere (auth-changes.ts says
 * when something has). Bounded: the most recent `capacity` sessions, each for at most
 * `maxAgeMs`, so a change whose signal was lost still reaches every request after that long.
 */
export class KeptSessions {
  private readonly kept = new Map<string, Kept>();

  constructor(
    private readonly capacity = 10_000,
    private readonly maxAgeMs = 15_000,
  ) {}

  get(sessionId: string, generation: number): SessionRead | undefined {
    const kept = this.kept.get(sessionId);
    if (!kept) return undefined;
    if (kept.generation === generation && performance.now() - kept.keptAt < this.maxAgeMs) return kept;
    this.kept.delete(sessionId);
    return undefined;
  }

  keep(sessionId: string, read: SessionRead, generation: number): void {
    // Re-inserted, so a Map's insertion order puts the longest-kept entry first.
    this.kept.delete(sessionId);
    this.kept.set(sessionId, { ...read, generation, keptAt: performance.now() });
    if (this.kept.size > this.capacity) this.kept.delete(this.kept.keys().next().value!);
  }

  /** This process wrote the session's lastSeenAt: the kept copy follows (it is not a change others must hear of). */
  seen(sessionId: string, lastSeenAt: Date): void {
    const kept = this.kept.get(sessionId);
    if (kept) kept.session = { ...kept.session, lastSeenAt };
  }

  forget(sessionId: string): void {
    this.kept.delete(sessionId);
  }
}
