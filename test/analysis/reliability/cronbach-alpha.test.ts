import { describe, expect, it } from 'vitest';
import { cronbachAlpha } from '../../../lib/analysis/reliability/index.js';
import { maxAbsDiff, readColumns, readExpected } from '../factor/fixture-data.js';

/** psych::alpha is closed-form: agreement is required to 1e-10. */
const ALPHA_TOLERANCE = 1e-10;

interface AlphaCase {
  name: string;
  file: string;
  columns: string[];
  alpha: number;
  standardizedAlpha: number;
  alphaIfDeleted: number[];
  standardizedAlphaIfDeleted: number[];
  correctedItemTotal: number[];
}

const cases = readExpected<AlphaCase[]>('reliability-expected.json');

/** The statistic, which these well-conditioned fixtures always define. */
function defined(value: number | null): number {
  if (value === null) throw new Error('expected a number, got null');
  return value;
}

describe.each(cases.map((c) => [c.name, c] as const))('cronbachAlpha on %s', (_, c) => {
  const data = readColumns(c.file, c.columns);
  const result = cronbachAlpha(data.rows, data.names);

  it('cronbachAlpha(x) matches psych::alpha raw and standardized alpha within 1e-10', () => {
    expect(Math.abs(defined(result.alpha) - c.alpha)).toBeLessThan(ALPHA_TOLERANCE);
    expect(Math.abs(defined(result.standardizedAlpha) - c.standardizedAlpha)).toBeLessThan(ALPHA_TOLERANCE);
  });

  it('cronbachAlpha(x) matches psych::alpha item statistics within 1e-10', () => {
    const items = result.itemStatistics;
    expect(items).toHaveLength(c.columns.length);
    expect(maxAbsDiff(items.map((s) => defined(s.alphaIfDeleted)), c.alphaIfDeleted)).toBeLessThan(ALPHA_TOLERANCE);
    expect(
      maxAbsDiff(items.map((s) => defined(s.standardizedAlphaIfDeleted)), c.standardizedAlphaIfDeleted),
    ).toBeLessThan(ALPHA_TOLERANCE);
    expect(maxAbsDiff(items.map((s) => defined(s.correctedItemTotal)), c.correctedItemTotal)).toBeLessThan(
      ALPHA_TOLERANCE,
    );
  });
});

describe('cronbachAlpha input rules', () => {
  it('cronbachAlpha(x) names a constant item', () => {
    expect(() => cronbachAlpha([[1, 2], [1, 3], [1, 5]], ['a', 'b'])).toThrow(/item a is constant/);
  });
  it('cronbachAlpha(x) rejects a single item', () => {
    expect(() => cronbachAlpha([[1], [2], [3]])).toThrow(/at least 2 items/);
  });
  it('cronbachAlpha(x) gives no item statistics for two items', () => {
    const r = cronbachAlpha([[1, 2], [2, 3], [4, 4], [3, 1]]);
    expect(r.itemStatistics).toEqual([]);
    expect(Number.isFinite(r.alpha)).toBe(true);
  });
  it('cronbachAlpha(x) is unchanged when every item is multiplied by 1e300 or 1e-300', () => {
    const c = cases[0];
    const data = readColumns(c.file, c.columns);
    for (const factor of [1e300, 1e-300]) {
      const r = cronbachAlpha(data.rows.map((row) => row.map((v) => v * factor)));
      expect(Math.abs(defined(r.alpha) - c.alpha)).toBeLessThan(ALPHA_TOLERANCE);
      expect(Math.abs(defined(r.standardizedAlpha) - c.standardizedAlpha)).toBeLessThan(ALPHA_TOLERANCE);
    }
  });
  it('cronbachAlpha(x) with items scaled by 1e300 and 1e-300 keeps psych::alpha std.alpha and finite item statistics', () => {
    const c = cases[0];
    const data = readColumns(c.file, c.columns);
    const factors = c.columns.map((_, j) => (j === 0 ? 1e300 : j === 1 ? 1e-300 : 1));
    const r = cronbachAlpha(data.rows.map((row) => row.map((v, j) => v * factors[j])));
    expect(Math.abs(defined(r.standardizedAlpha) - c.standardizedAlpha)).toBeLessThan(ALPHA_TOLERANCE);
    for (const item of r.itemStatistics) {
      expect(Number.isFinite(item.alphaIfDeleted)).toBe(true);
      expect(Number.isFinite(item.correctedItemTotal)).toBe(true);
    }
  });
  it('cronbachAlpha(x) gives null, not NaN, when the items cancel in their total', () => {
    const r = cronbachAlpha([[1, -1, 5], [2, -2, 3], [4, -4, 4], [3, -3, 1]].map((row) => row.slice(0, 2)));
    expect(r.alpha).toBeNull();
    expect(r.standardizedAlpha).toBeNull();
    const three = cronbachAlpha([[1, -1, 5], [2, -2, 3], [4, -4, 4], [3, -3, 1]]);
    expect(three.itemStatistics[2].alphaIfDeleted).toBeNull();
    expect(three.itemStatistics[2].correctedItemTotal).toBeNull();
    expect(Number.isFinite(three.alpha)).toBe(true);
  });
});
