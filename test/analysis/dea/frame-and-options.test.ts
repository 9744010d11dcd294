import { describe, expect, it } from 'vitest';
import {
  classifyScale,
  dea,
  type DeaData,
  deaFrame,
  deaFrameAmong,
  EnvelopmentSolver,
  efficientFrame,
  frameOfUnits,
  frameSurvivors,
  packData,
  scaleEfficiency,
  selectUnits,
  solveAgainstFrame,
  translateNonPositive,
  variableScales,
  withUndesirableOutputs,
} from '../../../lib/analysis/dea/index.js';
import { hospital, produc } from './fixtures.js';

/** Scores of two exact methods on the same LP differ by rounding only. */
const SAME_LP_TOL = 1e-12;

/** Every unit against all units, without a frame: the definition itself. */
function bruteForce(data: DeaData, rts: 'crs' | 'vrs'): number[] {
  const packed = packData(data);
  const solver = new EnvelopmentSolver(packed.m, packed.s, rts, 'input');
  const all = Int32Array.from({ length: packed.n }, (_, j) => j);
  const k = packed.m + packed.s;
  return Array.from({ length: packed.n }, (_, j) => {
    solver.solve(packed.values, all, packed.n, packed.values.subarray(j * k, (j + 1) * k), false);
    return solver.radial();
  });
}

describe('efficientFrame(data, rts)', () => {
  for (const rts of ['crs', 'vrs'] as const) {
    it(`efficientFrame(produc pooled, ${rts}) holds every efficient unit and gives the scores of the full LP`, () => {
      const data = produc('B', null);
      const full = bruteForce(data, rts);
      const frame = new Set(efficientFrame(packData(data), rts).units);
      full.forEach((theta, j) => {
        if (theta >= 1 - 1e-9) expect(frame.has(j)).toBe(true);
      });
      const framed = dea(data, { rts, slacks: false, peers: false });
      framed.units.forEach((u, j) => expect(Math.abs(u.radial - full[j])).toBeLessThanOrEqual(SAME_LP_TOL));
      expect(frame.size).toBeLessThan(data.inputs.length / 4);
    });
  }
});

describe('deaFrame and solveAgainstFrame (the chunking API)', () => {
  it('solveAgainstFrame(frame, unit range) gives the same answers as the whole run', () => {
    const data = produc('A', null);
    const frame = deaFrame(data, 'vrs');
    const whole = solveAgainstFrame(frame, data, { rts: 'vrs' });
    for (const [first, end] of [[0, 100], [100, 500], [500, 816]]) {
      const part = solveAgainstFrame(
        JSON.parse(JSON.stringify(frame)),
        { inputs: data.inputs.slice(first, end), outputs: data.outputs.slice(first, end) },
        { rts: 'vrs' },
      );
      part.forEach((u, i) => expect(u).toEqual(whole[first + i]));
    }
  });

  it('solveAgainstFrame(crs frame, vrs problem) raises a RangeError', () => {
    const frame = deaFrame(hospital(), 'crs');
    expect(() => solveAgainstFrame(frame, hospital(), { rts: 'vrs' })).toThrow(/crs frame/);
  });
});

describe('frames searched in parts and merged', () => {
  const data = produc('B', null);
  const n = data.inputs.length;
  const scales = variableScales(data);
  /** Units split into `parts` interleaved parts, each part's frame in reference indices. */
  function partFrames(rts: 'crs' | 'vrs', parts: number): number[] {
    const found: number[] = [];
    for (let h = 0; h < parts; h++) {
      const ids = Array.from({ length: n }, (_, j) => j).filter((j) => j % parts === h);
      for (const p of deaFrame(selectUnits(data, ids), rts, scales).units) found.push(ids[p]);
    }
    return found;
  }

  for (const rts of ['crs', 'vrs'] as const) {
    it(`deaFrameAmong(produc pooled, union of 3 part frames, ${rts}) gives every unit its full-LP score`, () => {
      const full = bruteForce(data, rts);
      const union = partFrames(rts, 3);
      const merged = deaFrameAmong(data, union, rts, scales);
      expect(merged.referenceSize).toBe(n);
      expect(new Set(merged.units).size).toBe(merged.units.length);
      for (const j of merged.units) expect(union).toContain(j);
      const solved = solveAgainstFrame(merged, data, { rts, slacks: false, peers: false });
      solved.forEach((u, j) => expect(Math.abs(u.radial - full[j])).toBeLessThanOrEqual(SAME_LP_TOL));
      // Merging the parts finds the frame a search over all units finds.
      expect([...merged.units].sort((a, b) => a - b)).toEqual([...deaFrame(data, rts).units]);
    });

    it(`frameSurvivors(produc pooled, union, two halves, ${rts}) joined by frameOfUnits gives the merged frame`, () => {
      const union = partFrames(rts, 2);
      const halves = [union.filter((_, i) => i % 2 === 0), union.filter((_, i) => i % 2 === 1)];
      const kept = halves.flatMap((tested) => frameSurvivors(data, union, tested, rts, scales));
      const frame = frameOfUnits(data, kept, rts, scales);
      expect(frame.units).toEqual(deaFrameAmong(data, union, rts, scales).units);
      const full = bruteForce(data, rts);
      const solved = solveAgainstFrame(frame, data, { rts, slacks: false, peers: false });
      solved.forEach((u, j) => expect(Math.abs(u.radial - full[j])).toBeLessThanOrEqual(SAME_LP_TOL));
    });
  }

  it('frameSurvivors keeps a unit that is not among the candidates only if they do not dominate it', () => {
    const frame = deaFrame(data, 'vrs').units;
    const outside = Array.from({ length: n }, (_, j) => j).filter((j) => !frame.includes(j));
    // Units outside the frame are inefficient against it; frame units are not.
    expect(frameSurvivors(data, frame, outside.slice(0, 50), 'vrs')).toEqual([]);
    expect(frameSurvivors(data, frame, frame.slice(0, 20), 'vrs')).toEqual(frame.slice(0, 20));
  });

  it('deaFrameAmong, frameSurvivors and frameOfUnits reject indices outside the reference', () => {
    expect(() => deaFrameAmong(data, [0, n], 'crs')).toThrow(/not a unit of the reference/);
    expect(() => frameSurvivors(data, [0, 1], [-1], 'crs')).toThrow(/not a unit of the reference/);
    expect(() => frameOfUnits(data, [0.5], 'crs')).toThrow(/not a unit of the reference/);
    expect(() => frameOfUnits(data, [], 'crs')).toThrow(/at least one unit/);
    expect(() => deaFrameAmong(data, [], 'crs')).toThrow(/at least one unit/);
  });
});

