import { describe, expect, it } from 'vitest';
import {
  dea,
  type DeaData,
  superEfficiency,
  type UnitSolution,
} from '../../../lib/analysis/dea/index.js';
import { caseData, expected, hospital, produc } from './fixtures.js';

/** Agreement with HiGHS on radial scores (absolute; scores are of order 1). */
const HIGHS_TOL = 1e-8;
/**
 * Agreement on slack sums, relative to the data's scale (the largest value
 * of any variable): slacks are in data units, and HiGHS solves to its
 * feasibility tolerance of 1e-7 on data scaled to at most 1.
 */
const SLACK_TOL = 1e-8;
/** Published values are printed to three decimals. */
const PRINTED_TOL = 5e-4;

const { cases } = expected();

function slackSum(u: UnitSolution): number {
  let sum = 0;
  for (const v of u.inputSlacks ?? []) sum += v;
  for (const v of u.outputSlacks ?? []) sum += v;
  return sum;
}

describe('dea(data, options) against scipy HiGHS (test/reference/dea.py)', () => {
  for (const c of cases) {
    it(`dea(${c.name}) radial scores and slack sums agree with HiGHS`, () => {
      const data = caseData(c);
      const result = dea(data, { rts: c.rts, orientation: c.orientation });
      const scale = Math.max(...data.inputs.flat(), ...data.outputs.flat());
      expect(result.units).toHaveLength(c.radial.length);
      result.units.forEach((u, j) => {
        expect(u.status).toBe('optimal');
        expect(Math.abs(u.radial - c.radial[j])).toBeLessThanOrEqual(HIGHS_TOL);
        const want = c.slackSum[j];
        expect(Math.abs(slackSum(u) - want)).toBeLessThanOrEqual(SLACK_TOL * scale);
      });
    });
  }
});

describe('superEfficiency(data, options) against scipy HiGHS', () => {
  for (const c of cases.filter((x) => x.superRadial)) {
    it(`superEfficiency(${c.name}) agrees and reports the same infeasible units`, () => {
      const result = superEfficiency(caseData(c), { rts: c.rts, orientation: c.orientation });
      result.forEach((u, j) => {
        const want = c.superRadial?.[j];
        if (want === null) {
          expect(u.status).toBe('infeasible');
          expect(u.efficiency).toBeNaN();
        } else {
          expect(u.status).toBe('optimal');
          expect(Math.abs(u.radial - (want as number))).toBeLessThanOrEqual(HIGHS_TOL * Math.max(1, want as number));
        }
      });
    });
  }
});

describe('dea(hospital) against Cooper, Seiford & Tone (2007)', () => {
  it('dea(hospital, crs input) reproduces the printed CCR scores', () => {
    // Printed CCR efficiencies of hospitals A–L.
    const printed = [1, 1, 0.883, 1, 0.763, 0.835, 0.902, 0.796, 0.96, 0.871, 0.955, 0.958];
    const result = dea(hospital(), { rts: 'crs', orientation: 'input' });
    result.units.forEach((u, j) => expect(Math.abs(u.efficiency - printed[j])).toBeLessThanOrEqual(PRINTED_TOL));
  });

  it('dea(hospital, crs input) gives C the peers B and D', () => {
    const c = dea(hospital(), { rts: 'crs' }).units[2];
    expect(c.peers?.map((p) => p.unit)).toEqual([1, 3]);
  });
});

