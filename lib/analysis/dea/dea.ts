import { efficientFrame, survivors } from './efficient-frame.js';
import { DualFeasibleBases, EnvelopmentSolver, type WarmStart } from './envelopment-solver.js';
import {
  checkDeaData,
  DeaDataError,
  packData,
  type PackedData,
  selectUnits,
  variableScales,
} from './pack-data.js';
import { solveUnit, unitVector } from './solve-unit.js';
import { WarmStartGrid } from './warm-start-grid.js';
import {
  type DeaData,
  ORIENTATION_VALUES,
  type Orientation,
  RTS_VALUES,
  type Rts,
  type UnitSolution,
} from './types.js';

export interface DeaOptions {
  /** Returns to scale of the technology; default 'crs' (the CCR model). */
  readonly rts?: Rts;
  /** Default 'input'. */
  readonly orientation?: Orientation;
  /** Second-stage slacks (max slack sum with the radial score fixed); default true. */
  readonly slacks?: boolean;
  /** Peers and their λ; default true. */
  readonly peers?: boolean;
  /** Optimal multipliers (dual prices); default false. */
  readonly multipliers?: boolean;
}

export interface ResolvedDeaOptions {
  readonly rts: Rts;
  readonly orientation: Orientation;
  readonly slacks: boolean;
  readonly peers: boolean;
  readonly multipliers: boolean;
}

/**
 * The reference side of a DEA problem, reduced to its frame: the units that
 * span the technology, with their data already scaled. Plain arrays only, so
 * a frame can be written to a chunk file and solved against elsewhere.
 */
export interface DeaFrame {
  readonly rts: Rts;
  readonly m: number;
  readonly s: number;
  /** Variable divisors (inputs then outputs) shared by frame and evaluated units. */
  readonly scales: readonly number[];
  /** Indices of the frame units in the reference data. */
  readonly units: readonly number[];
  /** Their scaled values, unit-major, m + s per unit. */
  readonly values: readonly number[];
  /** Units in the reference data. */
  readonly referenceSize: number;
  /** LPs solved to find the frame. */
  readonly lps: number;
}

export interface DeaResult {
  readonly options: ResolvedDeaOptions;
  readonly units: readonly UnitSolution[];
  /** Indices of the frame units (a superset of the extreme efficient units). */
  readonly frame: readonly number[];
  /** Simplex pivots of the per-unit LPs (the frame search not counted). */
  readonly iterations: number;
}

/** Fills defaults and rejects unknown method names with a RangeError. */
export function resolveDeaOptions(options: DeaOptions = {}): ResolvedDeaOptions {
  const rts = options.rts ?? 'crs';
  const orientation = options.orientation ?? 'input';
  if (!RTS_VALUES.includes(rts)) {
    throw new RangeError(`unknown returns to scale "${String(rts)}" (use ${RTS_VALUES.join(', ')})`);
  }
  if (!ORIENTATION_VALUES.includes(orientation)) {
    throw new RangeError(
      `unknown orientation "${String(orientation)}" (use ${ORIENTATION_VALUES.join(', ')})`,
    );
  }
  return {
    rts,
    orientation,
    slacks: options.slacks ?? true,
    peers: options.peers ?? true,
    multipliers: options.multipliers ?? false,
  };
}

/**
 * The frame of `reference` for a technology with returns to scale `rts`
 * (see `efficientFrame`). `scales` lets several data sets share one scaling,
 * as cross-period problems must; by default the reference's own maxima.
 */
export function deaFrame(reference: DeaData, rts: Rts, scales?: Float64Array): DeaFrame {
  checkDeaData(reference);
  const packed = packData(reference, scales ?? variableScales(reference));
  const found = efficientFrame(packed, rts === 'crs' ? 'crs' : 'vrs');
  const k = packed.m + packed.s;
  const values: number[] = new Array(found.units.length * k);
  found.units.forEach((j, p) => {
    for (let t = 0; t < k; t++) values[p * k + t] = packed.values[j * k + t];
  });
  return {
    rts,
    m: packed.m,
    s: packed.s,
    scales: Array.from(packed.scales),
    units: Array.from(found.units),
    values,
    referenceSize: packed.n,
    lps: found.lps,
  };
}

/**
 * The frame of `reference` found among `candidates` (indices of reference
 * units) only, which must include every extreme efficient unit. The union
 * of the frames of parts that cover the reference is such a set: a unit
 * extreme efficient among all units is so within its part, with fewer
 * competitors. And a unit inefficient among all units is dominated by a
 * combination of extreme efficient ones, which are all candidates, so the
 * search drops it. Parts can thus be searched in parallel and merged here.
 * Pass the `scales` the parts were searched with (by default the
 * reference's own, as `deaFrame` uses).
 */
