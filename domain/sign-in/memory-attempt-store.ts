import type { AttemptStore, SignInAttempt } from './attempt-store.js';

/** Sweep every key at most this often (by the callers' clock), so idle keys do not pile up. */
const SWEEP_INTERVAL_MS = 60_000;

/**
 * Attempts in this process's memory. A key's expired attempts are dropped when it is tried again
 * and every key is swept once a minute, so only attempts some lockout window still counts are
 * held (at most 30 minutes' worth; the per-address rate limit bounds how fast they come).
 */
export class MemoryAttemptStore implements AttemptStore {
  private readonly byKey = new Map<string, SignInAttempt[]>();
  private readonly keyOf = new Map<string, string>();
  private lastSweep = -Infinity;

  async record(attempt: SignInAttempt): Promise<void> {
    const now = attempt.at.getTime();
    if (now - this.lastSweep >= SWEEP_INTERVAL_MS) this.sweep(now);
    const live = this.live(this.byKey.get(attempt.key) ?? [], now);
    live.push({ ...attempt });
    this.byKey.set(attempt.key, live);
    this.keyOf.set(attempt.id, attempt.key);
  }

  async recent(key: string, since: Date, excludeId: string): Promise<Array<{ at: Date; pending: boolean }>> {
    const from = since.getTime();
    return (this.byKey.get(key) ?? [])
      .filter((a) => a.id !== excludeId && a.at.getTime() >= from)
      .map((a) => ({ at: a.at, pending: a.pending }));
  }

  async markFailed(id: string): Promise<void> {
    const attempt = this.find(id);
    if (attempt) attempt.pending = false;
  }

  async forget(id: string): Promise<void> {
    const key = this.keyOf.get(id);
    if (key === undefined) return;
    this.keyOf.delete(id);
    this.keep(
      key,
      this.byKey.get(key)!.filter((a) => a.id !== id),
    );
  }

  async purge(now: Date): Promise<number> {
    return this.sweep(now.getTime());
  }

  private find(id: string): SignInAttempt | undefined {
    const key = this.keyOf.get(id);
    return key === undefined ? undefined : this.byKey.get(key)!.find((a) => a.id === id);
  }

  /** Every id in keyOf has its key in byKey: a key leaves byKey only with its last attempt. */
  private keep(key: string, attempts: SignInAttempt[]): void {
    if (attempts.length) this.byKey.set(key, attempts);
    else this.byKey.delete(key);
  }

  /** Keeps the unexpired attempts, forgetting the ids of the others. */
  private live(attempts: SignInAttempt[], now: number): SignInAttempt[] {
    return attempts.filter((a) => {
      if (a.expiresAt.getTime() > now) return true;
      this.keyOf.delete(a.id);
      return false;
    });
  }

  private sweep(now: number): number {
    this.lastSweep = now;
    let removed = 0;
    for (const [key, attempts] of this.byKey) {
      const live = this.live(attempts, now);
      removed += attempts.length - live.length;
      this.keep(key, live);
    }
    return removed;
  }
}
