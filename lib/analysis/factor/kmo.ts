import type { Matrix } from '../matrix.js';
import { inverseSpd } from '../linalg/cholesky.js';

export type KmoResult =
  | {
      readonly computable: true;
      readonly overall: number | null;
      readonly perIndicator: (number | null)[];
    }
  | { readonly computable: false; readonly reason: string };

/**
 * Kaiser–Meyer–Olkin measure of sampling adequacy (Kaiser 1970; Kaiser &
 * Rice 1974), overall and per indicator (MSA_i), as psych::KMO computes it:
 *
 *   q_ij = −(R⁻¹)_ij / √((R⁻¹)_ii (R⁻¹)_jj)      (anti-image / partial correlations)
 *   MSA   = Σ_{i≠j} r_ij² / (Σ_{i≠j} r_ij² + Σ_{i≠j} q_ij²)
 *   MSA_i = Σ_{j≠i} r_ij² / (Σ_{j≠i} r_ij² + Σ_{j≠i} q_ij²)
 *
 * It needs R⁻¹; when R is not positive definite to working precision the
 * result is `{ computable: false, reason }` instead of a number that rounding
 * made up. An indicator uncorrelated with every other one has r_ij = q_ij = 0
 * for all j, so its MSA_i is 0/0: it is null (psych::KMO prints NaN), and so
 * is the overall MSA when no two indicators correlate at all.
 */
export function kmo(r: Matrix): KmoResult {
  const p = r.length;
  const inv = inverseSpd(r);
  if (inv === undefined) {
    return { computable: false, reason: 'the correlation matrix is not positive definite, so it has no inverse' };
  }
  let sumR = 0;
  let sumQ = 0;
  const perIndicator: (number | null)[] = [];
  for (let i = 0; i < p; i++) {
    let ri = 0;
    let qi = 0;
    for (let j = 0; j < p; j++) {
      if (i === j) continue;
      const q = -inv[i][j] / Math.sqrt(inv[i][i] * inv[j][j]);
      ri += r[i][j] * r[i][j];
      qi += q * q;
    }
    perIndicator.push(ratioOrNull(ri, ri + qi));
    sumR += ri;
    sumQ += qi;
  }
  return { computable: true, overall: ratioOrNull(sumR, sumR + sumQ), perIndicator };
}

function ratioOrNull(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}