describe('scaleEfficiency(data) and classifyScale', () => {
  it('classifyScale follows DEAP: equal crs and vrs is constant, nirs = vrs is decreasing', () => {
    expect(classifyScale(0.8, 0.8, 0.8).rts).toBe('constant');
    expect(classifyScale(0.7, 0.9, 0.9).rts).toBe('decreasing');
    expect(classifyScale(0.7, 0.9, 0.7).rts).toBe('increasing');
    expect(classifyScale(0.7, 0.875, 0.7).scale).toBeCloseTo(0.8, 15);
  });

  it('scaleEfficiency(hospital) puts scale efficiency in (0, 1] and nirs between crs and vrs', () => {
    const { units } = scaleEfficiency(hospital());
    for (const u of units) {
      expect(u.scale).toBeGreaterThan(0);
      expect(u.scale).toBeLessThanOrEqual(1 + 1e-12);
      expect(u.nirs).toBeGreaterThanOrEqual(u.crs - 1e-12);
      expect(u.nirs).toBeLessThanOrEqual(u.vrs + 1e-12);
    }
    expect(units.map((u) => u.rts)).toContain('decreasing');
  });
});

describe('data rules: translation and undesirable outputs', () => {
  it('translateNonPositive(data) shifts only the variables with non-positive cells and reports them', () => {
    const data = { inputs: [[1, -2], [2, 3], [3, 0]], outputs: [[1], [2], [3]] };
    const { data: moved, translations } = translateNonPositive(data);
    expect(translations).toEqual([{ kind: 'input', variable: 1, shift: 2.05 }]);
    expect(moved.inputs.map((r) => r[0])).toEqual([1, 2, 3]);
    expect(Math.min(...moved.inputs.map((r) => r[1]))).toBeCloseTo(0.05, 15);
  });

  it('dea(vrs, input) is invariant to translating outputs (Ali & Seiford 1990)', () => {
    const data = produc('B', 1986);
    const shifted = { inputs: data.inputs, outputs: data.outputs.map((r) => [r[0] + 5e4, r[1] + 300]) };
    const a = dea(data, { rts: 'vrs', orientation: 'input' });
    const b = dea(shifted, { rts: 'vrs', orientation: 'input' });
    b.units.forEach((u, j) => expect(Math.abs(u.radial - a.units[j].radial)).toBeLessThanOrEqual(1e-10));
  });

  it('withUndesirableOutputs(data, bad, "input") scores the bad output as an input', () => {
    const data = produc('B', 1986);
    const good = { inputs: data.inputs, outputs: data.outputs.map((r) => [r[0]]) };
    const bad = data.outputs.map((r) => [r[1]]);
    const folded = withUndesirableOutputs(good, bad, 'input');
    expect(folded.inputs[0]).toEqual([...data.inputs[0], data.outputs[0][1]]);
    const translated = withUndesirableOutputs(good, bad, 'translation');
    const max = Math.max(...bad.map((r) => r[0]));
    const min = Math.min(...bad.map((r) => r[0]));
    translated.outputs.forEach((r, j) => expect(r[1]).toBeCloseTo(max + 0.01 * (max - min) - bad[j][0], 9));
    expect(() => withUndesirableOutputs(good, bad, 'ignore' as never)).toThrow(/"ignore"/);
  });
});
