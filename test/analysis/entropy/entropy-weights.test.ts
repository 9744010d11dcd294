import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { entropyWeights, subsystemIndices, withinGroupWeights } from '../../../lib/analysis/entropy/index.js';
import { type DatasetName, referenceExpected, referencePanel } from '../../fixtures/entropy-coupling/load-reference.js';
import { REFERENCE_TOLERANCE, maxAbsDiff, runChain } from '../../fixtures/entropy-coupling/reference-chain.js';

const DATASETS: readonly DatasetName[] = ['grunfeld', 'produc'];

describe('entropy weights and subsystem indices against base R (test/reference/entropy-coupling.R)', () => {
  for (const name of DATASETS) {
    const panel = referencePanel(name);
    const expected = referenceExpected(name);
    for (const c of expected.cases) {
      const label = `${name}, ${c.scope}, shift ${c.shift}`;
      const { entropy, within, u } = runChain(panel, expected, c);

      it(`entropyWeights(${label}) matches R's e, d and w within ${REFERENCE_TOLERANCE}`, () => {
        expect(maxAbsDiff(entropy.entropy, c.entropy)).toBeLessThan(REFERENCE_TOLERANCE);
        expect(maxAbsDiff(entropy.divergence, c.divergence)).toBeLessThan(REFERENCE_TOLERANCE);
        expect(maxAbsDiff(entropy.weights, c.weights)).toBeLessThan(REFERENCE_TOLERANCE);
        expect(entropy.zeroColumns).toEqual([]);
        expect(entropy.equalWeightsFallback).toBe(false);
      });

      it(`withinGroupWeights(${label}) matches R's within-subsystem weights`, () => {
        expect(maxAbsDiff(within.weights, c.withinSubsystem)).toBeLessThan(REFERENCE_TOLERANCE);
        expect(within.groups).toEqual(expected.subsystems);
      });

      it(`subsystemIndices(${label}) matches R's U for all ${expected.rows} rows`, () => {
        expect(maxAbsDiff(u, c.subsystemIndex)).toBeLessThan(REFERENCE_TOLERANCE);
      });
    }
  }
});

