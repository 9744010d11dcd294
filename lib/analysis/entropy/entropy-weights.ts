import type { Matrix } from '../matrix.js';

export interface EntropyOptions {
  /**
   * A constant added to every value before the shares p_ij are formed, so
   * that no share is exactly 0 (a common variant; 0.01 or 0.0001 are usual
   * choices). 0 keeps the textbook method. Must be finite and ≥ 0.
   */
  readonly shift?: number;
}

export interface EntropyWeights {
  /** Information entropy e_j of each column, in [0, 1]. */
  readonly entropy: number[];
  /** Degree of divergence d_j = 1 − e_j. */
  readonly divergence: number[];
  /** Weights w_j = d_j / Σ d_j: each ≥ 0, summing to 1. */
  readonly weights: number[];
  /** Columns whose (shifted) values sum to 0, treated as e_j = 1. */
  readonly zeroColumns: number[];
  /** True when every d_j is 0 and the weights fell back to 1/m. */
  readonly equalWeightsFallback: boolean;
}

/**
 * The entropy weight method (Shannon entropy applied to indicator
 * weighting; see Zou, Yun & Sun 2006, J. Environ. Sci. 18(5):1020–1023).
 * On normalized values v (n rows × m columns, all ≥ 0), with s = `shift`:
 *
 *   p_ij = (v_ij + s) / Σ_i (v_ij + s)
 *   e_j  = −(1 / ln n) Σ_i p_ij ln p_ij,   with 0 · ln 0 = 0
 *   d_j  = 1 − e_j
 *   w_j  = d_j / Σ_k d_k
 *
 * Degenerate input, each rule chosen so the result is still a valid set of
 * weights rather than NaN:
 * - a column summing to 0 has no distribution to measure; it gets e_j = 1
 *   (no information, d_j = 0) and is listed in `zeroColumns`;
 * - n = 1: ln n = 0 and one row tells nothing about dispersion, so every
 *   e_j = 1 (a single row is a constant column, see next);
 * - a constant column (n = 1 included) is exactly uniform: e_j = 1 and
 *   d_j = 0, set directly rather than summed, so its weight is exactly 0;
 * - when every d_j is 0 (n = 1, or every column constant), the weights
 *   are equal, 1/m, and `equalWeightsFallback` is true.
 * Rounding can leave e_j a hair above 1 for a nearly uniform column; d_j is
 * then clamped to 0 so that no weight is negative.
 *
 * Throws a RangeError for an empty matrix, ragged rows, a negative or
 * non-finite value, or a negative or non-finite shift.
 */
export function entropyWeights(v: Matrix, options: EntropyOptions = {}): EntropyWeights {
  const shift = options.shift ?? 0;
  checkInput(v, shift);

  const m = v[0].length;
  const entropy: number[] = [];
  const zeroColumns: number[] = [];
  for (let j = 0; j < m; j++) {
    const e = columnEntropy(v, j, shift);
    if (e === undefined) zeroColumns.push(j);
    entropy.push(e ?? 1);
  }

  const divergence = entropy.map((e) => Math.max(0, 1 - e));
  const total = divergence.reduce((a, b) => a + b, 0);
  const equalWeightsFallback = total === 0;
  const weights = equalWeightsFallback
    ? divergence.map(() => 1 / m)
    : divergence.map((d) => d / total);

  return { entropy, divergence, weights, zeroColumns, equalWeightsFallback };
}

/** e_j of one column, or undefined when the column sums to 0. */
function columnEntropy(v: Matrix, j: number, shift: number): number | undefined {
  const n = v.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += v[i][j] + shift;
  if (sum === 0) return undefined;
  // A constant column is exactly uniform, e_j = 1; summing n equal terms
  // would leave it a few ulps short and give the column a weight of 1e-16.
  if (v.every((row) => row[j] === v[0][j])) return 1;

  let h = 0;
  for (let i = 0; i < n; i++) {
    const p = (v[i][j] + shift) / sum;
    if (p > 0) h -= p * Math.log(p);
  }
  return h / Math.log(n);
}

function checkInput(v: Matrix, shift: number): void {
  if (!Number.isFinite(shift) || shift < 0) {
    throw new RangeError(`entropyWeights: shift must be a finite number ≥ 0, got ${shift}`);
  }
  if (v.length === 0 || v[0].length === 0) {
    throw new RangeError('entropyWeights: the matrix is empty');
  }
  const m = v[0].length;
  v.forEach((row, i) => {
    if (row.length !== m) {
      throw new RangeError(`entropyWeights: row ${i} has ${row.length} values, expected ${m}`);
    }
    row.forEach((value, j) => {
      if (!Number.isFinite(value) || value < 0) {
        throw new RangeError(
          `entropyWeights: value at row ${i}, column ${j} must be a finite number ≥ 0 (normalize first), got ${value}`,
        );
      }
    });
  });
}
