import { describe, expect, it } from 'vitest';
import { DualFeasibleBases, EnvelopmentSolver, packData, type PackedData } from '../../../lib/analysis/dea/index.js';
import { WarmStartGrid } from '../../../lib/analysis/dea/warm-start-grid.js';
import { produc } from './fixtures.js';

/** Scores of two exact methods on the same LP differ by rounding only. */
const SAME_LP_TOL = 1e-12;
/** Reduced costs and basic values at an optimum are non-negative up to rounding. */
const CERTIFICATE_TOL = 1e-9;

const MODELS = [
  ['crs', 'input'],
  ['vrs', 'input'],
  ['nirs', 'input'],
  ['crs', 'output'],
  ['vrs', 'output'],
] as const;

function unit(packed: PackedData, j: number): Float64Array {
  const k = packed.m + packed.s;
  return packed.values.subarray(j * k, (j + 1) * k);
}

/** The smallest reduced cost −π·a_j of a λ column at the solver's first-stage duals. */
function minReducedCost(solver: EnvelopmentSolver, packed: PackedData): number {
  const pi = solver.duals();
  const k = packed.m + packed.s;
  let min = Infinity;
  for (let j = 0; j < packed.n; j++) {
    let dot = solver.rows > k ? pi[k] : 0;
    for (let t = 0; t < k; t++) dot += pi[t] * packed.values[j * k + t];
    min = Math.min(min, -dot);
  }
  return min;
}

describe('EnvelopmentSolver.solve(..., warm) on Produc pooled (816 unit-years, all units as columns)', () => {
  const packed = packData(produc('B', null));
  const all = Int32Array.from({ length: packed.n }, (_, j) => j);

  for (const [rts, orientation] of MODELS) {
    it(`solve(${rts}, ${orientation}, warm from the previous unit) reaches the cold optimum with a dual-feasible basis`, () => {
      const cold = new EnvelopmentSolver(packed.m, packed.s, rts, orientation);
      const warm = new EnvelopmentSolver(packed.m, packed.s, rts, orientation);
      let basis: Int32Array | null = null;
      let warmPivots = 0;
      let coldPivots = 0;
      for (let j = 0; j < packed.n; j++) {
        expect(cold.solve(packed.values, all, packed.n, unit(packed, j), false)).toBe('optimal');
        coldPivots += cold.pivots();
        const status = warm.solve(packed.values, all, packed.n, unit(packed, j), false, -Infinity,
          basis && { basis, columns: null });
        expect(status).toBe('optimal');
        warmPivots += warm.pivots();
        expect(Math.abs(warm.radial() - cold.radial())).toBeLessThanOrEqual(SAME_LP_TOL);
        expect(minReducedCost(warm, packed)).toBeGreaterThanOrEqual(-CERTIFICATE_TOL);
        basis = warm.firstStageBasis();
        expect(basis).not.toBeNull();
      }
      expect(warmPivots).toBeLessThan(coldPivots);
    });
  }

  it('solve(vrs, input, warm restricted to a few columns) still prices every column before it declares an optimum', () => {
    const cold = new EnvelopmentSolver(packed.m, packed.s, 'vrs', 'input');
    const warm = new EnvelopmentSolver(packed.m, packed.s, 'vrs', 'input');
    // The first unit's basis, with only ten columns the dual simplex may use:
    // far-away units then need the primal simplex over all columns.
    warm.solve(packed.values, all, packed.n, unit(packed, 0), false);
    const start = { basis: warm.firstStageBasis()!, columns: Int32Array.from({ length: 10 }, (_, i) => i) };
    for (let j = 1; j < packed.n; j += 7) {
      cold.solve(packed.values, all, packed.n, unit(packed, j), false);
      expect(warm.solve(packed.values, all, packed.n, unit(packed, j), false, -Infinity, start)).toBe('optimal');
      expect(Math.abs(warm.radial() - cold.radial())).toBeLessThanOrEqual(SAME_LP_TOL);
      expect(minReducedCost(warm, packed)).toBeGreaterThanOrEqual(-CERTIFICATE_TOL);
    }
  });

  it('solve(..., warm) with a basis that is singular for the unit falls back to the cold start', () => {
    const solver = new EnvelopmentSolver(packed.m, packed.s, 'crs', 'input');
    const basis = Int32Array.from([-1, 0, 0, 0, 0]);
    expect(solver.solve(packed.values, all, packed.n, unit(packed, 3), false, -Infinity, { basis, columns: null }))
      .toBe('optimal');
    const cold = new EnvelopmentSolver(packed.m, packed.s, 'crs', 'input');
    cold.solve(packed.values, all, packed.n, unit(packed, 3), false);
    expect(Math.abs(solver.radial() - cold.radial())).toBeLessThanOrEqual(SAME_LP_TOL);
  });
});