describe('entropyWeights(v)', () => {
  it('entropyWeights(v) follows the textbook formula on a small matrix', () => {
    const v = [
      [0, 1],
      [0.5, 1],
      [1, 0],
    ];
    // Column 0: p = (0, 1/3, 2/3); column 1: p = (1/2, 1/2, 0).
    const e0 = -((1 / 3) * Math.log(1 / 3) + (2 / 3) * Math.log(2 / 3)) / Math.log(3);
    const e1 = -(2 * 0.5 * Math.log(0.5)) / Math.log(3);
    const result = entropyWeights(v);
    expect(result.entropy[0]).toBeCloseTo(e0, 15);
    expect(result.entropy[1]).toBeCloseTo(e1, 15);
    const d = [1 - e0, 1 - e1];
    expect(result.weights[0]).toBeCloseTo(d[0] / (d[0] + d[1]), 15);
  });

  it('entropyWeights(v, { shift }) adds the shift before forming shares', () => {
    const v = [[0], [1]];
    const p = [0.01 / 1.02, 1.01 / 1.02];
    const e = -(p[0] * Math.log(p[0]) + p[1] * Math.log(p[1])) / Math.log(2);
    expect(entropyWeights(v, { shift: 0.01 }).entropy[0]).toBeCloseTo(e, 15);
  });

  it('entropyWeights(column summing to 0) gives that column e = 1 and weight 0', () => {
    const result = entropyWeights([
      [0, 0.2],
      [0, 0.9],
    ]);
    expect(result.zeroColumns).toEqual([0]);
    expect(result.entropy[0]).toBe(1);
    expect(result.weights).toEqual([0, 1]);
  });

  it('entropyWeights(constant column) gives it exactly e = 1 and weight 0', () => {
    const result = entropyWeights([
      [0.7, 0],
      [0.7, 1],
      [0.7, 0.5],
    ]);
    expect(result.entropy[0]).toBe(1);
    expect(result.weights).toEqual([0, 1]);
  });

  it('entropyWeights(one row) falls back to equal weights', () => {
    const result = entropyWeights([[0.3, 0.7, 1]]);
    expect(result.entropy).toEqual([1, 1, 1]);
    expect(result.weights).toEqual([1 / 3, 1 / 3, 1 / 3]);
    expect(result.equalWeightsFallback).toBe(true);
  });

  it('entropyWeights(every column constant) has all d = 0 and equal weights', () => {
    const result = entropyWeights([
      [1, 0.4],
      [1, 0.4],
      [1, 0.4],
    ]);
    expect(result.divergence).toEqual([0, 0]);
    expect(result.weights).toEqual([0.5, 0.5]);
    expect(result.equalWeightsFallback).toBe(true);
  });

  it('entropyWeights(bad input) throws a RangeError naming the problem', () => {
    expect(() => entropyWeights([])).toThrow(/empty/);
    expect(() => entropyWeights([[0.1, 0.2], [0.3]])).toThrow(/row 1 has 1 values, expected 2/);
    expect(() => entropyWeights([[-0.1]])).toThrow(/row 0, column 0 must be a finite number ≥ 0/);
    expect(() => entropyWeights([[0.1]], { shift: -1 })).toThrow(/shift must be a finite number ≥ 0/);
  });

  it('entropyWeights(any non-negative matrix) gives weights ≥ 0 summing to 1 and e in [0, 1]', () => {
    const matrix = fc
      .integer({ min: 1, max: 5 })
      .chain((cols) =>
        fc.array(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: cols, maxLength: cols }), {
          minLength: 1,
          maxLength: 15,
        }),
      );
    fc.assert(
      fc.property(matrix, fc.constantFrom(0, 1e-4, 0.01), (v, shift) => {
        const { weights, entropy } = entropyWeights(v, { shift });
        expect(weights.every((w) => w >= 0)).toBe(true);
        expect(Math.abs(weights.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-12);
        expect(entropy.every((e) => e >= 0 && e <= 1 + 1e-12)).toBe(true);
      }),
    );
  });
});

describe('withinGroupWeights(w, groups) and subsystemIndices', () => {
  it('withinGroupWeights(w, groups) renormalizes each group to sum 1', () => {
    const result = withinGroupWeights([0.1, 0.3, 0.6], ['A', 'A', 'B']);
    expect(result.weights[0]).toBeCloseTo(0.25, 15);
    expect(result.weights[1]).toBeCloseTo(0.75, 15);
    expect(result.weights[2]).toBe(1);
    expect(result.groupTotals.A).toBeCloseTo(0.4, 15);
  });

  it('withinGroupWeights(group of zero weights) falls back to equal weights in that group', () => {
    const result = withinGroupWeights([0, 0, 1], ['A', 'A', 'B']);
    expect(result.weights).toEqual([0.5, 0.5, 1]);
    expect(result.equalWeightGroups).toEqual(['A']);
  });

  it('subsystemIndices(v, w, groups) is the weighted sum within each group, in [0, 1]', () => {
    const u = subsystemIndices(
      [
        [1, 0, 0.5],
        [0, 1, 1],
      ],
      [0.25, 0.75, 1],
      ['A', 'A', 'B'],
      ['A', 'B'],
    );
    expect(u).toEqual([
      [0.25, 0.5],
      [0.75, 1],
    ]);
  });

  it('withinGroupWeights and subsystemIndices reject mismatched input with a RangeError', () => {
    expect(() => withinGroupWeights([0.5], ['A', 'B'])).toThrow(/1 weights but 2 group labels/);
    expect(() => withinGroupWeights([-0.5], ['A'])).toThrow(/weight 0 must be a finite number ≥ 0/);
    expect(() => subsystemIndices([[1]], [1], ['A'], ['A', 'B'])).toThrow(/group "B" has no column/);
    expect(() => subsystemIndices([[1]], [1], ['C'], ['A'])).toThrow(/unknown group "C"/);
  });
});
