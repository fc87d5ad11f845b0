/** A clock tests move by hand, for expiry and lockout windows without sleeping. */
export interface TestClock {
  now(): Date;
  advance(ms: number): void;
  set(at: Date | string): void;
}

export function createTestClock(start: Date | string = '2026-03-02T09:00:00Z'): TestClock {
  let current = new Date(start).getTime();
  return {
    now: () => new Date(current),
    advance: (ms) => {
      current += ms;
    },
    set: (at) => {
      current = new Date(at).getTime();
    },
  };
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
