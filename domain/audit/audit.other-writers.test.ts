import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_LOOK_AHEAD, OtherWriters } from './audit.other-writers.js';

/** What one writer knows of the others writing the same chain, on a controlled clock. */
describe('a writer’s picture of the other writers', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['performance'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('counts others as writing for a second after a collision or after finding their events, not after finding none', () => {
    const others = new OtherWriters(1_000);
    expect(others.isActive('t1')).toBe(false);
    others.collided('t1');
    expect(others.isActive('t1')).toBe(true);
    expect(others.isActive('t2')).toBe(false);
    vi.advanceTimersByTime(999);
    expect(others.isActive('t1')).toBe(true);
    vi.advanceTimersByTime(2);
    expect(others.isActive('t1')).toBe(false);

    others.sawAdded('t1', 0);
    expect(others.isActive('t1')).toBe(false);
    others.sawAdded('t1', 3);
    expect(others.isActive('t1')).toBe(true);
  });

  it('looks as far ahead as the others’ pace says they got since its tail was the end, within bounds', () => {
    const others = new OtherWriters(1_000);
    // Nothing known yet: the smallest look that can still find the end (one event and the gap after it).
    expect(others.lookAhead('t1')).toBe(2);

    // Others added 4 events in 200 ms, twice: about 0.014 per ms after smoothing.
    for (let i = 0; i < 2; i++) {
      vi.advanceTimersByTime(200);
      others.sawAdded('t1', 4);
    }
    const soon = others.lookAhead('t1');
    vi.advanceTimersByTime(100);
    const later = others.lookAhead('t1');
    expect(later).toBeGreaterThan(soon);
    vi.advanceTimersByTime(10_000);
    expect(others.lookAhead('t1')).toBe(MAX_LOOK_AHEAD);

    // Our own insert makes the tail current again: the look shrinks back.
    others.caughtUp('t1');
    expect(others.lookAhead('t1')).toBe(2);
    // Quiet rounds bring the pace down.
    for (let i = 0; i < 20; i++) {
      vi.advanceTimersByTime(200);
      others.sawAdded('t1', 0);
    }
    vi.advanceTimersByTime(200);
    expect(others.lookAhead('t1')).toBe(2);
  });
});
