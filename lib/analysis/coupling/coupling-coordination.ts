import type { Vector } from '../matrix.js';
import { type CouplingFormula, couplingDegree } from './coupling-degree.js';

export interface CouplingCoordinationOptions {
  /** Formula of the coupling degree C; classic by default. */
  readonly formula?: CouplingFormula;
  /**
   * Contribution weights α_k of the comprehensive index T, one per
   * subsystem, each ≥ 0 and summing to 1 (within 1e-9). Equal by default.
   */
  readonly alpha?: Vector;
}

export interface CouplingCoordination {
  /** Coupling degree, in [0, 1]. */
  readonly C: number;
  /** Comprehensive development index T = Σ α_k U_k. */
  readonly T: number;
  /** Coupling coordination degree D = √(C · T). */
  readonly D: number;
}

/** How far Σ α_k may stray from 1 before the weights are rejected. */
export const ALPHA_SUM_TOLERANCE = 1e-9;

/**
 * The coupling coordination degree model (Liao 1999; see couplingDegree for
 * both forms of C):
 *
 *   T = Σ_k α_k U_k,   D = √(C · T)
 *
 * With U in [0, 1] and α summing to 1, T and D are in [0, 1]. Any U_k = 0
 * gives C = 0 and hence D = 0.
 *
 * Throws a RangeError for an α of the wrong length, a negative or
 * non-finite α_k, or α not summing to 1; and whatever couplingDegree
 * throws for the indices.
 */
export function couplingCoordination(
  u: Vector,
  options: CouplingCoordinationOptions = {},
): CouplingCoordination {
  const alpha = options.alpha ?? u.map(() => 1 / u.length);
  checkAlpha(alpha, u.length);

  const C = couplingDegree(u, options.formula ?? 'classic');
  const T = u.reduce((sum, value, k) => sum + alpha[k] * value, 0);
  return { C, T, D: Math.sqrt(C * T) };
}

function checkAlpha(alpha: Vector, n: number): void {
  if (alpha.length !== n) {
    throw new RangeError(`couplingCoordination: ${alpha.length} weights α given for ${n} subsystems`);
  }
  alpha.forEach((a, k) => {
    if (!Number.isFinite(a) || a < 0) {
      throw new RangeError(`couplingCoordination: weight α_${k} must be a finite number ≥ 0, got ${a}`);
    }
  });
  const total = alpha.reduce((a, b) => a + b, 0);
  if (Math.abs(total - 1) > ALPHA_SUM_TOLERANCE) {
    throw new RangeError(`couplingCoordination: weights α must sum to 1, they sum to ${total}`);
  }
}
