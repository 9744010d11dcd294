import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  COORDINATION_SCALE,
  coordinationGrade,
  couplingCoordination,
  couplingDegree,
} from '../../../lib/analysis/coupling/index.js';
import { type DatasetName, referenceExpected, referencePanel } from '../../fixtures/entropy-coupling/load-reference.js';
import { REFERENCE_TOLERANCE, maxAbsDiff, runChain } from '../../fixtures/entropy-coupling/reference-chain.js';

const DATASETS: readonly DatasetName[] = ['grunfeld', 'produc'];

describe('couplingCoordination against base R (test/reference/entropy-coupling.R)', () => {
  for (const name of DATASETS) {
    const panel = referencePanel(name);
    const expected = referenceExpected(name);
    for (const c of expected.cases) {
      const { u } = runChain(panel, expected, c);
      for (const formula of ['classic', 'modified'] as const) {
        it(`couplingCoordination(${name} ${c.name} U, ${formula}) matches R's C, T, D and grade`, () => {
          const results = u.map((row) => couplingCoordination(row, { formula, alpha: c.alpha }));
          const ref = c[formula];
          expect(maxAbsDiff(results.map((r) => r.C), ref.C)).toBeLessThan(REFERENCE_TOLERANCE);
          expect(maxAbsDiff(results.map((r) => r.T), c.T)).toBeLessThan(REFERENCE_TOLERANCE);
          expect(maxAbsDiff(results.map((r) => r.D), ref.D)).toBeLessThan(REFERENCE_TOLERANCE);
          expect(results.map((r) => coordinationGrade(r.D).level)).toEqual(ref.gradeLevel);
        });
      }
    }
  }
});

describe('couplingDegree(u, formula)', () => {
  it('couplingDegree(u3, classic) equals the three-subsystem form C = [U1U2U3 / ((U1+U2+U3)/3)³]^(1/3)', () => {
    const [a, b, c] = [0.2, 0.5, 0.9];
    const expected = ((a * b * c) / ((a + b + c) / 3) ** 3) ** (1 / 3);
    expect(couplingDegree([a, b, c], 'classic')).toBeCloseTo(expected, 15);
  });

  it('couplingDegree(u2, classic) equals 2√(U1U2)/(U1+U2)', () => {
    expect(couplingDegree([0.16, 0.64])).toBeCloseTo((2 * Math.sqrt(0.16 * 0.64)) / 0.8, 15);
  });

  it('couplingDegree(u2, modified) equals √((1 − |U1 − U2|) · min/max)', () => {
    expect(couplingDegree([0.3, 0.6], 'modified')).toBeCloseTo(Math.sqrt(0.7 * 0.5), 15);
  });

  it('couplingDegree(u3, modified) uses the mean pairwise gap and the ratios to the largest index', () => {
    const u = [0.2, 0.5, 0.8];
    const gaps = 0.3 + 0.6 + 0.3;
    const expected = Math.sqrt((1 - gaps / 3) * ((0.2 / 0.8) * (0.5 / 0.8)) ** (1 / 2));
    expect(couplingDegree(u, 'modified')).toBeCloseTo(expected, 15);
  });

  it('couplingDegree(equal indices) is 1 under both formulas', () => {
    expect(couplingDegree([0.4, 0.4, 0.4], 'classic')).toBeCloseTo(1, 15);
    expect(couplingDegree([0.4, 0.4, 0.4], 'modified')).toBe(1);
  });

  it('couplingDegree(u with a zero) is 0, not NaN, and so is D', () => {
    for (const formula of ['classic', 'modified'] as const) {
      expect(couplingDegree([0, 0.5, 0.9], formula)).toBe(0);
      expect(couplingDegree([0, 0, 0], formula)).toBe(0);
      expect(couplingCoordination([0, 0.7], { formula }).D).toBe(0);
    }
  });

  it('couplingDegree(bad input) throws a RangeError naming the problem', () => {
    expect(() => couplingDegree([0.5])).toThrow(/at least 2 subsystem indices, got 1/);
    expect(() => couplingDegree([0.5, -0.1])).toThrow(/index 1 must be a finite number ≥ 0/);
    expect(() => couplingDegree([0.5, 1.2], 'modified')).toThrow(/indices in \[0, 1\]; index 1 is 1.2/);
    expect(() => couplingDegree([0.5, 0.5], 'liao' as 'classic')).toThrow(/unknown formula "liao"/);
  });

  it('couplingDegree(index 1 + rounding, modified) reads the index as 1', () => {
    expect(couplingDegree([1 + 2e-16, 0.5], 'modified')).toBe(couplingDegree([1, 0.5], 'modified'));
  });

  it('couplingDegree(any U in [0, 1]^n) and D are in [0, 1]; a zero index gives C = 0', () => {
    const indices = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 2, maxLength: 6 });
    fc.assert(
      fc.property(indices, (u) => {
        const classic = couplingCoordination(u, { formula: 'classic' });
        const modified = couplingCoordination(u, { formula: 'modified' });
        for (const r of [classic, modified]) {
          expect(r.C >= 0 && r.C <= 1).toBe(true);
          expect(r.D >= 0 && r.D <= 1).toBe(true);
        }
        if (u.some((v) => v === 0)) expect(classic.C + modified.C).toBe(0);
      }),
    );
  });
});

