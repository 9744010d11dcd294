import type { EnvelopmentSolver, WarmStart } from './envelopment-solver.js';
import type { PackedData } from './pack-data.js';
import type { Peer, UnitSolution } from './types.js';

/** What to extract from a solve besides the score. */
export interface ExtractOptions {
  readonly slacks: boolean;
  readonly peers: boolean;
  readonly multipliers: boolean;
}

/**
 * Solves one unit's envelopment LP with `solver` against the reference
 * units `candidates[0..count)` of `reference`, and converts the answer back
 * to data units: slacks times the variable scales, multipliers divided by
 * them. `evaluated` is the unit's own scaled vector (same scales).
 * `warm`, if given, starts from a first-stage optimal basis of another
 * unit against the same candidates (see `EnvelopmentSolver`).
 *
 * Multipliers are the first-stage dual prices: v = input weights,
 * u = output weights, u0 = price of the convexity row, so that
 * θ = u·y_o + u0 (input orientation) and φ = v·x_o − u0 (output).
 */
export function solveUnit(
  solver: EnvelopmentSolver,
  reference: PackedData,
  candidates: Int32Array,
  count: number,
  evaluated: Float64Array,
  extract: ExtractOptions,
  warm: WarmStart | null = null,
): UnitSolution {
  const status = solver.solve(reference.values, candidates, count, evaluated, extract.slacks, -Infinity, warm);
  const iterations = solver.pivots();
  if (status !== 'optimal') {
    return { status, efficiency: Number.NaN, radial: Number.NaN, iterations };
  }
  const { m, s, scales } = reference;
  const radial = solver.radial();
  const efficiency = solver.orientation === 'input' ? radial : 1 / radial;
  const solution: {
    -readonly [K in keyof UnitSolution]: UnitSolution[K];
  } = { status, efficiency, radial, iterations };

  if (extract.slacks) {
    const scaled = solver.slacks();
    solution.inputSlacks = Array.from({ length: m }, (_, i) => scaled[i] * scales[i]);
    solution.outputSlacks = Array.from({ length: s }, (_, r) => scaled[m + r] * scales[m + r]);
  }
  if (extract.peers) {
    const { positions, values } = solver.lambdas();
    const peers: Peer[] = positions.map((p, i) => ({ unit: candidates[p], lambda: values[i] }));
    peers.sort((a, b) => a.unit - b.unit);
    solution.peers = peers;
  }
  if (extract.multipliers) {
    const pi = solver.duals();
    solution.multipliers = {
      v: Array.from({ length: m }, (_, i) => -pi[i] / scales[i]),
      u: Array.from({ length: s }, (_, r) => pi[m + r] / scales[m + r]),
      u0: solver.rows > m + s ? pi[m + s] : 0,
    };
  }
  return solution;
}

/** The scaled vector of unit `j` of packed data, as the solver reads it. */
export function unitVector(data: PackedData, j: number): Float64Array {
  const k = data.m + data.s;
  return data.values.subarray(j * k, (j + 1) * k);
}