describe('dea(data) optimality certificates', () => {
  const check = (data: DeaData, rts: 'crs' | 'vrs' | 'nirs', orientation: 'input' | 'output') => {
    const result = dea(data, { rts, orientation, multipliers: true });
    const n = data.inputs.length;
    const m = data.inputs[0].length;
    const s = data.outputs[0].length;
    const input = orientation === 'input';
    const sumX = data.inputs[0].map((_, i) => Math.max(...data.inputs.map((r) => r[i])));
    const sumY = data.outputs[0].map((_, r) => Math.max(...data.outputs.map((row) => row[r])));
    result.units.forEach((u, o) => {
      const { v, u: w, u0 } = u.multipliers!;
      const lambda = new Array<number>(n).fill(0);
      for (const p of u.peers!) lambda[p.unit] = p.lambda;
      const radial = u.radial;
      // Primal feasibility, with the slacks closing every row.
      for (let i = 0; i < m; i++) {
        const lhs = lambda.reduce((acc, l, j) => acc + l * data.inputs[j][i], 0) + u.inputSlacks![i];
        const rhs = input ? radial * data.inputs[o][i] : data.inputs[o][i];
        expect(Math.abs(lhs - rhs)).toBeLessThanOrEqual(1e-9 * sumX[i]);
        expect(u.inputSlacks![i]).toBeGreaterThanOrEqual(0);
      }
      for (let r = 0; r < s; r++) {
        const lhs = lambda.reduce((acc, l, j) => acc + l * data.outputs[j][r], 0) - u.outputSlacks![r];
        const rhs = input ? data.outputs[o][r] : radial * data.outputs[o][r];
        expect(Math.abs(lhs - rhs)).toBeLessThanOrEqual(1e-9 * sumY[r]);
      }
      const total = lambda.reduce((a, b) => a + b, 0);
      if (rts === 'vrs') expect(Math.abs(total - 1)).toBeLessThanOrEqual(1e-9);
      if (rts === 'nirs') expect(total).toBeLessThanOrEqual(1 + 1e-9);
      // Dual feasibility: v, u ≥ 0, every unit on or below the hyperplane,
      // and the convexity price of the right sign.
      v.forEach((x) => expect(x).toBeGreaterThanOrEqual(-1e-12));
      w.forEach((x) => expect(x).toBeGreaterThanOrEqual(-1e-12));
      if (rts === 'crs') expect(u0).toBe(0);
      if (rts === 'nirs') expect(u0).toBeLessThanOrEqual(1e-12);
      const gap = (j: number) =>
        w.reduce((a, x, r) => a + x * data.outputs[j][r], 0) - v.reduce((a, x, i) => a + x * data.inputs[j][i], 0) + u0;
      const scaleOf = (j: number) => v.reduce((a, x, i) => a + x * data.inputs[j][i], 0) + 1;
      for (let j = 0; j < n; j++) expect(gap(j)).toBeLessThanOrEqual(1e-9 * scaleOf(j));
      // Strong duality: the multiplier objective equals the radial optimum.
      const dualObjective = input
        ? w.reduce((a, x, r) => a + x * data.outputs[o][r], 0) + u0
        : v.reduce((a, x, i) => a + x * data.inputs[o][i], 0) - u0;
      expect(Math.abs(dualObjective - radial)).toBeLessThanOrEqual(1e-9 * Math.max(1, radial));
      // Complementary slackness: peers lie on the hyperplane; positive
      // slacks have zero weight.
      for (let j = 0; j < n; j++) if (lambda[j] > 1e-9) expect(Math.abs(gap(j))).toBeLessThanOrEqual(1e-9 * scaleOf(j));
      for (let i = 0; i < m; i++) if (u.inputSlacks![i] > 1e-6 * sumX[i]) expect(v[i] * sumX[i]).toBeLessThanOrEqual(1e-9);
      for (let r = 0; r < s; r++) if (u.outputSlacks![r] > 1e-6 * sumY[r]) expect(w[r] * sumY[r]).toBeLessThanOrEqual(1e-9);
    });
  };
  for (const rts of ['crs', 'vrs', 'nirs'] as const) {
    for (const orientation of ['input', 'output'] as const) {
      it(`dea(produc B 1986, ${rts} ${orientation}) is primal and dual feasible with complementary slackness`, () => {
        check(produc('B', 1986), rts, orientation);
      });
    }
  }
  it('dea(hospital, vrs input) is primal and dual feasible with complementary slackness', () => {
    check(hospital(), 'vrs', 'input');
  });
});

describe('dea(data) robustness', () => {
  it('dea(data × 1e9) gives the scores of the unscaled data (values in the billions)', () => {
    const data = produc('A', null);
    const big = {
      inputs: data.inputs.map((r) => r.map((x) => x * 1e9)),
      outputs: data.outputs.map((r) => r.map((y) => y * 1e6)),
    };
    const plain = dea(data, { rts: 'vrs' });
    const scaled = dea(big, { rts: 'vrs' });
    scaled.units.forEach((u, j) => expect(Math.abs(u.radial - plain.units[j].radial)).toBeLessThanOrEqual(1e-12));
  });

  it('dea(data) leaves its input untouched (frozen fixtures)', () => {
    expect(() => dea(hospital(), { rts: 'vrs', orientation: 'output' })).not.toThrow();
  });

  it('dea(data) names the zero and negative cells it rejects', () => {
    const data = { inputs: [[1, 2], [0, 3], [2, 2]], outputs: [[1], [2], [-1]] };
    expect(() => dea(data)).toThrow(/input 0 of unit 1 = 0.*output 0 of unit 2 = -1/);
  });

  it('dea(data, { rts: "drs" }) raises a RangeError naming the value', () => {
    expect(() => dea(hospital(), { rts: 'drs' as never })).toThrow(RangeError);
    expect(() => dea(hospital(), { rts: 'drs' as never })).toThrow(/"drs"/);
    expect(() => dea(hospital(), { orientation: 'both' as never })).toThrow(/"both"/);
  });

  it('dea(duplicated units) handles ties and degenerate vertices', () => {
    const base = hospital();
    const twice = {
      inputs: [...base.inputs, ...base.inputs],
      outputs: [...base.outputs, ...base.outputs],
    };
    const once = dea(base, { rts: 'vrs' });
    const doubled = dea(twice, { rts: 'vrs' });
    doubled.units.forEach((u, j) => expect(Math.abs(u.radial - once.units[j % 12].radial)).toBeLessThanOrEqual(1e-12));
  });
});
