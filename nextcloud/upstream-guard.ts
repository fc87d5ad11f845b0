import { BadUserInputError, RateLimitedError } from '../core/errors.js';
import type { NextcloudConnector } from './connector.js';

/**
 * Keeps one caller from using up a tenant's Nextcloud (issue 10, item 2):
 *
 * - a per-request ceiling: a request may start at most `callsPerRequest` upstream calls. The
 *   GraphQL edge refuses operations whose estimate exceeds the budget before anything runs; this
 *   counts the calls really made, so a resolver the estimate does not know, or a scan of a very
 *   large customer, cannot go past the ceiling either;
 * - a bulkhead per principal: at most `concurrentPerPrincipal` of one customer's (or token's, or
 *   address's) calls are in flight at once, the rest wait their turn, and beyond
 *   `queuedPerPrincipal` waiting calls the caller is told to slow down. One customer's burst then
 *   queues behind itself instead of filling the tenant's connections and timing out everyone.
 *
 * Calls refused here never reach the HTTP client, so they are never counted by the tenant's
 * circuit breaker: a caller who overspends or goes away cannot trip the breaker for the others.
 */
export interface UpstreamGuardLimits {
  callsPerRequest: number;
  concurrentPerPrincipal: number;
  queuedPerPrincipal: number;
}

/**
 * The edge refuses operations whose estimate exceeds UPSTREAM_CALLS_PER_REQUEST before any call.
 * The estimate counts a list as its first page; a list that scans a large customer's records reads
 * up to twenty pages per owner field (domain/portal-data/list-planner.ts), so the ceiling on calls
 * really made is this many times the estimate's budget: a bound on amplification, not a second
 * estimate.
 */
export const SCAN_ALLOWANCE = 10;

export const DEFAULT_UPSTREAM_GUARD_LIMITS: Readonly<UpstreamGuardLimits> = {
  callsPerRequest: 20 * SCAN_ALLOWANCE,
  concurrentPerPrincipal: 6,
  queuedPerPrincipal: 100,
};

export class UpstreamBudgetExceededError extends BadUserInputError {
  constructor(budget: number) {
    super(`This request needs more calls to Nextcloud than one request may make (${budget}). Ask for less per request.`);
  }
}

export class RequestCancelledError extends BadUserInputError {
  constructor() {
    super('The request was cancelled.');
  }
}

interface Lane {
  active: number;
  waiting: Array<() => void>;
}

/** The bulkheads of one gateway process, one lane per tenant and principal, dropped when idle. */
export class UpstreamBulkheads {
  readonly limits: UpstreamGuardLimits;
  private readonly lanes = new Map<string, Lane>();

  constructor(limits: Partial<UpstreamGuardLimits> = {}) {
    const merged = { ...DEFAULT_UPSTREAM_GUARD_LIMITS, ...limits };
    this.limits = {
      callsPerRequest: Math.max(1, merged.callsPerRequest),
      concurrentPerPrincipal: Math.max(1, merged.concurrentPerPrincipal),
      queuedPerPrincipal: Math.max(0, merged.queuedPerPrincipal),
    };
  }

  /** A fresh budget for one request, sharing the principal's lane with its other requests. */
  forRequest(tenantId: string, principalKey: string): RequestUpstreamGuard {
    return new RequestUpstreamGuard(this, `${tenantId}\u0000${principalKey}`, this.limits.callsPerRequest);
  }

  /** Calls of a lane in flight and waiting; for tests and metrics. */
  load(tenantId: string, principalKey: string): { active: number; waiting: number } {
    const lane = this.lanes.get(`${tenantId}\u0000${principalKey}`);
    return { active: lane?.active ?? 0, waiting: lane?.waiting.length ?? 0 };
  }

  /**
   * Lanes held in memory; for tests and metrics. Idle lanes are dropped, so this stays bounded by
   * the principals with calls in flight, not by every address that ever called.
   */
  get laneCount(): number {
    return this.lanes.size;
  }

  /** Resolves with a release function once the lane has room. */
  async enter(key: string, isCancelled: () => boolean): Promise<() => void> {
    let lane = this.lanes.get(key);
    if (!lane) {
      lane = { active: 0, waiting: [] };
      this.lanes.set(key, lane);
    }
    if (lane.active < this.limits.concurrentPerPrincipal) {
      lane.active += 1;
    } else {
      if (lane.waiting.length >= this.limits.queuedPerPrincipal) {
        throw new RateLimitedError(1, 'Too many requests at once. Please wait and try again.');
      }
      // A leaving call hands its slot over directly, so `active` stays as it is.
      const current = lane;
      await new Promise<void>((resolve) => current.waiting.push(resolve));
    }
    const entered = lane;
    if (isCancelled()) {
      this.leave(key, entered);
      throw new RequestCancelledError();
    }
    return once(() => this.leave(key, entered));
  }

  /** Hands the slot straight to the next waiter, or frees it (and the lane, when idle). */
  private leave(key: string, lane: Lane): void {
    const next = lane.waiting.shift();
    if (next) {
      next();
      return;
    }
    lane.active -= 1;
    if (lane.active === 0) this.lanes.delete(key);
  }
}

function once(fn: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    fn();
  };
}

/** One request's view: its remaining budget and its principal's lane. */
export class RequestUpstreamGuard {
  private spent = 0;
  private cancelled = false;

  constructor(
    private readonly bulkheads: UpstreamBulkheads,
    private readonly laneKey: string,
    readonly budget: number,
  ) {}

  get callsMade(): number {
    return this.spent;
  }

  /** The client went away: calls not yet started are refused instead of sent. */
  cancel(): void {
    this.cancelled = true;
  }

  /** Runs `fn`, which makes `calls` upstream calls, within the budget and the principal's lane. */
  async run<T>(calls: number, fn: () => Promise<T>): Promise<T> {
    if (this.cancelled) throw new RequestCancelledError();
    if (this.spent + calls > this.budget) throw new UpstreamBudgetExceededError(this.budget);
    this.spent += calls;
    const release = await this.bulkheads.enter(this.laneKey, () => this.cancelled);
    try {
      return await fn();
    } finally {
      release();
    }
  }
}

type ReadMethods = Pick<NextcloudConnector, 'listObjects' | 'getObjectsByIds'>;

/**
 * The connector's read calls as one request may make them: each charged to the request's budget
 * and run in its principal's lane. Without a guard (jobs, CLIs, tests) the connector is returned
 * as it is. `_ids` lookups are split into chunks by the connector, one call per chunk.
 */
export function guardedReads<C extends ReadMethods>(
  connector: C,
  guard: RequestUpstreamGuard | undefined,
  idsPerCall = 100,
): ReadMethods {
  if (!guard) return connector;
  return {
    listObjects: (resource, query) => guard.run(1, () => connector.listObjects(resource, query)),
    getObjectsByIds: (resource, ids, options) =>
      guard.run(Math.max(1, Math.ceil(new Set(ids).size / idsPerCall)), () => connector.getObjectsByIds(resource, ids, options)),
  };
}
