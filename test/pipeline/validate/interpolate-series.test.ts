import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { interpolateSeries } from '../../../lib/pipeline/validate/interpolate-series.js';

/** Against R's approx(rule = 2) on real data: one multiply-add per value. */
const INTERPOLATION_TOLERANCE = 1e-12;

describe('interpolateSeries(years, values)', () => {
  it('interpolateSeries(interior gap) is linear in the year, with unequal spacing', () => {
    const result = interpolateSeries([2010, 2011, 2013, 2014, 2020], [10, Number.NaN, Number.NaN, 40, 100]);
    // 2011 is a quarter of the way from 2010 to 2014, 2013 three quarters.
    expect(result?.values).toEqual([10, 17.5, 32.5, 40, 100]);
    expect(result?.filled).toEqual([1, 2]);
  });

  it('interpolateSeries(leading and trailing gaps) takes the nearest observed value', () => {
    const result = interpolateSeries([1, 2, 3, 4, 5], [Number.NaN, Number.NaN, 7, 9, Number.NaN]);
    expect(result?.values).toEqual([7, 7, 7, 9, 9]);
    expect(result?.filled).toEqual([0, 1, 4]);
  });

  it('interpolateSeries(no gap) changes nothing; (no value) is undefined', () => {
    expect(interpolateSeries([1, 2], [3, 4])).toEqual({ values: [3, 4], filled: [] });
    expect(interpolateSeries([1, 2], [Number.NaN, Number.NaN])).toBeUndefined();
  });

  it('interpolateSeries(values) leaves its input unchanged', () => {
    const values = Object.freeze([1, Number.NaN, 3]);
    const years = Object.freeze([1, 2, 3]);
    interpolateSeries(years, values);
    expect(values).toEqual([1, Number.NaN, 3]);
  });

  it('interpolateSeries(plm::Produc series with gaps) agrees with R approx(rule = 2)', () => {
    const dir = 'test/fixtures/inputs';
    const reference = JSON.parse(readFileSync(`${dir}/produc-interpolated.json`, 'utf8')) as {
      indicators: string[];
      gaps: { unit: string; year: number; var: string }[];
      rows: { unit: string; year: number; values: number[] }[];
    };
    const lines = readFileSync(`${dir}/produc-gaps.csv`, 'utf8').trim().split('\n').slice(1);
    const gappy = lines.map((line) => {
      const cells = line.split(',');
      return { unit: JSON.parse(cells[0]) as string, year: Number(cells[1]), values: cells.slice(2).map((c) => (c === 'NA' ? Number.NaN : Number(c))) };
    });

    let checked = 0;
    for (const { unit, var: indicator } of reference.gaps) {
      const k = reference.indicators.indexOf(indicator);
      const rows = gappy.filter((r) => r.unit === unit);
      const result = interpolateSeries(rows.map((r) => r.year), rows.map((r) => r.values[k]));
      const expected = reference.rows.filter((r) => r.unit === unit).map((r) => r.values[k]);
      result?.values.forEach((v, i) => {
        expect(Math.abs(v - expected[i]) / Math.max(1, Math.abs(expected[i]))).toBeLessThanOrEqual(INTERPOLATION_TOLERANCE);
        checked++;
      });
    }
    expect(checked).toBe(reference.gaps.length * 5);
  });
});
