import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CollinearPredictorsError, ols } from '../../../lib/analysis/regression/index.js';
import { LM_DATASETS, lmExpected, readFixtureTable } from '../../fixtures/cluster/load.js';

/**
 * Agreement with R's lm: |ours − R| ≤ LM_TOLERANCE · max(1, |R|) for
 * estimates, standard errors, t, betas, VIFs, fit statistics and residuals,
 * and ≤ LM_TOLERANCE · |R| for p values (relative, so tiny p values count).
 * Observed worst case: 9e-13 on Longley.
 */
const LM_TOLERANCE = 1e-9;

const close = (got: number, want: number) =>
  Math.abs(got - want) <= LM_TOLERANCE * Math.max(1, Math.abs(want));
const closeRelative = (got: number, want: number) =>
  Math.abs(got - want) <= LM_TOLERANCE * Math.abs(want);

const expected = lmExpected();

function fit(name: (typeof LM_DATASETS)[number]) {
  const want = expected[name];
  const table = readFixtureTable(name);
  const column = (label: string) => {
    const j = table.columns.indexOf(label);
    if (j < 0) throw new Error(`${name} has no column ${label}`);
    return j;
  };
  const yj = column(want.dependent);
  const xj = want.predictors.map(column);
  const y = table.rows.map((r) => r[yj]);
  const x = table.rows.map((r) => xj.map((j) => r[j]));
  return { want, y, x, result: ols(y, x, { dependent: want.dependent, predictors: want.predictors }) };
}

describe('ols(y, X) against R summary(lm()) (test/reference/cluster.R)', () => {
  for (const name of LM_DATASETS) {
    const { want, result } = fit(name);

    it(`ols(${name}) coefficients, se, t, p, beta and VIF match lm within ${LM_TOLERANCE}`, () => {
      expect(result.coefficients.map((c) => c.name)).toEqual(want.coefficients.map((c) => c.name));
      result.coefficients.forEach((c, i) => {
        const w = want.coefficients[i];
        expect(close(c.estimate, w.estimate), `${c.name} estimate ${c.estimate} vs ${w.estimate}`).toBe(true);
        expect(close(c.se, w.se), `${c.name} se`).toBe(true);
        expect(close(c.t, w.t), `${c.name} t`).toBe(true);
        expect(closeRelative(c.p, w.p), `${c.name} p ${c.p} vs ${w.p}`).toBe(true);
        if (w.beta === null) expect(c.beta).toBeNull();
        else expect(close(c.beta as number, w.beta), `${c.name} beta`).toBe(true);
        if (w.vif === null) expect(c.vif).toBeNull();
        else expect(close(c.vif as number, w.vif), `${c.name} vif`).toBe(true);
      });
    });

    it(`ols(${name}) R², adjusted R², F, its p, σ and df match lm`, () => {
      expect(close(result.r2, want.r2)).toBe(true);
      expect(close(result.adjR2, want.adjR2)).toBe(true);
      expect(close(result.f, want.f)).toBe(true);
      expect(closeRelative(result.fP, want.fP), `fP ${result.fP} vs ${want.fP}`).toBe(true);
      expect(close(result.sigma, want.sigma)).toBe(true);
      expect(result.df).toEqual(want.df);
      expect(result.n).toBe(want.residuals.length);
    });

    it(`ols(${name}) residuals match lm`, () => {
      result.residuals.forEach((e, i) => expect(close(e, want.residuals[i])).toBe(true));
    });
  }
});

describe('ols(y, X) rank deficiency and input checks', () => {
  const { y, x } = fit('longley');
  const names = expected.longley.predictors;

  it('ols names a predictor that is an exact combination of others', () => {
    // Add GNP + 2·Population as an eighth predictor.
    const gnp = names.indexOf('GNP');
    const pop = names.indexOf('Population');
    const extended = x.map((r) => [...r, r[gnp] + 2 * r[pop]]);
    let error: unknown;
    try {
      ols(y, extended, { predictors: [...names, 'GNPplus2Pop'] });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CollinearPredictorsError);
    const collinear = error as CollinearPredictorsError;
    expect(collinear.predictor).toBe('GNPplus2Pop');
    expect(collinear.dependsOn).toEqual(expect.arrayContaining(['GNP', 'Population']));
    expect(collinear.message).toMatch(/"GNPplus2Pop" is a linear combination of .*"GNP".*"Population"/);
  });

  it('ols says a constant predictor cannot be told apart from the intercept', () => {
    expect(() => ols(y, x.map((r) => [r[0], 3]), { predictors: ['a', 'flat'] })).toThrow(
      /predictor "flat" is constant/,
    );
  });

  it('ols rejects too few observations, mismatched lengths and non-finite values', () => {
    expect(() => ols([1, 2, 3], [[1, 2], [2, 1], [3, 3]])).toThrow(/more observations than coefficients/);
    expect(() => ols([1, 2], [[1]])).toThrow(/y has 2 values but X has 1 rows/);
    expect(() => ols([1, 2, 3, 4], [[1], [2], [Number.NaN], [4]], { predictors: ['gdp'] })).toThrow(
      /predictor "gdp" row 3 is not a finite number/,
    );
  });

  it('ols leaves its inputs unchanged', () => {
    const frozenY = Object.freeze([...y]);
    const frozenX = Object.freeze(x.map((r) => Object.freeze([...r])));
    ols(frozenY, frozenX);
    expect(frozenY).toEqual(y);
  });

  it('ols residuals are orthogonal to every predictor and sum to zero (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.double({ min: -10, max: 10, noNaN: true }),
            fc.double({ min: -10, max: 10, noNaN: true }),
            fc.double({ min: -10, max: 10, noNaN: true }),
          ),
          { minLength: 6, maxLength: 40 },
        ),
        (rows) => {
          const xs = rows.map(([a, b]) => [a, b]);
          const ys = rows.map(([, , c]) => c);
          let result;
          try {
            result = ols(ys, xs);
          } catch (e) {
            fc.pre(!(e instanceof CollinearPredictorsError));
            throw e;
          }
          const scale = Math.max(1, ...ys.map(Math.abs)) * rows.length;
          expect(Math.abs(result.residuals.reduce((s, e) => s + e, 0))).toBeLessThan(1e-9 * scale);
          for (let j = 0; j < 2; j++) {
            const dot = result.residuals.reduce((s, e, i) => s + e * xs[i][j], 0);
            expect(Math.abs(dot)).toBeLessThan(1e-9 * scale * 10);
          }
        },
      ),
    );
  });
});
