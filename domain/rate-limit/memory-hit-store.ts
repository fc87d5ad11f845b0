import type { Hit, HitStore } from './hit-store.js';

/** Sweep every key at most this often (by the callers' clock), so idle keys do not pile up. */
const SWEEP_INTERVAL_MS = 60_000;

/**
 * Hits in this process's memory, per key in arrival order. A key's expired hits are dropped as
 * soon as it is hit again, and every key is swept once a minute, and at most the newest few hits
 * a decision can look at are kept per key, so memory holds only hits some window still counts,
 * a flood included. Only keys (addresses, account ids) and times are held.
 */
export class MemoryHitStore implements HitStore {
  private readonly byKey = new Map<string, Array<{ at: number; expiresAt: number }>>();
  private lastSweep = -Infinity;

  async add(hit: Hit, keep: number): Promise<void> {
    const now = hit.at.getTime();
    if (now - this.lastSweep >= SWEEP_INTERVAL_MS) this.sweep(now);
    const live = (this.byKey.get(hit.key) ?? []).filter((h) => h.expiresAt > now);
    live.push({ at: now, expiresAt: hit.expiresAt.getTime() });
    if (live.length > keep) live.splice(0, live.length - keep);
    this.byKey.set(hit.key, live);
  }

  async newest(key: string, after: Date, limit: number): Promise<Date[]> {
    const since = after.getTime();
    const hits = this.byKey.get(key) ?? [];
    const found: Date[] = [];
    for (let i = hits.length - 1; i >= 0 && found.length < limit; i--) {
      if (hits[i]!.at > since) found.push(new Date(hits[i]!.at));
    }
    return found.sort((a, b) => b.getTime() - a.getTime());
  }

  async removeKey(key: string): Promise<void> {
    this.byKey.delete(key);
  }

  async purge(now: Date): Promise<number> {
    return this.sweep(now.getTime());
  }

  private sweep(now: number): number {
    this.lastSweep = now;
    let removed = 0;
    for (const [key, hits] of this.byKey) {
      const live = hits.filter((h) => h.expiresAt > now);
      removed += hits.length - live.length;
      if (live.length) this.byKey.set(key, live);
      else this.byKey.delete(key);
    }
    return removed;
  }
}
