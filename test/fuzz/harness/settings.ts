/**
 * How many cases each property runs, and with which seed.
 *
 * CI runs a small fixed number of cases per property with a fixed seed, so
 * a failure reproduces exactly and the suite stays within a few minutes on
 * two cores. `SMARTCITY_FUZZ_RUNS=<n>` runs n cases per property instead
 * (thousands locally), and `SMARTCITY_FUZZ_SEED=<n>` explores new inputs;
 * fast-check prints the seed and path of any counterexample it finds.
 */
import type fc from 'fast-check';

const FIXED_SEED = 20_261_203;

export function fuzzParameters<T>(ciRuns: number): fc.Parameters<T> {
  const runs = Number(process.env.SMARTCITY_FUZZ_RUNS ?? ciRuns);
  const seed = Number(process.env.SMARTCITY_FUZZ_SEED ?? FIXED_SEED);
  if (!Number.isInteger(runs) || runs < 1) {
    throw new RangeError(`SMARTCITY_FUZZ_RUNS must be a positive integer, not "${process.env.SMARTCITY_FUZZ_RUNS}"`);
  }
  return { numRuns: runs, seed };
}

/** Time for one property: every case at its bound would be a failure anyway. */
export function propertyTimeout(ciRuns: number): number {
  const runs = Number(process.env.SMARTCITY_FUZZ_RUNS ?? ciRuns);
  return 120_000 + runs * 5_000;
}
