import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { histogram, sturgesBins } from '../../lib/report/histogram.js';

/**
 * Counts are whole numbers and must equal R's exactly; break points are
 * computed as seq() computes them, equal to the last bits or nearly.
 */
const BREAK_TOLERANCE = 1e-12;

interface Case {
  readonly name: string;
  readonly values: readonly number[];
  readonly lower: number;
  readonly upper: number;
  readonly bins: number;
  readonly breaks: readonly number[];
  readonly counts: readonly number[];
  readonly sturges: number;
}

/** Written by test/fixtures/report/histogram.R with R's hist (see the README there). */
const expected = JSON.parse(
  readFileSync(
    fileURLToPath(new URL('../fixtures/report/histogram-expected.json', import.meta.url)),
    'utf8',
  ),
) as { cases: readonly Case[] };

describe('histogram', () => {
  it.each(expected.cases.map((c) => [c.name, c] as const))(
    'histogram(%s) gives the counts and breaks of R hist(right = FALSE, include.lowest = TRUE)',
    (_, c) => {
      const h = histogram(c.values, c.lower, c.upper, c.bins);
      expect(h.counts).toEqual(c.counts);
      expect(h.breaks).toHaveLength(c.breaks.length);
      h.breaks.forEach((b, i) => {
        expect(Math.abs(b - (c.breaks[i] ?? Number.NaN))).toBeLessThanOrEqual(BREAK_TOLERANCE);
      });
    },
  );

  it('histogram(mtcars$mpg) puts a value on a break into the bin it opens', () => {
    const mpg = expected.cases.find((c) => c.name === 'mtcars$mpg');
    expect(mpg?.values).toContain(15);
    const h = histogram([15, 35, 10], 10, 35, 5);
    expect(h.counts).toEqual([1, 1, 0, 0, 1]);
  });

  it('sturgesBins(n) equals R nclass.Sturges', () => {
    for (const c of expected.cases) expect(sturgesBins(c.values.length), c.name).toBe(c.sturges);
  });

  it('histogram(values) skips non-finite values and rejects bad ranges, bins and outliers by name', () => {
    expect(histogram([0.5, Number.NaN, Number.POSITIVE_INFINITY], 0, 1, 2).counts).toEqual([0, 1]);
    expect(histogram([2, 2], 2, 2, 1).counts).toEqual([2]);
    expect(() => histogram([0.5], 0, 1, 0)).toThrow(/bins must be a positive integer, got 0/);
    expect(() => histogram([0.5], 1, 0, 2)).toThrow(/upper \(0\) must exceed lower \(1\)/);
    expect(() => histogram([1.5], 0, 1, 2)).toThrow(/value 1.5 lies outside \[0, 1\]/);
  });
});
