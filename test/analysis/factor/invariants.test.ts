import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  collinearIndicators,
  principalComponents,
  rankDescending,
  retainComponents,
  varimax,
} from '../../../lib/analysis/factor/index.js';
import { crossprod } from '../../../lib/analysis/linalg/index.js';
import { readColumns, readExpected } from './fixture-data.js';

/** Orthogonality and preserved communalities hold to rounding. */
const INVARIANT_TOLERANCE = 1e-12;

const files = readExpected<{ file: string; indicators: string[] }[]>('efa-expected.json');

describe('principalComponents invariants on the fixture data', () => {
  it.each(files.map((f) => [f.file, f] as const))('principalComponents(%s) keeps T orthogonal, h² and weights', (_, f) => {
    const data = readColumns(f.file, f.indicators);
    const r = principalComponents(data.rows, { retain: { method: 'count', count: 3 } });
    const k = r.retained;
    const tt = crossprod(r.rotationMatrix);
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < k; j++) expect(Math.abs(tt[i][j] - (i === j ? 1 : 0))).toBeLessThan(INVARIANT_TOLERANCE);
    }
    // Rotation keeps each indicator's communality.
    r.unrotatedLoadings.forEach((row, i) => {
      const h2 = row.reduce((s, v) => s + v * v, 0);
      expect(Math.abs(h2 - r.communalities[i])).toBeLessThan(INVARIANT_TOLERANCE);
    });
    // rotated = unrotated · T.
    r.rotatedLoadings.forEach((row, i) =>
      row.forEach((v, j) => {
        const u = r.unrotatedLoadings[i].reduce((s, a, m) => s + a * r.rotationMatrix[m][j], 0);
        expect(Math.abs(v - u)).toBeLessThan(INVARIANT_TOLERANCE);
      }),
    );
    expect(Math.abs(r.compositeWeights.reduce((s, w) => s + w, 0) - 1)).toBeLessThan(INVARIANT_TOLERANCE);
    // Order by rotated variance and positive column sums.
    for (let j = 1; j < k; j++) expect(r.rotatedVariance[j].ss).toBeLessThanOrEqual(r.rotatedVariance[j - 1].ss);
    for (let j = 0; j < k; j++) expect(r.rotatedLoadings.reduce((s, row) => s + row[j], 0)).toBeGreaterThan(0);
    // Component scores are standardized and uncorrelated (W'RW = I for components).
    const n = r.n;
    const cov = crossprod(r.scores).map((row) => row.map((v) => v / (n - 1)));
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < k; j++) expect(Math.abs(cov[i][j] - (i === j ? 1 : 0))).toBeLessThan(1e-10);
    }
  });

  it('varimax(loadings) keeps T orthogonal and communalities on random loadings', () => {
    const loadings = fc.array(fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 3, maxLength: 3 }), {
      minLength: 4,
      maxLength: 12,
    });
    fc.assert(
      fc.property(loadings, (a) => {
        const v = varimax(a);
        const tt = crossprod(v.rotation);
        tt.forEach((row, i) => row.forEach((x, j) => expect(Math.abs(x - (i === j ? 1 : 0))).toBeLessThan(1e-12)));
        a.forEach((row, i) => {
          const before = row.reduce((s, x) => s + x * x, 0);
          const after = v.loadings[i].reduce((s, x) => s + x * x, 0);
          expect(Math.abs(before - after)).toBeLessThan(1e-12);
        });
      }),
      { numRuns: 100, seed: 20261203 },
    );
  });
});

describe('principalComponents on fewer rows than indicators', () => {
  const head = readColumns('mtcars-head8.csv');

  it('principalComponents(8 × 11) names collinear indicators and reports KMO and Bartlett as not computable', () => {
    const r = principalComponents(head.rows, { names: head.names });
    expect(r.singular).toBe(true);
    // Rank of R is at most n − 1 = 7, so at least 4 of 11 indicators are combinations of others.
    expect(r.collinear.length).toBeGreaterThanOrEqual(4);
    expect(r.kmo.computable).toBe(false);
    expect(r.bartlett.computable).toBe(false);
    if (!r.kmo.computable) expect(r.kmo.reason).toMatch(/8 rows for 11 indicators/);
    if (!r.kmo.computable) expect(r.kmo.reason).toContain(head.names[r.collinear[0]]);
    // Still loadings, coefficients, scores and a composite, all finite.
    for (const m of [r.rotatedLoadings, r.scoreCoefficients, r.scores]) {
      for (const row of m) for (const v of row) expect(Number.isFinite(v)).toBe(true);
    }
    expect(r.composite).toHaveLength(8);
    expect(r.eigenvalues.slice(7).every((v) => Math.abs(v) < 1e-12)).toBe(true);
  });

  it('principalComponents(8 × 11) refuses to retain more components than nonzero eigenvalues', () => {
    expect(() => principalComponents(head.rows, { retain: { method: 'count', count: 8 } })).toThrow(
      /only 7 eigenvalues are above zero/,
    );
  });

  it('principalComponents(x) with one retained component leaves it unrotated', () => {
    const r = principalComponents(head.rows, { retain: { method: 'count', count: 1 } });
    expect(r.iterations).toBe(0);
    expect(r.rotationMatrix).toEqual([[1]]);
    expect(r.rotatedLoadings).toEqual(r.unrotatedLoadings);
    expect(r.compositeWeights).toEqual([1]);
  });
});

describe('principalComponents input rules', () => {
  it('principalComponents(x) names a constant indicator', () => {
    expect(() => principalComponents([[1, 2, 3], [1, 3, 2], [1, 5, 1]], { names: ['a', 'b', 'c'] })).toThrow(
      /column a is constant/,
    );
  });
  it('principalComponents(x) rejects fewer than 3 rows', () => {
    expect(() => principalComponents([[1, 2], [2, 1]])).toThrow(/at least 3 rows/);
  });
  it('principalComponents(x) rejects an unknown rotation by name', () => {
    expect(() => principalComponents([[1, 2], [2, 1], [3, 5]], { rotation: 'promax' as 'none' })).toThrow(
      /unknown rotation "promax"/,
    );
  });
  it('retainComponents(values, rule) rejects an unknown method by name', () => {
    expect(() => retainComponents([2, 1], { method: 'scree' } as never)).toThrow(/unknown method "scree"/);
  });
  it('retainComponents(values, cumulative) keeps the fewest reaching the percent', () => {
    expect(retainComponents([3, 1.5, 0.5], { method: 'cumulative', percent: 80 })).toBe(2);
    expect(retainComponents([3, 1.5, 0.5], { method: 'cumulative', percent: 100 })).toBe(3);
    expect(retainComponents([0.9, 0.6, 0.5], { method: 'kaiser' })).toBe(1);
  });
  it('collinearIndicators(R) names the later of two identical indicators', () => {
    expect(collinearIndicators([[1, 0.3, 1], [0.3, 1, 0.3], [1, 0.3, 1]])).toEqual([2]);
  });
  it('rankDescending(values) gives 1 to the largest and shares ties', () => {
    expect(rankDescending([0.2, 1.5, -0.3, 1.5])).toEqual([3, 1, 4, 1]);
  });
});
