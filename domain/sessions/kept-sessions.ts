import type { Account } from '../accounts/account.types.js';
import type { SessionDocument } from './session.model.js';

export interface SessionRead {
  session: SessionDocument;
  account: Account;
}

interface Kept extends SessionRead {
  /** The AuthChanges generation it was read under (usable only while that is current); null: a hint only. */
  generation: number | null;
  keptAt: number;
}

/**
 * Sessions and their accounts as this process last read them, so that a request need not read
 * them again while nothing about sessions or accounts has changed anywhere (auth-changes.ts says
 * when something has). An entry that may no longer be used still names the session's account,
 * which never changes: a request that must read again reads the session and that account side by
 * side instead of one after the other (the session read decides; a hint it contradicts is
 * ignored). Bounded: the most recent `capacity` sessions, each usable for at most `maxAgeMs`, so
 * a change whose signal was lost still reaches every request after that long; only live
 * sessions are kept, so made-up tokens cannot grow it.
 */
export class KeptSessions {
  private readonly kept = new Map<string, Kept>();

  constructor(
    private readonly capacity = 10_000,
    private readonly maxAgeMs = 15_000,
  ) {}

  /** The kept read, if it was made under `generation` and is younger than maxAgeMs. */
  get(sessionId: string, generation: number): SessionRead | undefined {
    const kept = this.kept.get(sessionId);
    if (!kept || kept.generation !== generation) return undefined;
    return performance.now() - kept.keptAt < this.maxAgeMs ? kept : undefined;
  }

  /** The account a session belongs to, as last read: a hint for reading both at once. */
  ownerOf(sessionId: string): string | undefined {
    return this.kept.get(sessionId)?.account.id;
  }

  /** `generation` null: the read may not be used again, only its owner as a hint. */
  keep(sessionId: string, read: SessionRead, generation: number | null): void {
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

  get size(): number {
    return this.kept.size;
  }
}
