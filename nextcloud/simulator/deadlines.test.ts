import { describe, expect, it } from 'vitest';
import { Deadlines } from './deadlines.js';

describe('Deadlines', () => {
  it('releases each answer at its deadline, never before, so answers due together leave together', async () => {
    const deadlines = new Deadlines();
    const spreads: number[] = [];
    for (let round = 0; round < 20; round++) {
      const first = performance.now() + 20;
      const due = [first, first + 0.1, first + 0.2];
      const released = await Promise.all(due.map((deadline) => deadlines.until(deadline).then(() => performance.now())));
      released.forEach((at, i) => expect(at).toBeGreaterThanOrEqual(due[i]!));
      spreads.push(Math.max(...released) - Math.min(...released));
    }
    // A timer alone fires on a whole millisecond of the loop's clock: early, or a tick apart. The
    // median round leaves room for a busy machine that delays one turn of the loop now and then.
    expect(spreads.sort((a, b) => a - b)[10]).toBeLessThan(0.6);
  });

  it('an earlier deadline that comes in after a later one is still released on time', async () => {
    const deadlines = new Deadlines();
    const started = performance.now();
    const late = deadlines.until(started + 60).then(() => performance.now() - started);
    const early = deadlines.until(started + 10).then(() => performance.now() - started);
    const [lateAt, earlyAt] = await Promise.all([late, early]);
    expect(earlyAt).toBeGreaterThanOrEqual(10);
    expect(earlyAt).toBeLessThan(40);
    expect(lateAt).toBeGreaterThanOrEqual(60);
  });

  it('answers at once when the deadline has passed', async () => {
    const deadlines = new Deadlines();
    const started = performance.now();
    await deadlines.until(started - 1);
    expect(performance.now() - started).toBeLessThan(1);
  });
});
