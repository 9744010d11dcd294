import chisquareCdf from '@stdlib/stats-base-dists-chisquare-cdf';
import type { Matrix } from '../matrix.js';
import { logDetSpd } from '../linalg/cholesky.js';

export type BartlettResult =
  | {
      readonly computable: true;
      readonly chiSquare: number;
      readonly df: number;
      readonly pValue: number;
      /** ln |R|, from the Cholesky factor. */
      readonly logDeterminant: number;
    }
  | { readonly computable: false; readonly reason: string };

/**
 * Bartlett's (1950/1951) test of sphericity, H0: R = I, as
 * psych::cortest.bartlett and SPSS compute it:
 *
 *   χ² = −(n − 1 − (2p + 5)/6) ln |R|,   df = p(p − 1)/2.
 *
 * ln |R| is taken as 2 Σ ln L_ii from the Cholesky factor, never from |R|
 * itself, which underflows for a few dozen correlated indicators. A matrix
 * that is not positive definite (singular, e.g. fewer rows than indicators)
 * gives `{ computable: false, reason }`; so does n − 1 − (2p + 5)/6 ≤ 0.
 */
export function bartlettSphericity(r: Matrix, n: number): BartlettResult {
  const p = r.length;
  const logDeterminant = logDetSpd(r);
  if (logDeterminant === undefined) {
    return { computable: false, reason: 'the correlation matrix is not positive definite, so ln|R| is −∞' };
  }
  const factor = n - 1 - (2 * p + 5) / 6;
  if (!(factor > 0)) {
    return { computable: false, reason: `too few rows (${n}) for ${p} indicators: n − 1 − (2p + 5)/6 is not positive` };
  }
  const chiSquare = -factor * logDeterminant;
  const df = (p * (p - 1)) / 2;
  return { computable: true, chiSquare, df, pValue: 1 - chisquareCdf(chiSquare, df), logDeterminant };
}
