import type { Matrix } from '../matrix.js';
import { zeros } from '../matrix.js';

/**
 * Cholesky factor L (lower triangular, A = L Lᵀ) of a symmetric positive
 * definite matrix, by the Cholesky–Banachiewicz row order (Golub & Van
 * Loan, Matrix Computations, 4th ed., Algorithm 4.2.1). Returns `undefined`
 * when a pivot is not positive, i.e. the matrix is not positive definite to
 * working precision; callers decide what that means for them.
 */
export function cholesky(a: Matrix): number[][] | undefined {
  const n = a.length;
  const l = zeros(n, n);
  for (let i = 0; i < n; i++) {
    if (a[i].length !== n) throw new RangeError(`cholesky: matrix is not square (row ${i} has ${a[i].length} entries, expected ${n})`);
    for (let j = 0; j <= i; j++) {
      let sum = a[i][j];
      for (let k = 0; k < j; k++) sum -= l[i][k] * l[j][k];
      if (i === j) {
        if (!(sum > 0)) return undefined;
        l[i][i] = Math.sqrt(sum);
      } else {
        l[i][j] = sum / l[j][j];
      }
    }
  }
  return l;
}

/**
 * ln |A| of a symmetric positive definite matrix as 2 Σ ln L_ii from its
 * Cholesky factor, which neither overflows nor underflows where the
 * determinant itself would. `undefined` when A is not positive definite.
 */
export function logDetSpd(a: Matrix): number | undefined {
  const l = cholesky(a);
  if (l === undefined) return undefined;
  let sum = 0;
  for (let i = 0; i < l.length; i++) sum += Math.log(l[i][i]);
  return 2 * sum;
}

/** The inverse of a symmetric positive definite matrix from its Cholesky factor; `undefined` if not SPD. */
export function inverseSpd(a: Matrix): number[][] | undefined {
  const l = cholesky(a);
  if (l === undefined) return undefined;
  const n = l.length;
  // Invert L by forward substitution, then A⁻¹ = L⁻ᵀ L⁻¹.
  const li = zeros(n, n);
  for (let j = 0; j < n; j++) {
    li[j][j] = 1 / l[j][j];
    for (let i = j + 1; i < n; i++) {
      let sum = 0;
      for (let k = j; k < i; k++) sum -= l[i][k] * li[k][j];
      li[i][j] = sum / l[i][i];
    }
  }
  const inv = zeros(n, n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = 0;
      for (let k = i; k < n; k++) sum += li[k][i] * li[k][j];
      inv[i][j] = sum;
      inv[j][i] = sum;
    }
  }
  return inv;
}