export function deaFrameAmong(
  reference: DeaData,
  candidates: readonly number[],
  rts: Rts,
  scales: Float64Array = variableScales(reference),
): DeaFrame {
  const ids = [...new Set(candidates)].sort((a, b) => a - b);
  checkUnitIndices(ids, reference.inputs.length);
  const found = deaFrame(
    selectUnits(reference, ids),
    rts,
    scales,
  );
  return { ...found, units: found.units.map((p) => ids[p]), referenceSize: reference.inputs.length };
}

/**
 * The units of `tested` (indices of reference units) not proved inefficient
 * against the reference units `candidates`, which must include every
 * extreme efficient unit: what stays of `tested` in the frame. Calls for
 * disjoint `tested` sets against the same candidates are independent, so a
 * merge of part frames (see `deaFrameAmong`) can be split across threads
 * and the survivors joined with `frameOfUnits`.
 */
export function frameSurvivors(
  reference: DeaData,
  candidates: readonly number[],
  tested: readonly number[],
  rts: Rts,
  scales: Float64Array = variableScales(reference),
): number[] {
  checkDeaData(reference);
  checkUnitIndices(candidates, reference.inputs.length);
  checkUnitIndices(tested, reference.inputs.length);
  const ids = [...new Set([...candidates, ...tested])].sort((a, b) => a - b);
  const position = new Map(ids.map((j, p) => [j, p]));
  const packed = packData(
    selectUnits(reference, ids),
    scales,
  );
  const kept = survivors(
    packed,
    Int32Array.from(candidates, (j) => position.get(j)!),
    Int32Array.from(tested, (j) => position.get(j)!),
    rts === 'crs' ? 'crs' : 'vrs',
  );
  return Array.from(kept, (p) => ids[p]);
}

/**
 * The frame made of the reference units `units` as they are, without a
 * search: for units already known to include every extreme efficient unit,
 * such as the survivors of `frameSurvivors`.
 */
export function frameOfUnits(
  reference: DeaData,
  units: readonly number[],
  rts: Rts,
  scales: Float64Array = variableScales(reference),
): DeaFrame {
  checkDeaData(reference);
  const ids = [...new Set(units)].sort((a, b) => a - b);
  if (ids.length === 0) throw new DeaDataError('a frame needs at least one unit');
  checkUnitIndices(ids, reference.inputs.length);
  const packed = packData(
    selectUnits(reference, ids),
    scales,
  );
  return {
    rts,
    m: packed.m,
    s: packed.s,
    scales: Array.from(packed.scales),
    units: ids,
    values: Array.from(packed.values),
    referenceSize: reference.inputs.length,
    lps: 0,
  };
}

/**
 * Scores each unit of `evaluated` against a frame. The evaluated units need
 * not belong to the reference (cross-period and super-efficiency problems);
 * then vrs and nirs problems may be infeasible, which is reported in the
 * unit's `status`. Peers name units of the reference data.
 */
export function solveAgainstFrame(
  frame: DeaFrame,
  evaluated: DeaData,
  options: DeaOptions = {},
): UnitSolution[] {
  const resolved = resolveDeaOptions({ ...options, rts: options.rts ?? frame.rts });
  checkDeaData(evaluated);
  if (evaluated.inputs[0].length !== frame.m || evaluated.outputs[0].length !== frame.s) {
    throw new DeaDataError(
      `evaluated units have ${evaluated.inputs[0].length} inputs and ${evaluated.outputs[0].length} outputs; the frame has ${frame.m} and ${frame.s}`,
    );
  }
  if (frame.rts === 'crs' && resolved.rts !== 'crs') {
    throw new RangeError(`a crs frame cannot answer a ${resolved.rts} problem; build a vrs frame`);
  }
  const scales = Float64Array.from(frame.scales);
  const reference: PackedData = {
    m: frame.m,
    s: frame.s,
    n: frame.units.length,
    values: Float64Array.from(frame.values),
    scales,
  };
  const target = packData(evaluated, scales);
  const solver = newSolver(reference, resolved);
  solver.rememberDualFeasibleBases(new DualFeasibleBases());
  const candidates = Int32Array.from({ length: reference.n }, (_, p) => p);
  const warm = warmStarts(solver, reference, candidates, frame.referenceSize, resolved);
  const out: UnitSolution[] = [];
  for (let j = 0; j < target.n; j++) {
    const own = unitVector(target, j);
    const solved = solveUnit(solver, reference, candidates, reference.n, own, resolved, warm(own));
    out.push(mapPeers(solved, frame.units));
  }
  return out;
}

