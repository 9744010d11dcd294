/**
 * Shared vocabulary of data envelopment analysis (DEA).
 *
 * Returns to scale of the reference technology, in the envelopment form
 * (Charnes, Cooper & Rhodes 1978; Banker, Charnes & Cooper 1984):
 * - `crs`: constant returns, no constraint on Σλ (the CCR model);
 * - `vrs`: variable returns, Σλ = 1 (the BCC model);
 * - `nirs`: non-increasing returns, Σλ ≤ 1, used to tell increasing from
 *   decreasing returns to scale (Färe, Grosskopf & Lovell 1985).
 */
export type Rts = 'crs' | 'vrs' | 'nirs';

/** Input orientation shrinks inputs radially (θ); output expands outputs (φ). */
export type Orientation = 'input' | 'output';

export const RTS_VALUES: readonly Rts[] = ['crs', 'vrs', 'nirs'];
export const ORIENTATION_VALUES: readonly Orientation[] = ['input', 'output'];

/** Units × variables, all values finite and strictly positive. */
export interface DeaData {
  /** One row per unit, one column per input. */
  readonly inputs: readonly (readonly number[])[];
  /** One row per unit, one column per output. */
  readonly outputs: readonly (readonly number[])[];
}

/** How an LP ended. `infeasible` is a result (e.g. VRS super-efficiency), not an error. */
export type LpStatus = 'optimal' | 'infeasible' | 'iteration-limit';

/** One peer of a unit: a reference unit index and its intensity λ. */
export interface Peer {
  readonly unit: number;
  readonly lambda: number;
}

/** The optimal multipliers (dual prices of the envelopment LP) in data units. */
export interface Multipliers {
  /** Input weights v ≥ 0. */
  readonly v: readonly number[];
  /** Output weights u ≥ 0. */
  readonly u: readonly number[];
  /** Free variable of the convexity row (0 under CRS). */
  readonly u0: number;
}

/** The solution of one unit's envelopment LP. */
export interface UnitSolution {
  readonly status: LpStatus;
  /**
   * Farrell technical efficiency: θ for input orientation, 1/φ for output
   * orientation (the convention of DEAP 2.1), so 1 means efficient and
   * smaller is worse. Above 1 only for super-efficiency or cross-period
   * scores. NaN unless `status` is `optimal`.
   */
  readonly efficiency: number;
  /** The optimal radial factor itself: θ (input) or φ (output). */
  readonly radial: number;
  /** Input slacks s⁻ and output slacks s⁺ in data units (second stage). */
  readonly inputSlacks?: readonly number[];
  readonly outputSlacks?: readonly number[];
  /** Reference units with positive λ, by unit index in the reference data. */
  readonly peers?: readonly Peer[];
  readonly multipliers?: Multipliers;
  /** Simplex pivots over both stages. */
  readonly iterations: number;
}
