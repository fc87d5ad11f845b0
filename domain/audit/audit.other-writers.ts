/** How far past our tail to look at most in one round of lookups (more at once queue up on the embedded engine). */
export const MAX_LOOK_AHEAD = 6;

interface Pace {
  /** Until when (performance.now()) others are known to be writing the chain. */
  activeUntil: number;
  /** Others' events per millisecond, smoothed over the last catch-ups. */
  ratePerMs: number;
  /** When our remembered tail was last known to be the chain's end. */
  freshAt: number;
}

/**
 * One writer's picture of the other writers (other replicas) of each tenant's chain: whether they
 * are writing right now, and how fast, so that before an insert the writer can look just far
 * enough past its remembered tail to find the real end in one round of `_id` lookups.
 */
export class OtherWriters {
  private readonly paces = new Map<string, Pace>();

  constructor(
    /** How long after the last sign of another writer it counts as still writing. */
    private readonly windowMs: number,
  ) {}

  private pace(tenantId: string): Pace {
    let pace = this.paces.get(tenantId);
    if (!pace) {
      pace = { activeUntil: 0, ratePerMs: 0, freshAt: performance.now() };
      this.paces.set(tenantId, pace);
    }
    return pace;
  }

  isActive(tenantId: string): boolean {
    return (this.paces.get(tenantId)?.activeUntil ?? 0) > performance.now();
  }

  /** Another writer took a seq we wanted. */
  collided(tenantId: string): void {
    this.pace(tenantId).activeUntil = performance.now() + this.windowMs;
  }

  /** Our tail is the chain's end right now (we just wrote it, or just read past it). */
  caughtUp(tenantId: string): void {
    this.pace(tenantId).freshAt = performance.now();
  }

  /** Others had added `added` events since our tail was last the end; our tail is the end again. */
  sawAdded(tenantId: string, added: number): void {
    const pace = this.pace(tenantId);
    const now = performance.now();
    const elapsed = Math.max(1, now - pace.freshAt);
    // Smoothed, so one quiet or one busy moment does not swing the next guess far.
    pace.ratePerMs = 0.7 * pace.ratePerMs + 0.3 * (added / elapsed);
    if (added > 0) pace.activeUntil = now + this.windowMs;
    pace.freshAt = now;
  }

  /** How many events others probably added since our tail was last the end. */
  private expected(tenantId: string): number {
    const pace = this.pace(tenantId);
    return pace.ratePerMs * (performance.now() - pace.freshAt);
  }

  /**
   * How many events past our tail to look at in the first round of a search for the end: what
   * others probably added since our tail was the end, with a margin of two standard deviations
   * (arrivals of independent users' actions are close to Poisson), plus one, so that one round
   * usually reaches a seq that does not exist yet. (Reading fewer and letting the insert find out
   * measured worse: three times the collisions.)
   */
  lookAhead(tenantId: string): number {
    const expected = this.expected(tenantId);
    return Math.min(MAX_LOOK_AHEAD, Math.max(2, Math.ceil(expected + 2 * Math.sqrt(expected)) + 1));
  }
}
