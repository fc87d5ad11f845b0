/**
 * Answers held until a deadline on the performance clock. A Node timer fires on a whole
 * millisecond of the loop's clock, which was read when the loop last woke, so it can fire up to
 * a millisecond or more before or after the moment it was set for. Calls that arrived a fraction
 * of a millisecond apart would then answer a millisecond or more apart, or early. Here one timer
 * (for the earliest deadline) only brings the wait close; the last millisecond is waited out turn
 * by turn of the loop, and every answer due by then is released, so each answers at its deadline
 * and calls sent together answer together.
 */
export class Deadlines {
  private readonly waiting = new Set<{ deadline: number; release: () => void }>();
  /** The deadline the one pending wake-up is for (Infinity: none pending). */
  private wakeFor = Infinity;
  private cancelWake: () => void = () => undefined;

  until(deadline: number): Promise<void> {
    if (deadline <= performance.now()) return Promise.resolve();
    return new Promise<void>((release) => {
      this.waiting.add({ deadline, release });
      this.wake(deadline);
    });
  }

  private wake(deadline: number): void {
    // A wake-up for an earlier deadline is pending: it will arm the next one.
    if (deadline >= this.wakeFor) return;
    this.cancelWake();
    this.wakeFor = deadline;
    const remaining = deadline - performance.now();
    if (remaining < 1) {
      const immediate = setImmediate(() => this.releaseDue());
      this.cancelWake = () => clearImmediate(immediate);
    } else {
      const timer = setTimeout(() => this.releaseDue(), remaining);
      this.cancelWake = () => clearTimeout(timer);
    }
  }

  private releaseDue(): void {
    this.wakeFor = Infinity;
    const now = performance.now();
    let next = Infinity;
    for (const entry of this.waiting) {
      if (entry.deadline <= now) {
        this.waiting.delete(entry);
        entry.release();
      } else next = Math.min(next, entry.deadline);
    }
    if (next !== Infinity) this.wake(next);
  }
}
