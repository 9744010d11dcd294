import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cholesky,
  crossprod,
  inverse,
  inverseSpd,
  logDetSpd,
  multiply,
  solve,
  symmetricEigen,
} from '../../../lib/analysis/linalg/index.js';
import { transpose } from '../../../lib/analysis/matrix.js';
import { readExpected } from '../factor/fixture-data.js';

/** Reconstruction and orthogonality hold to rounding for well-scaled matrices. */
const ROUNDING_TOLERANCE = 1e-12;

const symmetric = fc
  .integer({ min: 1, max: 8 })
  .chain((n) =>
    fc.array(fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: n, maxLength: n }), {
      minLength: n,
      maxLength: n,
    }),
  )
  .map((a) => a.map((row, i) => row.map((_, j) => (j <= i ? a[i][j] : a[j][i]))));

/** B Bᵀ + n I: symmetric positive definite. */
const spd = symmetric.map((b) => multiply(b, transpose(b)).map((row, i) => row.map((v, j) => v + (i === j ? b.length : 0))));

function maxDiff(a: number[][], b: readonly (readonly number[])[]): number {
  return Math.max(...a.map((row, i) => Math.max(...row.map((v, j) => Math.abs(v - b[i][j])))));
}

describe('symmetricEigen', () => {
  it('symmetricEigen(A) reconstructs A = V Λ Vᵀ with orthonormal V, values descending', () => {
    fc.assert(
      fc.property(symmetric, (a) => {
        const e = symmetricEigen(a);
        expect(e.converged).toBe(true);
        const n = a.length;
        const scale = Math.max(1, ...a.flat().map(Math.abs));
        const vl = e.vectors.map((row) => row.map((v, j) => v * e.values[j]));
        expect(maxDiff(multiply(vl, transpose(e.vectors)), a)).toBeLessThan(ROUNDING_TOLERANCE * scale * n);
        const identity = a.map((_, i) => a.map((__, j) => (i === j ? 1 : 0)));
        expect(maxDiff(crossprod(e.vectors), identity)).toBeLessThan(ROUNDING_TOLERANCE * n);
        for (let j = 1; j < n; j++) expect(e.values[j]).toBeLessThanOrEqual(e.values[j - 1]);
      }),
      { numRuns: 200, seed: 7 },
    );
  });

  it('symmetricEigen(hilbert(8)) matches R eigen, including the smallest eigenvalue to relative 1e-6', () => {
    const h = readExpected<{ matrix: number[][]; values: number[] }>('hilbert8-eigen-expected.json');
    const e = symmetricEigen(h.matrix);
    e.values.forEach((v, i) => expect(Math.abs(v - h.values[i])).toBeLessThan(1e-14));
    // Smallest is about 1.1e-10: Jacobi keeps its relative accuracy.
    expect(Math.abs(e.values[7] / h.values[7] - 1)).toBeLessThan(1e-6);
  });

  it('symmetricEigen(A) rejects a non-square matrix', () => {
    expect(() => symmetricEigen([[1, 2]])).toThrow(/not square/);
  });
});

describe('cholesky, solve and inverses', () => {
  it('cholesky(A) gives L Lᵀ = A and logDetSpd agrees with the eigenvalues', () => {
    fc.assert(
      fc.property(spd, (a) => {
        const l = cholesky(a)!;
        const scale = Math.max(...a.flat().map(Math.abs));
        expect(maxDiff(multiply(l, transpose(l)), a)).toBeLessThan(ROUNDING_TOLERANCE * scale);
        const fromEigen = symmetricEigen(a).values.reduce((s, v) => s + Math.log(v), 0);
        expect(Math.abs(logDetSpd(a)! - fromEigen)).toBeLessThan(1e-9 * Math.max(1, Math.abs(fromEigen)));
      }),
      { numRuns: 200, seed: 11 },
    );
  });

  it('inverseSpd(A) and inverse(A) give A A⁻¹ = I', () => {
    fc.assert(
      fc.property(spd, (a) => {
        const identity = a.map((_, i) => a.map((__, j) => (i === j ? 1 : 0)));
        expect(maxDiff(multiply(a, inverseSpd(a)!), identity)).toBeLessThan(1e-9);
        expect(maxDiff(multiply(a, inverse(a)!), identity)).toBeLessThan(1e-9);
      }),
      { numRuns: 200, seed: 13 },
    );
  });

  it('cholesky(A) and solve(A, B) return undefined for a singular matrix', () => {
    const singular = [
      [1, 2],
      [2, 4],
    ];
    expect(cholesky(singular)).toBeUndefined();
    expect(logDetSpd(singular)).toBeUndefined();
    expect(solve(singular, [[1], [2]])).toBeUndefined();
  });
});
