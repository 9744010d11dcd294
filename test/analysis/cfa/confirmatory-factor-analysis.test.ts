import { describe, expect, it } from 'vitest';
import { confirmatoryFactorAnalysis, noncentralChisquareCdf } from '../../../lib/analysis/cfa/index.js';
import type { CfaResult } from '../../../lib/analysis/cfa/index.js';
import { readColumns, readExpected } from '../factor/fixture-data.js';

/**
 * Agreement with lavaan::cfa. lavaan's optimizer (nlminb) stops a little
 * before the optimum, so its parameter estimates carry errors near 1e-5
 * while χ² (flat at the optimum) agrees to about 1e-10; the requirement for
 * every compared quantity is 1e-4.
 */
const CFA_TOLERANCE = 1e-4;

interface Estimate {
  estimate: number;
  se: number;
}
interface CfaCase {
  name: string;
  file: string;
  n: number;
  factors: Record<string, string[]>;
  normal: Record<string, number>;
  wishart: Record<string, number>;
  loadings: (Estimate & { factor: string; indicator: string; z: number | null; pValue: number | null; standardized: number })[];
  residualVariances: (Estimate & { indicator: string })[];
  factorCovariances: (Estimate & { lhs: string; rhs: string })[];
  factorCorrelations: { lhs: string; rhs: string; estimate: number }[];
  compositeReliability: Record<string, number>;
  averageVarianceExtracted: Record<string, number>;
}

const cases = readExpected<CfaCase[]>('cfa-expected.json');

function fit(c: CfaCase): CfaResult {
  const names = Object.values(c.factors).flat();
  const data = readColumns(c.file, names);
  const factors = Object.entries(c.factors).map(([name, ids]) => ({
    name,
    indicators: ids.map((id) => names.indexOf(id)),
  }));
  return confirmatoryFactorAnalysis(data.rows, factors, { names });
}

