import type { Matrix } from '../matrix.js';

/**
 * Relative residual variance 1 − R²_j below which an indicator counts as a
 * linear combination of others. 1e-10 sits far above rounding in a
 * correlation matrix (≈1e-15) and far below any real indicator's unique
 * variance.
 */
export const COLLINEAR_TOLERANCE = 1e-10;

/**
 * Indicators (column indices of a correlation matrix) that are linear
 * combinations of the indicators before them, by a Cholesky factorization
 * that skips such pivots (a rank-revealing elimination in column order; see
 * Higham, Accuracy and Stability of Numerical Algorithms, 2nd ed., §10.3).
 * For each indicator j in turn, 1 − R²_j of its regression on the indicators
 * already kept is the remaining pivot; if it is below `tolerance`, j is
 * reported and not kept.
 *
 * The answer depends on column order: with two identical indicators, the
 * second is named. With fewer rows n than indicators p, rank R ≤ n − 1, so
 * at least p − n + 1 trailing indicators are named.
 */
export function collinearIndicators(r: Matrix, tolerance: number = COLLINEAR_TOLERANCE): number[] {
  const p = r.length;
  const kept: number[] = [];
  // l[j] holds row j of the partial Cholesky factor over the kept pivots.
  const l: number[][] = [];
  const named: number[] = [];
  for (let j = 0; j < p; j++) {
    const row: number[] = [];
    let rest = r[j][j];
    for (let c = 0; c < kept.length; c++) {
      const i = kept[c];
      let s = r[j][i];
      for (let m = 0; m < c; m++) s -= row[m] * l[i][m];
      const v = s / l[i][c];
      row.push(v);
      rest -= v * v;
    }
    if (rest <= tolerance * r[j][j]) {
      named.push(j);
      continue;
    }
    row.push(Math.sqrt(rest));
    l[j] = row;
    kept.push(j);
  }
  return named;
}
