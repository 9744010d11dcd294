import { efficientFrame } from './efficient-frame.js';
import { newSolver, resolveDeaOptions } from './dea.js';
import { checkDeaData, packData, type PackedData } from './pack-data.js';
import { solveUnit, unitVector } from './solve-unit.js';
import type { DeaData, Orientation, Rts, UnitSolution } from './types.js';
import type { EnvelopmentSolver } from './envelopment-solver.js';

/** Units scoring at least 1 − this are treated as efficient. */
const EFFICIENT_TOL = 1e-9;

/**
 * Super-efficiency of Andersen & Petersen (1993, Management Science
 * 39(10):1261–1264): each unit is scored against all other units, so
 * efficient units get scores above 1 (input orientation: θ ≥ 1; output
 * orientation: 1/φ ≥ 1) and can be ranked; inefficient units keep their
 * ordinary score. Under vrs and nirs the LP of an efficient unit can be
 * infeasible (Seiford & Zhu 1999); such units get `status: 'infeasible'`
 * and NaN scores, never a number.
 *
 * Speed: units are first scored against the frame. Only frame units need a
 * second LP, against the frame without themselves; its optimality against
 * all other units is then verified by pricing every remaining unit with
 * the final dual prices, and any unit that prices out is added and the LP
 * solved again (column generation), so the answer is exact even when a
 * unit outside the frame becomes part of the frontier once the evaluated
 * unit is removed.
 */
export function superEfficiency(
  data: DeaData,
  options: { readonly rts?: Rts; readonly orientation?: Orientation } = {},
): UnitSolution[] {
  const resolved = resolveDeaOptions({ ...options, slacks: false, peers: false });
  checkDeaData(data);
  const packed = packData(data);
  const frame = efficientFrame(packed, resolved.rts === 'crs' ? 'crs' : 'vrs').units;
  const solver = newSolver(packed, resolved);
  const extract = { slacks: false, peers: false, multipliers: false };
  const candidates = new Int32Array(packed.n);
  candidates.set(frame);
  const inFrame = new Uint8Array(packed.n);
  for (const j of frame) inFrame[j] = 1;

  const out: UnitSolution[] = [];
  for (let o = 0; o < packed.n; o++) {
    const ordinary = solveUnit(solver, packed, candidates, frame.length, unitVector(packed, o), extract);
    const efficient = ordinary.status === 'optimal' && ordinary.efficiency >= 1 - EFFICIENT_TOL;
    out.push(efficient && inFrame[o] ? excludingSelf(solver, packed, frame, o) : ordinary);
  }
  return out;
}

function excludingSelf(
  solver: EnvelopmentSolver,
  packed: PackedData,
  frame: Int32Array,
  o: number,
): UnitSolution {
  const extract = { slacks: false, peers: false, multipliers: false };
  const candidates = new Int32Array(packed.n);
  const member = new Uint8Array(packed.n);
  let count = 0;
  for (const j of frame) {
    if (j !== o) {
      candidates[count++] = j;
      member[j] = 1;
    }
  }
  const own = unitVector(packed, o);
  for (;;) {
    const solved = solveUnit(solver, packed, candidates, count, own, extract);
    if (solved.status === 'iteration-limit') return solved;
    if (solved.status === 'infeasible') {
      if (count === packed.n - 1) return solved;
      // Feasibility may need units outside the frame: try all others.
      count = 0;
      for (let j = 0; j < packed.n; j++) if (j !== o) candidates[count++] = j;
      member.fill(1);
      continue;
    }
    const added = pricedOut(solver, packed, member, o, candidates, count);
    if (added === count) return solved;
    count = added;
  }
}

/**
 * Appends to `candidates` every unit (other than `o` and current members)
 * whose reduced cost at the last optimum is negative; returns the new count.
 */
function pricedOut(
  solver: EnvelopmentSolver,
  packed: PackedData,
  member: Uint8Array,
  o: number,
  candidates: Int32Array,
  count: number,
): number {
  const pi = solver.duals();
  const k = packed.m + packed.s;
  const conv = solver.rows > k ? pi[k] : 0;
  let tol = 0;
  for (const p of pi) tol = Math.max(tol, Math.abs(p));
  tol = 1e-9 * Math.max(1, tol);
  let next = count;
  for (let j = 0; j < packed.n; j++) {
    if (j === o || member[j]) continue;
    let dot = conv;
    for (let t = 0; t < k; t++) dot += pi[t] * packed.values[j * k + t];
    if (-dot < -tol) {
      candidates[next++] = j;
      member[j] = 1;
    }
  }
  return next;
}