describe.each(cases.map((c) => [c.name, c] as const))('confirmatoryFactorAnalysis on %s', (_, c) => {
  const result = fit(c);

  it('confirmatoryFactorAnalysis(x, factors) converges without Heywood cases', () => {
    expect(result.converged).toBe(true);
    expect(result.heywood).toEqual([]);
    expect(result.n).toBe(c.n);
  });

  it('confirmatoryFactorAnalysis(x, factors) matches lavaan fit indices (N convention) within 1e-4', () => {
    const f = result.normal;
    const e = c.normal;
    expect(f.df).toBe(e.df);
    expect(f.baselineDf).toBe(e['baseline.df']);
    const pairs: [number, number][] = [
      [f.chiSquare, e.chisq],
      [f.pValue ?? Number.NaN, e.pvalue],
      [f.baselineChiSquare, e['baseline.chisq']],
      [f.cfi, e.cfi],
      [f.tli, e.tli],
      [f.rmsea, e.rmsea],
      [f.rmseaLower, e['rmsea.ci.lower']],
      [f.rmseaUpper, e['rmsea.ci.upper']],
      [result.srmr, e.srmr],
      [result.aic, e.aic],
      [result.bic, e.bic],
      [result.logLikelihood, e.logl],
      [result.fmin / 2, e.fmin],
    ];
    for (const [actual, expected] of pairs) expect(Math.abs(actual - expected)).toBeLessThan(CFA_TOLERANCE);
  });

  it('confirmatoryFactorAnalysis(x, factors) matches lavaan likelihood = "wishart" for the N − 1 convention', () => {
    const f = result.wishart;
    const e = c.wishart;
    expect(f.multiplier).toBe(c.n - 1);
    const pairs: [number, number][] = [
      [f.chiSquare, e.chisq],
      [f.pValue ?? Number.NaN, e.pvalue],
      [f.cfi, e.cfi],
      [f.tli, e.tli],
      [f.rmsea, e.rmsea],
      [f.rmseaLower, e['rmsea.ci.lower']],
      [f.rmseaUpper, e['rmsea.ci.upper']],
    ];
    for (const [actual, expected] of pairs) expect(Math.abs(actual - expected)).toBeLessThan(CFA_TOLERANCE);
  });

  it('confirmatoryFactorAnalysis(x, factors) matches lavaan loadings, SE, z, p and standardized loadings within 1e-4', () => {
    expect(result.loadings).toHaveLength(c.loadings.length);
    c.loadings.forEach((e, i) => {
      const a = result.loadings[i];
      expect([a.factor, a.indicator]).toEqual([e.factor, e.indicator]);
      expect(Math.abs(a.estimate - e.estimate)).toBeLessThan(CFA_TOLERANCE);
      expect(Math.abs(a.standardized - e.standardized)).toBeLessThan(CFA_TOLERANCE);
      if (e.z === null) {
        expect(a.fixed).toBe(true);
        expect(a.se).toBeNull();
      } else {
        expect(Math.abs(a.se! - e.se)).toBeLessThan(CFA_TOLERANCE);
        expect(Math.abs(a.z! - e.z)).toBeLessThan(CFA_TOLERANCE);
        expect(Math.abs(a.pValue! - e.pValue!)).toBeLessThan(CFA_TOLERANCE);
      }
    });
  });

  it('confirmatoryFactorAnalysis(x, factors) matches lavaan variances, covariances and correlations within 1e-4', () => {
    c.residualVariances.forEach((e) => {
      const a = result.residualVariances.find((r) => r.indicator === e.indicator)!;
      expect(Math.abs(a.estimate - e.estimate)).toBeLessThan(CFA_TOLERANCE);
      expect(Math.abs(a.se! - e.se)).toBeLessThan(CFA_TOLERANCE);
    });
    const pairKey = (l: string, r: string): string => [l, r].sort().join('~');
    c.factorCovariances.forEach((e) => {
      const a = result.factorCovariances.find((f) => pairKey(f.lhs, f.rhs) === pairKey(e.lhs, e.rhs))!;
      expect(Math.abs(a.estimate - e.estimate)).toBeLessThan(CFA_TOLERANCE);
      expect(Math.abs(a.se! - e.se)).toBeLessThan(CFA_TOLERANCE);
    });
    c.factorCorrelations.forEach((e) => {
      const a = result.factorCovariances.find((f) => pairKey(f.lhs, f.rhs) === pairKey(e.lhs, e.rhs))!;
      expect(Math.abs(a.correlation - e.estimate)).toBeLessThan(CFA_TOLERANCE);
    });
  });

  it('confirmatoryFactorAnalysis(x, factors) matches CR and AVE from lavaan standardized solution', () => {
    for (const f of Object.keys(c.factors)) {
      expect(Math.abs(result.compositeReliability[f] - c.compositeReliability[f])).toBeLessThan(CFA_TOLERANCE);
      expect(Math.abs(result.averageVarianceExtracted[f] - c.averageVarianceExtracted[f])).toBeLessThan(
        CFA_TOLERANCE,
      );
    }
  });
});

describe('confirmatoryFactorAnalysis on the lavaan tutorial model', () => {
  it('confirmatoryFactorAnalysis(HolzingerSwineford1939) gives chi-square 85.306 on 24 df', () => {
    const r = fit(cases.find((c) => c.name === 'holzinger-swineford-1939')!);
    expect(r.normal.chiSquare.toFixed(3)).toBe('85.306');
    expect(r.normal.df).toBe(24);
  });
});

