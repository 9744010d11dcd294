import { describe, expect, it } from 'vitest';
import type { DeaData } from '../../../lib/analysis/dea/index.js';
import { malmquist, malmquistSummary } from '../../../lib/analysis/malmquist/index.js';
import { expected, produc } from '../dea/fixtures.js';

/** Agreement with the HiGHS distances of test/reference/dea.py. */
const HIGHS_TOL = 1e-8;

const cases = expected().malmquist;

describe('malmquist(periods) against scipy HiGHS on Produc 1970–1986', () => {
  for (const c of cases) {
    const periods: DeaData[] = c.years.map((y) => produc(c.model, y));
    const result = malmquist(periods, c.orientation);

    it(`malmquist(produc ${c.model}, ${c.orientation}) gives the four CRS and VRS distances`, () => {
      expect(result.pairs).toHaveLength(c.pairs.length);
      const byKey = new Map(result.pairs.map((p) => [`${p.unit}/${c.years[p.from]}`, p]));
      for (const want of c.pairs) {
        const got = byKey.get(`${want.unit}/${want.from}`)!;
        expect(c.years[got.to]).toBe(want.to);
        for (const key of ['tt', 't1t1', 'tt1', 't1t'] as const) {
          expect(Math.abs(got.distances.crs[key] - want.crs[key])).toBeLessThanOrEqual(HIGHS_TOL);
          const v = want.vrs[key];
          if (v === null) expect(got.distances.vrs[key]).toBeNull();
          else expect(Math.abs((got.distances.vrs[key] as number) - v)).toBeLessThanOrEqual(HIGHS_TOL);
        }
      }
    });

    it(`malmquist(produc ${c.model}, ${c.orientation}) builds the indices from the reference distances`, () => {
      const byKey = new Map(result.pairs.map((p) => [`${p.unit}/${c.years[p.from]}`, p]));
      for (const want of c.pairs) {
        const got = byKey.get(`${want.unit}/${want.from}`)!;
        const effch = want.crs.t1t1 / want.crs.tt;
        const techch = Math.sqrt((want.crs.tt1 / want.crs.t1t1) * (want.crs.tt / want.crs.t1t));
        const pech = (want.vrs.t1t1 as number) / (want.vrs.tt as number);
        expect(got.effch).toBeCloseTo(effch, 8);
        expect(got.techch).toBeCloseTo(techch, 8);
        expect(got.pech).toBeCloseTo(pech, 8);
        expect(got.sech).toBeCloseTo(effch / pech, 8);
        expect(got.tfpch).toBeCloseTo(effch * techch, 8);
      }
    });

    it(`malmquist(produc ${c.model}, ${c.orientation}) lists exactly the infeasible cross-period VRS problems`, () => {
      const want = c.pairs.flatMap((p) => [
        ...(p.vrs.tt1 === null ? [`${p.unit}:${p.from}:${p.to}`] : []),
        ...(p.vrs.t1t === null ? [`${p.unit}:${p.to}:${p.from}`] : []),
      ]);
      const got = result.infeasible.map((i) => `${i.unit}:${c.years[i.technology]}:${c.years[i.observation]}`);
      expect(new Set(got)).toEqual(new Set(want));
      expect(want.length).toBeGreaterThan(0);
    });
  }
});

describe('malmquistSummary(pairs)', () => {
  const periods = [1970, 1971, 1972, 1973].map((y) => produc('A', y));
  const { pairs } = malmquist(periods, 'input');
  const summary = malmquistSummary(pairs);

  it('malmquistSummary(pairs) takes geometric means per unit and per period', () => {
    const unit0 = pairs.filter((p) => p.unit === 0);
    const gm = Math.exp(unit0.reduce((a, p) => a + Math.log(p.tfpch), 0) / unit0.length);
    expect(summary.byUnit[0].tfpch).toBeCloseTo(gm, 12);
    const first = pairs.filter((p) => p.from === 0);
    const gmPeriod = Math.exp(first.reduce((a, p) => a + Math.log(p.techch), 0) / first.length);
    expect(summary.byPeriod[0].techch).toBeCloseTo(gmPeriod, 12);
    expect(summary.byPeriod).toHaveLength(3);
  });

  it('malmquistSummary(pairs) chains cumulative indices from the first period', () => {
    const unit5 = summary.cumulative.filter((c) => c.unit === 5);
    const own = pairs.filter((p) => p.unit === 5).sort((a, b) => a.from - b.from);
    expect(unit5.map((c) => c.to)).toEqual([1, 2, 3]);
    expect(unit5[2].tfpch).toBeCloseTo(own[0].tfpch * own[1].tfpch * own[2].tfpch, 12);
  });

  it('malmquist(pairs) satisfies effch × techch = tfpch and pech × sech = effch', () => {
    for (const p of pairs) {
      expect(p.effch * p.techch).toBeCloseTo(p.tfpch, 12);
      expect(p.pech * p.sech).toBeCloseTo(p.effch, 12);
    }
  });

  it('malmquist(one period) raises a RangeError', () => {
    expect(() => malmquist([produc('A', 1970)])).toThrow(RangeError);
  });
});