/**
 * Where each unit's solve starts: the first-stage optimal basis of the
 * centre of its `WarmStartGrid` cell, solved cold the first time the cell
 * is met, with the WARM_COLUMNS frame units of smallest reduced cost at the
 * centre's optimum as the columns the dual simplex may bring in (null, a
 * cold start, when there is no grid or the centre's LP has no optimum).
 * Depends on the reference and the unit only, never on the other units
 * evaluated, so chunked runs give the answers of a whole run.
 */
function warmStarts(
  solver: EnvelopmentSolver,
  reference: PackedData,
  candidates: Int32Array,
  referenceSize: number,
  options: ResolvedDeaOptions,
): (unit: Float64Array) => WarmStart | null {
  const grid = WarmStartGrid.build(reference, referenceSize, options.rts, options.orientation);
  if (grid === null) return () => null;
  const starts = new Map<number, WarmStart | null>();
  return (unit) => {
    const cell = grid.cellOf(unit);
    let start = starts.get(cell);
    if (start === undefined) {
      const centre = grid.centre(cell);
      const status = centre && solver.solve(reference.values, candidates, reference.n, centre, false);
      const basis = status === 'optimal' ? solver.firstStageBasis() : null;
      start = basis && { basis, columns: tightestColumns(reference, solver.duals(), WARM_COLUMNS) };
      starts.set(cell, start);
    }
    return start;
  };
}

/** Frame units a warm start's dual simplex may bring in. */
const WARM_COLUMNS = 48;

/**
 * Positions of the `count` reference units with the smallest reduced cost
 * −π·a_j under the dual prices `pi` (the units closest to the optimal
 * facet), or null when there are no more units than that.
 */
function tightestColumns(reference: PackedData, pi: Float64Array, count: number): Int32Array | null {
  const { n, values } = reference;
  if (n <= count) return null;
  const k = reference.m + reference.s;
  const conv = pi.length > k ? pi[k] : 0;
  const kept = new Int32Array(count);
  const keptD = new Float64Array(count).fill(Infinity);
  for (let j = 0; j < n; j++) {
    let dot = conv;
    for (let t = 0; t < k; t++) dot += pi[t] * values[j * k + t];
    const d = -dot;
    if (d >= keptD[count - 1]) continue;
    let i = count - 1;
    while (i > 0 && keptD[i - 1] > d) {
      kept[i] = kept[i - 1];
      keptD[i] = keptD[i - 1];
      i--;
    }
    kept[i] = j;
    keptD[i] = d;
  }
  return kept;
}

/**
 * Data envelopment analysis of every unit against all units: the CCR
 * (rts 'crs'; Charnes, Cooper & Rhodes 1978) or BCC (rts 'vrs'; Banker,
 * Charnes & Cooper 1984) envelopment model, or the non-increasing-returns
 * model ('nirs'), in input or output orientation, with second-stage slacks,
 * peers and optionally multipliers. The frame is found first and every
 * unit is then solved against it only.
 *
 * Degenerate input: data must be finite and strictly positive
 * (`DeaDataError` names the cells otherwise).
 */
export function dea(data: DeaData, options: DeaOptions = {}): DeaResult {
  const resolved = resolveDeaOptions(options);
  const frame = deaFrame(data, resolved.rts);
  const units = solveAgainstFrame(frame, data, resolved);
  let iterations = 0;
  for (const u of units) iterations += u.iterations;
  return { options: resolved, units, frame: frame.units, iterations };
}

/** Each unit of `evaluated` against the technology of `reference`, sharing one scaling. */
export function deaAgainst(
  reference: DeaData,
  evaluated: DeaData,
  options: DeaOptions = {},
): UnitSolution[] {
  const resolved = resolveDeaOptions(options);
  checkDeaData(evaluated);
  const scales = variableScales(reference, evaluated);
  const frame = deaFrame(reference, resolved.rts, scales);
  return solveAgainstFrame(frame, evaluated, resolved);
}

export function newSolver(reference: PackedData, options: ResolvedDeaOptions): EnvelopmentSolver {
  const solver = new EnvelopmentSolver(reference.m, reference.s, options.rts, options.orientation);
  solver.setSlackWeights(reference.scales);
  return solver;
}

function checkUnitIndices(units: readonly number[], n: number): void {
  for (const j of units) {
    if (!Number.isInteger(j) || j < 0 || j >= n) {
      throw new RangeError(`unit ${j} is not a unit of the reference (0 to ${n - 1})`);
    }
  }
}

function mapPeers(solution: UnitSolution, units: readonly number[]): UnitSolution {
  if (!solution.peers) return solution;
  return {
    ...solution,
    peers: solution.peers.map((p) => ({ unit: units[p.unit], lambda: p.lambda })),
  };
}