describe('confirmatoryFactorAnalysis diagnostics', () => {
  const hs = cases.find((c) => c.name === 'holzinger-swineford-1939')!;
  const names = Object.values(hs.factors).flat();
  const data = readColumns(hs.file, names);

  /** Both fits stop at a relative parameter change of 1e-10; their gap stays far below 1e-8. */
  const EQUIVARIANCE_TOLERANCE = 1e-8;

  it('confirmatoryFactorAnalysis(x, factors) is scale-equivariant for indicators in units 1e8 apart', () => {
    const factors = Object.values(hs.factors).map((ids, f) => ({
      name: Object.keys(hs.factors)[f],
      indicators: ids.map((id) => names.indexOf(id)),
    }));
    const units = names.map((_, j) => 10 ** (j - 3));
    const scaled = data.rows.map((row) => row.map((v, j) => v * units[j]));
    const base = confirmatoryFactorAnalysis(data.rows, factors, { names });
    const r = confirmatoryFactorAnalysis(scaled, factors, { names });
    expect(r.converged).toBe(true);
    expect(Math.abs(r.normal.chiSquare - base.normal.chiSquare)).toBeLessThan(EQUIVARIANCE_TOLERANCE);
    r.loadings.forEach((l, i) => {
      const marker = names.indexOf(factors.find((f) => f.name === l.factor)!.indicators.map((j) => names[j])[0]);
      const ratio = units[names.indexOf(l.indicator)] / units[marker];
      expect(Math.abs(l.estimate / ratio - base.loadings[i].estimate)).toBeLessThan(EQUIVARIANCE_TOLERANCE);
      expect(Math.abs(l.standardized - base.loadings[i].standardized)).toBeLessThan(EQUIVARIANCE_TOLERANCE);
      if (l.z !== null) expect(Math.abs(l.z - base.loadings[i].z!)).toBeLessThan(EQUIVARIANCE_TOLERANCE);
    });
  });

  it('confirmatoryFactorAnalysis(x, factors) reports non-convergence when the iteration cap is hit', () => {
    const r = confirmatoryFactorAnalysis(
      data.rows,
      [{ name: 'visual', indicators: [0, 1, 2] }, { name: 'textual', indicators: [3, 4, 5] }],
      { names, maxIterations: 1 },
    );
    expect(r.converged).toBe(false);
    expect(r.iterations).toBe(1);
  });

  it('confirmatoryFactorAnalysis(x, factors) reports a negative residual variance as a Heywood case', () => {
    // Two indicators that are almost the same variable and a third that is
    // not: the common factor absorbs more than all of the twins' variance.
    const rows = data.rows.map((r, i) => [r[3], r[3] + 0.02 * Math.sin(i), r[3] + r[0] * 2]);
    const res = confirmatoryFactorAnalysis(rows, [{ name: 'f', indicators: [0, 1, 2] }], { maxIterations: 200 });
    const kinds = res.heywood.map((h) => h.kind);
    expect(kinds).toContain('negative-residual-variance');
  });

  it('confirmatoryFactorAnalysis(x, factors) rejects fewer rows than indicators', () => {
    expect(() =>
      confirmatoryFactorAnalysis(data.rows.slice(0, 5), [{ name: 'all', indicators: [0, 1, 2, 3, 4, 5] }], { names }),
    ).toThrow(/not positive definite \(fewer rows than indicators\)/);
  });

  it('confirmatoryFactorAnalysis(x, factors) rejects a factor with one indicator', () => {
    expect(() => confirmatoryFactorAnalysis(data.rows, [{ name: 'lonely', indicators: [0] }])).toThrow(
      /factor "lonely" needs at least 2 indicators/,
    );
  });
});

describe('noncentralChisquareCdf', () => {
  /** The Poisson mixture is summed to 1e-17; R's pchisq is accurate to about 1e-12. */
  const CDF_TOLERANCE = 1e-10;
  const expected = readExpected<{ x: number; df: number; ncp: number; p: number }[]>(
    'noncentral-chisquare-expected.json',
  );
  it.each(expected.map((e) => [e.x, e.df, e.ncp, e] as const))(
    'noncentralChisquareCdf(%d, %d, %d) agrees with R pchisq',
    (_x, _df, _ncp, e) => {
      expect(Math.abs(noncentralChisquareCdf(e.x, e.df, e.ncp) - e.p)).toBeLessThan(CDF_TOLERANCE);
    },
  );
});

describe('confirmatoryFactorAnalysis on a saturated model', () => {
  it('confirmatoryFactorAnalysis(x, one factor of three) has df 0 and a null p value, not NaN', () => {
    const names = ['x1', 'x2', 'x3'];
    const data = readColumns('holzinger-swineford-1939.csv', names);
    const result = confirmatoryFactorAnalysis(data.rows, [{ name: 'visual', indicators: [0, 1, 2] }], { names });
    expect(result.normal.df).toBe(0);
    expect(result.normal.pValue).toBeNull();
    expect(result.wishart.pValue).toBeNull();
    expect(result.normal.chiSquare).toBeLessThan(1e-8);
  });
});
