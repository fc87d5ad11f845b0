import { describe, expect, it } from 'vitest';
import { FANOUT, findLastPresent } from './audit.tail-search.js';

/** A dense run 1..n, counting the rounds and lookups a search needs. */
function run(n: number) {
  const stats = { rounds: 0, lookups: 0 };
  const probe = async (positions: number[]) => {
    stats.rounds += 1;
    stats.lookups += positions.length;
    return positions.map((p) => p >= 1 && p <= n);
  };
  return { probe, stats };
}

describe('findLastPresent (the audit chain tail by `_id` lookups)', () => {
  it.each([0, 1, 2, 7, 8, 9, 255, 256, 257, 1000, 99_999, 100_000, 123_457])('finds the end of 1..%i from nothing', async (n) => {
    const { probe } = run(n);
    expect(await findLastPresent(0, probe)).toBe(n);
  });

  it('finds the end from any known position below it', async () => {
    for (const [known, n] of [
      [5, 5],
      [5, 6],
      [100, 5000],
      [99_990, 100_000],
    ] as const) {
      expect(await findLastPresent(known, run(n).probe)).toBe(n);
    }
  });

  it('needs few rounds: one to confirm a known tail, about a dozen from nothing at 100k', async () => {
    const known = run(100_000);
    await findLastPresent(100_000, known.probe);
    expect(known.stats.rounds).toBe(1);
    const cold = run(100_000);
    await findLastPresent(0, cold.probe);
    expect(cold.stats.rounds).toBeLessThanOrEqual(13);
    expect(cold.stats.lookups).toBeLessThanOrEqual(13 * FANOUT);
  });
});
