/**
 * Lookups sent together in one round. Measured on the embedded engine (2 cores): 4 lookups at
 * once take ≈ 2 lookups' time, 8 at once take longer than 8 one after another.
 */
export const FANOUT = 4;

/**
 * The last present position of a dense run 1..n (n ≥ `known`; 0 means nothing is present), asking
 * `probe` which of some positions are present. Present positions must form a prefix: everything
 * up to n present, everything after absent.
 *
 * First exponentially (known+1, +2, +4, … in rounds of FANOUT) until a position is absent, then
 * narrowing the gap FANOUT+1-fold per round. From nothing to 100,000 that is 5 + 7 rounds; from
 * a tail already known, one round.
 */
export async function findLastPresent(known: number, probe: (positions: number[]) => Promise<boolean[]>): Promise<number> {
  let { present, absent } = await findSomeAbsent(known, probe);
  while (absent - present > 1) {
    const step = (absent - present) / (FANOUT + 1);
    const spread = Array.from({ length: FANOUT }, (_, i) => present + Math.max(1, Math.round(step * (i + 1))));
    const candidates = [...new Set(spread)].filter((candidate) => candidate < absent);
    ({ present, absent } = narrow(present, absent, candidates, await probe(candidates)));
  }
  return present;
}

/** Doubling steps from `known` until one lands past the end: a present and an absent position. */
async function findSomeAbsent(
  known: number,
  probe: (positions: number[]) => Promise<boolean[]>,
): Promise<{ present: number; absent: number }> {
  let present = known;
  for (let exponent = 0; ; exponent += FANOUT) {
    const candidates = Array.from({ length: FANOUT }, (_, i) => known + 2 ** (exponent + i));
    if (!Number.isSafeInteger(candidates[FANOUT - 1])) throw new RangeError('findLastPresent: no end found');
    const round = narrow(present, Infinity, candidates, await probe(candidates));
    if (round.absent !== Infinity) return round;
    present = round.present;
  }
}

/** The highest present and lowest absent position after one round of answers. */
function narrow(present: number, absent: number, candidates: number[], answers: boolean[]): { present: number; absent: number } {
  candidates.forEach((candidate, i) => {
    if (answers[i]) present = Math.max(present, candidate);
    else absent = Math.min(absent, candidate);
  });
  return { present, absent };
}