describe('DualFeasibleBases: skipping the confirming pass changes no answer', () => {
  const packed = packData(produc('B', null));
  const all = Int32Array.from({ length: packed.n }, (_, j) => j);

  for (const [rts, orientation] of MODELS) {
    it(`solve(${rts}, ${orientation}, with slacks) with and without the store: bit-identical scores, slacks, peers and pivots`, () => {
      const plain = new EnvelopmentSolver(packed.m, packed.s, rts, orientation);
      const remembering = new EnvelopmentSolver(packed.m, packed.s, rts, orientation);
      const bases = new DualFeasibleBases();
      remembering.rememberDualFeasibleBases(bases);
      // Warm starts restricted to a few columns leave the primal simplex
      // to finish, which is where a remembered basis saves the last pass.
      plain.solve(packed.values, all, packed.n, unit(packed, 0), false);
      const start = { basis: plain.firstStageBasis()!, columns: Int32Array.from({ length: 12 }, (_, i) => i * 5) };
      for (let j = 0; j < packed.n; j++) {
        const a = plain.solve(packed.values, all, packed.n, unit(packed, j), true, -Infinity, start);
        const b = remembering.solve(packed.values, all, packed.n, unit(packed, j), true, -Infinity, start);
        expect(b).toBe(a);
        expect(remembering.radial()).toBe(plain.radial());
        expect(remembering.pivots()).toBe(plain.pivots());
        expect(remembering.slacks()).toEqual(plain.slacks());
        expect(remembering.lambdas()).toEqual(plain.lambdas());
        expect(remembering.firstStageBasis()).toEqual(plain.firstStageBasis());
      }
      // The store was used: bases were proved once and then recognised.
      expect(bases.size).toBeGreaterThan(0);
      expect(bases.hits).toBeGreaterThan(0);
      // Second stages that priced only a clear basis's own λ columns.
      expect(bases.clearHits).toBeGreaterThan(0);
    });
  }

  it('DualFeasibleBases knows a basis in any order of its entries', () => {
    const bases = new DualFeasibleBases();
    bases.add(Int32Array.from([-1, 7, -3, 2]));
    expect(bases.has(Int32Array.from([2, -3, 7, -1]))).toBe(true);
    expect(bases.has(Int32Array.from([2, -3, 8, -1]))).toBe(false);
    expect(bases.size).toBe(1);
  });
});

describe('WarmStartGrid', () => {
  const packed = packData(produc('B', null));

  it('WarmStartGrid.build(reference) gives no grid for a cross-section of a few units', () => {
    const small = packData(produc('B', 1986));
    expect(WarmStartGrid.build(small, 8, 'crs', 'input')).toBeNull();
  });

  for (const [rts, orientation] of MODELS) {
    it(`cellOf(centre(cell)) is the cell itself (${rts}, ${orientation})`, () => {
      const grid = WarmStartGrid.build(packed, packed.n, rts, orientation);
      expect(grid).not.toBeNull();
      const cells = new Set<number>();
      for (let j = 0; j < packed.n; j++) cells.add(grid!.cellOf(unit(packed, j)));
      expect(cells.size).toBeGreaterThan(1);
      let checked = 0;
      for (const cell of cells) {
        const centre = grid!.centre(cell);
        if (centre === null) continue;
        for (const v of centre) expect(v).toBeGreaterThan(0);
        expect(grid!.cellOf(centre)).toBe(cell);
        checked++;
      }
      expect(checked).toBeGreaterThan(0);
    });
  }
});
