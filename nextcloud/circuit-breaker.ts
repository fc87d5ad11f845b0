export type CircuitState = 'closed' | 'open' | 'half-open';

export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit. */
  failureThreshold?: number;
  /** How long an open circuit refuses calls before letting one probe through. */
  cooldownMs?: number;
  /** Injectable clock (ms), so tests can move time without waiting. */
  now?: () => number;
}

/**
 * One per tenant: when a tenant's Nextcloud is down, its callers fail fast instead of each waiting
 * for a timeout, and the struggling server gets room to recover. Other tenants are unaffected.
 *
 * closed --N consecutive failures--> open --cool-down--> half-open (one probe)
 *   half-open --probe ok--> closed;  half-open --probe fails--> open (cool-down restarts)
 */
export class CircuitBreaker {
  readonly failureThreshold: number;
  readonly cooldownMs: number;
  private readonly now: () => number;
  private consecutiveFailures = 0;
  private openedAt: number | null = null;
  /**
   * When the half-open probe was let through; minus infinity while no probe is out, so the
   * "probe still out" comparison needs no separate null case.
   */
  private probeStartedAt = Number.NEGATIVE_INFINITY;

  constructor(options: CircuitBreakerOptions = {}) {
    this.failureThreshold = Math.max(1, options.failureThreshold ?? 5);
    this.cooldownMs = Math.max(0, options.cooldownMs ?? 10_000);
    this.now = options.now ?? Date.now;
  }

  get state(): CircuitState {
    if (this.openedAt === null) return 'closed';
    return this.now() - this.openedAt >= this.cooldownMs ? 'half-open' : 'open';
  }

  /**
   * Asks to make one call. Every `true` must be followed by recordSuccess or recordFailure.
   * In half-open only a single probe is admitted; a probe that never reported (a caller bug)
   * stops blocking after another cool-down, so the circuit cannot wedge shut forever.
   */
  tryAcquire(): boolean {
    const state = this.state;
    if (state === 'closed') return true;
    if (state === 'open') return false;
    const now = this.now();
    if (now - this.probeStartedAt < this.cooldownMs) return false;
    this.probeStartedAt = now;
    return true;
  }

  recordSuccess(): void {
    this.consecutiveFailures = 0;
    this.openedAt = null;
    this.probeStartedAt = Number.NEGATIVE_INFINITY;
  }

  /**
   * A call that says nothing about upstream's health because its caller's own time ran out first:
   * an attempt cut shorter than the normal timeout by the caller's budget, or a caller that went
   * away. Counting it as a failure would let one caller's impatience open the circuit for every
   * customer of the tenant (issue 10, item 2), so it counts neither way; a half-open probe that
   * ends like this frees the probe slot, so the next call probes instead of waiting a cool-down.
   */
  recordInconclusive(): void {
    this.probeStartedAt = Number.NEGATIVE_INFINITY;
  }

  /**
   * Failures are only forgotten by a success, which also closes the circuit, so while the circuit
   * is open or half-open the count is already at the threshold: a failed probe (or a late failure
   * of a call let through before the circuit opened) restarts the cool-down.
   */
  recordFailure(): void {
    this.consecutiveFailures += 1;
    if (this.consecutiveFailures >= this.failureThreshold) {
      this.openedAt = this.now();
      this.probeStartedAt = Number.NEGATIVE_INFINITY;
    }
  }
}