describe('couplingCoordination(u, { alpha })', () => {
  it('couplingCoordination(u, { alpha }) weights T by α and gives D = √(C·T)', () => {
    const r = couplingCoordination([0.2, 0.8], { alpha: [0.25, 0.75] });
    expect(r.T).toBeCloseTo(0.65, 15);
    expect(r.D).toBeCloseTo(Math.sqrt(r.C * 0.65), 15);
  });

  it('couplingCoordination(u, bad α) throws a RangeError naming the problem', () => {
    expect(() => couplingCoordination([0.2, 0.8], { alpha: [1] })).toThrow(/1 weights α given for 2 subsystems/);
    expect(() => couplingCoordination([0.2, 0.8], { alpha: [0.5, 0.6] })).toThrow(/must sum to 1, they sum to 1.1/);
    expect(() => couplingCoordination([0.2, 0.8], { alpha: [1.5, -0.5] })).toThrow(/α_1 must be a finite number ≥ 0/);
  });
});

describe('coordinationGrade(D)', () => {
  it('coordinationGrade(D) uses left-open, right-closed bands with D = 0 in level 1', () => {
    expect(coordinationGrade(0).level).toBe(1);
    expect(coordinationGrade(0.1).level).toBe(1);
    expect(coordinationGrade(0.1000001).level).toBe(2);
    expect(coordinationGrade(0.3).level).toBe(3);
    expect(coordinationGrade(0.5).level).toBe(5);
    expect(coordinationGrade(0.50001).name).toBe('barely coordinated');
    expect(coordinationGrade(1).nameZh).toBe('优质协调');
    expect(coordinationGrade(1 + 2e-16).level).toBe(10);
  });

  it('COORDINATION_SCALE holds ten contiguous 0.1 bands with English and Chinese names', () => {
    expect(COORDINATION_SCALE.map((b) => b.level)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    COORDINATION_SCALE.forEach((band, k) => {
      expect(band.lower).toBeCloseTo(k / 10, 15);
      expect(band.upper).toBeCloseTo((k + 1) / 10, 15);
      if (k > 0) expect(band.lower).toBe(COORDINATION_SCALE[k - 1].upper);
    });
    expect(COORDINATION_SCALE[0].nameZh).toBe('极度失调');
    expect(COORDINATION_SCALE[9].name).toBe('quality coordination');
  });

  it('coordinationGrade(D outside [0, 1]) throws a RangeError', () => {
    expect(() => coordinationGrade(-0.01)).toThrow(/D must be a number in \[0, 1\], got -0.01/);
    expect(() => coordinationGrade(Number.NaN)).toThrow(RangeError);
  });
});

describe('couplingDegree on tiny indices', () => {
  it('couplingDegree(subnormal indices, classic) equals the same indices scaled up', () => {
    // Found by a property run: the arithmetic mean of subnormal numbers is
    // coarsely rounded, so C is computed on U / max U, which is scale-free.
    const tiny = [5e-324, 3.587e-321, 5e-324];
    const scaled = tiny.map((v) => v / 3.587e-321);
    expect(couplingDegree(tiny, 'classic')).toBeCloseTo(couplingDegree(scaled, 'classic'), 12);
  });
});
