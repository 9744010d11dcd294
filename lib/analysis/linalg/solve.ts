import type { Matrix } from '../matrix.js';

/**
 * Solves A X = B for square A by Gaussian elimination with partial pivoting
 * (Golub & Van Loan, Matrix Computations, 4th ed., Algorithm 3.4.1). B is
 * n × m (several right-hand sides at once). Returns `undefined` when A is
 * singular to working precision: a pivot below n·ε·max|A| in magnitude.
 */
export function solve(a: Matrix, b: Matrix): number[][] | undefined {
  const n = a.length;
  if (b.length !== n) {
    throw new RangeError(`solve: A has ${n} rows but B has ${b.length}`);
  }
  const m = n === 0 ? 0 : b[0].length;
  const lu = a.map((row, i) => {
    if (row.length !== n) throw new RangeError(`solve: A is not square (row ${i} has ${row.length} entries, expected ${n})`);
    return [...row];
  });
  const x = b.map((row) => [...row]);
  let scale = 0;
  for (const row of lu) for (const v of row) scale = Math.max(scale, Math.abs(v));
  const tiny = n * Number.EPSILON * scale;
  for (let k = 0; k < n; k++) {
    let pivot = k;
    for (let i = k + 1; i < n; i++) if (Math.abs(lu[i][k]) > Math.abs(lu[pivot][k])) pivot = i;
    if (!(Math.abs(lu[pivot][k]) > tiny)) return undefined;
    if (pivot !== k) {
      [lu[k], lu[pivot]] = [lu[pivot], lu[k]];
      [x[k], x[pivot]] = [x[pivot], x[k]];
    }
    for (let i = k + 1; i < n; i++) {
      const f = lu[i][k] / lu[k][k];
      if (f === 0) continue;
      for (let j = k; j < n; j++) lu[i][j] -= f * lu[k][j];
      for (let j = 0; j < m; j++) x[i][j] -= f * x[k][j];
    }
  }
  for (let k = n - 1; k >= 0; k--) {
    for (let j = 0; j < m; j++) {
      let sum = x[k][j];
      for (let i = k + 1; i < n; i++) sum -= lu[k][i] * x[i][j];
      x[k][j] = sum / lu[k][k];
    }
  }
  return x;
}

/** The inverse of a square matrix, or `undefined` when it is singular (see `solve`). */
export function inverse(a: Matrix): number[][] | undefined {
  const identity = a.map((_, i) => a.map((__, j) => (i === j ? 1 : 0)));
  return solve(a, identity);
}
