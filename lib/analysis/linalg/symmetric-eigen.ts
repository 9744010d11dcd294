import type { Matrix } from '../matrix.js';

/** Eigenvalues (descending) and unit eigenvectors (as columns) of a symmetric matrix. */
export interface SymmetricEigen {
  /** Eigenvalues, largest first. */
  readonly values: number[];
  /** n × n; column j is the unit eigenvector of `values[j]`. */
  readonly vectors: number[][];
  /** Number of Jacobi sweeps used. */
  readonly sweeps: number;
  /** True when every off-diagonal element fell below the tolerance. */
  readonly converged: boolean;
}

const MAX_SWEEPS = 100;

/**
 * Eigen decomposition of a real symmetric matrix by the cyclic Jacobi method
 * with threshold (Rutishauser 1971, in Wilkinson & Reinsch, Handbook for
 * Automatic Computation II, contribution II/1; Golub & Van Loan, Matrix
 * Computations, 4th ed., §8.5). Each rotation annihilates one off-diagonal
 * element; sweeps repeat until the off-diagonal mass is negligible relative
 * to the diagonal. Jacobi is chosen over tridiagonal QL because it computes
 * small eigenvalues to high relative accuracy, which matters for a
 * near-singular correlation matrix, and the matrices here are small
 * (tens of indicators), so its O(n³) per sweep costs nothing.
 *
 * The sign of each eigenvector is fixed so that its largest-magnitude entry
 * is positive, making the output deterministic. Only the lower triangle is
 * trusted as given; a matrix that is not square raises a RangeError.
 */
export function symmetricEigen(a: Matrix): SymmetricEigen {
  const n = a.length;
  for (const row of a) {
    if (row.length !== n) {
      throw new RangeError(`symmetricEigen: matrix is ${n} rows by ${row.length} columns, not square`);
    }
  }
  const m = a.map((row, i) => row.map((_, j) => (j <= i ? a[i][j] : a[j][i])));
  for (const row of m) {
    for (const x of row) {
      if (!Number.isFinite(x)) throw new RangeError('symmetricEigen: matrix holds a non-finite value');
    }
  }
  const v: number[][] = m.map((_, i) => m.map((__, j) => (i === j ? 1 : 0)));
  let sweeps = 0;
  let converged = n <= 1;
  for (; sweeps < MAX_SWEEPS && !converged; sweeps++) {
    let off = 0;
    let diag = 0;
    for (let i = 0; i < n; i++) {
      diag += m[i][i] * m[i][i];
      for (let j = 0; j < i; j++) off += m[i][j] * m[i][j];
    }
    // Stop when the off-diagonal part cannot change any eigenvalue in the
    // last bit: ||off||_F below 1e-15·||diag||_F (or exactly zero).
    if (off === 0 || Math.sqrt(off) <= 1e-15 * Math.sqrt(diag)) {
      converged = true;
      break;
    }
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = m[p][q];
        if (apq === 0) continue;
        // Symmetric Schur decomposition of the 2 × 2 block (Golub & Van
        // Loan Algorithm 8.5.1): tan θ chosen as the smaller root so the
        // rotation angle is at most π/4.
        const theta = (m[q][q] - m[p][p]) / (2 * apq);
        const t =
          Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const mkp = m[k][p];
          const mkq = m[k][q];
          m[k][p] = c * mkp - s * mkq;
          m[k][q] = s * mkp + c * mkq;
        }
        for (let k = 0; k < n; k++) {
          const mpk = m[p][k];
          const mqk = m[q][k];
          m[p][k] = c * mpk - s * mqk;
          m[q][k] = s * mpk + c * mqk;
        }
        m[p][q] = 0;
        m[q][p] = 0;
        for (let k = 0; k < n; k++) {
          const vkp = v[k][p];
          const vkq = v[k][q];
          v[k][p] = c * vkp - s * vkq;
          v[k][q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = m.map((_, i) => i).sort((i, j) => m[j][j] - m[i][i]);
  const values = order.map((i) => m[i][i]);
  const vectors = v.map((row) => order.map((j) => row[j]));
  for (let j = 0; j < n; j++) {
    let big = 0;
    for (let i = 0; i < n; i++) {
      if (Math.abs(vectors[i][j]) > Math.abs(vectors[big][j])) big = i;
    }
    if (vectors[big][j] < 0) for (let i = 0; i < n; i++) vectors[i][j] = -vectors[i][j];
  }
  return { values, vectors, sweeps, converged };
}
