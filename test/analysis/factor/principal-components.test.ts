import { describe, expect, it } from 'vitest';
import { principalComponents } from '../../../lib/analysis/factor/index.js';
import { readColumns, readExpected, maxAbsDiff } from './fixture-data.js';

/**
 * Agreement with R (psych::KMO, psych::cortest.bartlett, eigen, a fully
 * converged stats::varimax) on the quantities a user compares line by line.
 * The requirement is 1e-6; both sides converge varimax to rounding, so the
 * observed gap is about 1e-14 and 1e-10 is asserted.
 */
const EFA_TOLERANCE = 1e-10;
/** Eigenvalues, KMO and Bartlett need no iteration: they must agree to rounding. */
const DIRECT_TOLERANCE = 1e-10;

interface EfaCase {
  name: string;
  file: string;
  n: number;
  indicators: string[];
  correlation: number[][];
  eigenvalues: number[];
  retained: number;
  unrotatedLoadings: number[][];
  rotatedLoadings: number[][];
  rotationMatrix: number[][];
  communalities: number[];
  rotatedSS: number[];
  rotatedPercent: number[];
  scoreCoefficients: number[][];
  scores: number[][];
  composite: number[];
  nonsingular: boolean;
  kmo: { overall: number; perIndicator: number[] } | null;
  bartlett: { chiSquare: number; df: number; pValue: number } | null;
}

const cases = readExpected<EfaCase[]>('efa-expected.json');

/** Aligns columns of `actual` to `expected` by best match up to sign; returns the largest error. */
function alignedError(actual: number[][], expected: number[][]): number {
  const k = expected[0].length;
  let worst = 0;
  for (let j = 0; j < k; j++) {
    let best = Infinity;
    for (let i = 0; i < k; i++) {
      for (const s of [1, -1]) {
        const e = Math.max(...expected.map((row, r) => Math.abs(row[j] - s * actual[r][i])));
        best = Math.min(best, e);
      }
    }
    worst = Math.max(worst, best);
  }
  return worst;
}

describe.each(cases.map((c) => [c.name, c] as const))('principalComponents on %s', (_, c) => {
  const data = readColumns(c.file, c.indicators);
  const result = principalComponents(data.rows, { names: data.names });

  it('principalComponents(x) matches R eigenvalues and correlation to rounding', () => {
    expect(result.n).toBe(c.n);
    expect(maxAbsDiff(result.correlation, c.correlation)).toBeLessThan(DIRECT_TOLERANCE);
    expect(maxAbsDiff(result.eigenvalues, c.eigenvalues)).toBeLessThan(DIRECT_TOLERANCE);
    expect(result.retained).toBe(c.retained);
  });

  it('principalComponents(x) matches R loadings, rotation and communalities within EFA_TOLERANCE', () => {
    expect(alignedError(result.unrotatedLoadings, c.unrotatedLoadings)).toBeLessThan(EFA_TOLERANCE);
    expect(alignedError(result.rotatedLoadings, c.rotatedLoadings)).toBeLessThan(EFA_TOLERANCE);
    // Same canonical order (rotated variance) and sign (positive column sums) as the R script.
    expect(maxAbsDiff(result.rotatedLoadings, c.rotatedLoadings)).toBeLessThan(EFA_TOLERANCE);
    expect(maxAbsDiff(result.rotationMatrix, c.rotationMatrix)).toBeLessThan(EFA_TOLERANCE);
    expect(maxAbsDiff(result.communalities, c.communalities)).toBeLessThan(EFA_TOLERANCE);
    expect(maxAbsDiff(result.rotatedVariance.map((v) => v.ss), c.rotatedSS)).toBeLessThan(EFA_TOLERANCE);
    expect(maxAbsDiff(result.rotatedVariance.map((v) => v.percent), c.rotatedPercent)).toBeLessThan(
      100 * EFA_TOLERANCE,
    );
    expect(result.converged).toBe(true);
  });

  it('principalComponents(x) matches R score coefficients, scores and composite within EFA_TOLERANCE', () => {
    expect(maxAbsDiff(result.scoreCoefficients, c.scoreCoefficients)).toBeLessThan(EFA_TOLERANCE);
    expect(maxAbsDiff(result.scores, c.scores)).toBeLessThan(EFA_TOLERANCE);
    expect(maxAbsDiff(result.composite, c.composite)).toBeLessThan(EFA_TOLERANCE);
  });

  it('principalComponents(x) matches psych::KMO and psych::cortest.bartlett, or says why not', () => {
    expect(result.singular).toBe(!c.nonsingular);
    if (c.kmo && c.bartlett) {
      expect(result.kmo.computable).toBe(true);
      expect(result.bartlett.computable).toBe(true);
      if (!result.kmo.computable || !result.bartlett.computable) return;
      // These fixtures correlate every indicator with some other, so no MSA is 0/0.
      expect(Math.abs((result.kmo.overall ?? Number.NaN) - c.kmo.overall)).toBeLessThan(DIRECT_TOLERANCE);
      const msa = result.kmo.perIndicator.map((v) => v ?? Number.NaN);
      expect(maxAbsDiff(msa, c.kmo.perIndicator)).toBeLessThan(DIRECT_TOLERANCE);
      expect(Math.abs(result.bartlett.chiSquare - c.bartlett.chiSquare)).toBeLessThan(
        DIRECT_TOLERANCE * c.bartlett.chiSquare,
      );
      expect(result.bartlett.df).toBe(c.bartlett.df);
      expect(Math.abs(result.bartlett.pValue - c.bartlett.pValue)).toBeLessThan(DIRECT_TOLERANCE);
    } else {
      expect(result.kmo).toMatchObject({ computable: false });
      expect(result.bartlett).toMatchObject({ computable: false });
    }
  });
});
