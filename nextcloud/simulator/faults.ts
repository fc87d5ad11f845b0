import { json, type SimResponse } from './http.js';
import { seededRandom } from './ids.js';

/**
 * Fault injection for one instance. Decisions use a seeded generator so a run with the same seed
 * fails the same requests; `errorRate` 0 and 1 are exact whatever the seed.
 */

export interface SimulatorFaults {
  /** How long every call takes from arrival to answer, the simulator's own work included. */
  latencyMs: number;
  errorRate: number;
  down: boolean;
  /** Optional hourly request quota: past it, OpenRegister's 429 (§12.1). */
  quota?: number;
  /** Seed for the `errorRate` decisions; setting it restarts the sequence. */
  seed?: number;
}

export const NO_FAULTS: SimulatorFaults = { latencyMs: 0, errorRate: 0, down: false };

export type FaultDecision = { kind: 'pass' } | { kind: 'error' } | { kind: 'quota'; response: SimResponse };

export class FaultState {
  private current: SimulatorFaults = { ...NO_FAULTS };
  private random = seededRandom(1);
  private quotaHour = -1;
  private quotaUsed = 0;

  get faults(): Readonly<SimulatorFaults> {
    return this.current;
  }

  set(update: Partial<SimulatorFaults>): void {
    this.current = { ...this.current, ...update };
    if (update.seed !== undefined) this.random = seededRandom(update.seed);
    if ('quota' in update) this.quotaUsed = 0;
  }

  reset(): void {
    this.current = { ...NO_FAULTS };
    this.random = seededRandom(1);
    this.quotaUsed = 0;
  }

  /** Called once per request that reached the application (not for a dead host). */
  decide(now: number): FaultDecision {
    const { errorRate, quota } = this.current;
    if (errorRate > 0 && (errorRate >= 1 || this.random() < errorRate)) return { kind: 'error' };
    if (quota !== undefined) {
      const hour = Math.floor(now / 3_600_000);
      if (hour !== this.quotaHour) {
        this.quotaHour = hour;
        this.quotaUsed = 0;
      }
      this.quotaUsed += 1;
      if (this.quotaUsed > quota) {
        const resetAt = (hour + 1) * 3_600_000;
        const response = json(
          429,
          { error: 'Request quota exceeded', quota, resetAt: new Date(resetAt).toISOString().replace(/\.\d{3}Z$/, '+00:00') },
          { 'Retry-After': String(Math.max(1, Math.ceil((resetAt - now) / 1000))) },
        );
        return { kind: 'quota', response };
      }
    }
    return { kind: 'pass' };
  }
}
