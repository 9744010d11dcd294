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

describe.each(cases.map((c) => [c.name, c] as const))('cronbachAlpha on %s', (_, c) => {
  const data = readColumns(c.file, c.columns);
  const result = cronbachAlpha(data.rows, data.names);

  it('cronbachAlpha(x) matches psych::alpha raw and standardized alpha within 1e-10', () => {
    expect(Math.abs(result.alpha - c.alpha)).toBeLessThan(ALPHA_TOLERANCE);
    expect(Math.abs(result.standardizedAlpha - c.standardizedAlpha)).toBeLessThan(ALPHA_TOLERANCE);
  });

  it('cronbachAlpha(x) matches psych::alpha item statistics within 1e-10', () => {
    const items = result.itemStatistics;
    expect(items).toHaveLength(c.columns.length);
    expect(maxAbsDiff(items.map((s) => s.alphaIfDeleted), c.alphaIfDeleted)).toBeLessThan(ALPHA_TOLERANCE);
    expect(
      maxAbsDiff(items.map((s) => s.standardizedAlphaIfDeleted), c.standardizedAlphaIfDeleted),
    ).toBeLessThan(ALPHA_TOLERANCE);
    expect(maxAbsDiff(items.map((s) => s.correctedItemTotal), c.correctedItemTotal)).toBeLessThan(
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
});
