import type { Vector } from '../matrix.js';

/** classic: Liao's coupling degree; modified: Wang et al. (2021). */
export type CouplingFormula = 'classic' | 'modified';

export const COUPLING_FORMULAS: readonly CouplingFormula[] = ['classic', 'modified'];

/**
 * Coupling degree C of n ≥ 2 subsystem indices U_1 … U_n.
 *
 * classic (the capacity-coupling form of Liao Chongbin 1999, Tropical
 * Geography 19(2), on coordinated development of environment and economy in
 * the Pearl River Delta, in its usual generalization to n subsystems):
 *
 *   C = [ Π_k U_k / ((1/n) Σ_k U_k)^n ]^(1/n)
 *
 * i.e. the geometric mean over the arithmetic mean. For n = 3 this is the
 * form C = [U1·U2·U3 / ((U1+U2+U3)/3)³]^(1/3) of the source method.
 * C is in [0, 1] for U ≥ 0.
 *
 * modified (Wang Shujia, Kong Wei, Ren Liang, Zhi Dandan, Dai Binting 2021,
 * "Research on misuses and modification of coupling coordination degree
 * model in China", Journal of Natural Resources 36(3):793–810,
 * doi:10.31497/zrzyxb.20210319):
 *
 *   C = √{ [1 − Σ_{i>j} |U_i − U_j| / Σ_{m=1}^{n−1} m] × [Π_i (U_i / max U)]^(1/(n−1)) }
 *
 * The first factor penalizes the spread between subsystems (the mean
 * absolute pairwise gap, as Σ_{m=1}^{n−1} m = n(n−1)/2 counts the pairs);
 * the second is the geometric mean of the n − 1 ratios U_i / max U other
 * than the largest (that one is 1). The product reads Π_i (U_i / max U):
 * each index divided by the largest. That reading is the one the
 * CRAN package `coupling` (Lyu, `ccd(method = "wang")`) documents, and the
 * only one that reproduces the paper's own Table 8 for n = 2: from the
 * printed classic C the ratio U_min/U_max follows, and the printed modified
 * C then implies index values inside [0, 1] (e.g. Beijing 2008: U_max ≈
 * 0.32), whereas dividing the plain product by max U implies U > 1 or no
 * solution at all. Requires every U_k in [0, 1], where both factors lie in
 * [0, 1] (the sum of pairwise gaps of n numbers in [0, 1] is at most
 * ⌊n/2⌋⌈n/2⌉ ≤ n(n−1)/2).
 *
 * Degenerate input: if any U_k is 0 the product is 0, so C = 0 (for all
 * U = 0 as well: no development, no coupling), never NaN.
 *
 * Throws a RangeError for fewer than two indices, a negative or non-finite
 * index, an index above 1 under `modified` (beyond rounding, see
 * INDEX_ROUNDING_TOLERANCE), or an unknown formula.
 */
export function couplingDegree(u: Vector, formula: CouplingFormula = 'classic'): number {
  if (!COUPLING_FORMULAS.includes(formula)) {
    throw new RangeError(`couplingDegree: unknown formula "${String(formula)}" (classic or modified)`);
  }
  checkIndices(u, formula);
  if (u.some((value) => value === 0)) return 0;
  if (formula === 'classic') return classicDegree(u);
  return modifiedDegree(u.map((value) => Math.min(1, value)));
}

/**
 * How far above 1 an index may lie under `modified` and still be read as 1.
 * A subsystem index is a weighted sum whose weights sum to 1 only up to
 * rounding, so a unit best on every indicator can score 1 + 2e-16.
 */
export const INDEX_ROUNDING_TOLERANCE = 1e-12;

function classicDegree(u: Vector): number {
  // C is scale-free, so work on U / max U: the mean then stays near 1 even
  // for tiny indices, and the geometric mean is taken in logs so that a
  // long product cannot underflow.
  const n = u.length;
  const max = Math.max(...u);
  const mean = u.reduce((a, b) => a + b / max, 0) / n;
  const logGeometric = u.reduce((a, b) => a + Math.log(b / max), 0) / n;
  return Math.min(1, Math.exp(logGeometric) / mean);
}

function modifiedDegree(u: Vector): number {
  const n = u.length;
  let gaps = 0;
  for (let i = 1; i < n; i++) {
    for (let j = 0; j < i; j++) gaps += Math.abs(u[i] - u[j]);
  }
  const pairs = (n * (n - 1)) / 2;
  const balance = Math.max(0, 1 - gaps / pairs);
  const max = Math.max(...u);
  const logRatios = u.reduce((a, b) => a + Math.log(b / max), 0);
  return Math.sqrt(balance * Math.exp(logRatios / (n - 1)));
}

function checkIndices(u: Vector, formula: CouplingFormula): void {
  if (u.length < 2) {
    throw new RangeError(`couplingDegree: needs at least 2 subsystem indices, got ${u.length}`);
  }
  u.forEach((value, k) => {
    if (!Number.isFinite(value) || value < 0) {
      throw new RangeError(`couplingDegree: index ${k} must be a finite number ≥ 0, got ${value}`);
    }
    if (formula === 'modified' && value > 1 + INDEX_ROUNDING_TOLERANCE) {
      throw new RangeError(`couplingDegree: the modified formula needs indices in [0, 1]; index ${k} is ${value}`);
    }
  });
}
