import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { type Direction, minMaxNormalize } from '../../../lib/analysis/normalize/index.js';
import { type DatasetName, referenceExpected, referencePanel } from '../../fixtures/entropy-coupling/load-reference.js';
import { REFERENCE_TOLERANCE, maxAbsDiff } from '../../fixtures/entropy-coupling/reference-chain.js';

const DATASETS: readonly DatasetName[] = ['grunfeld', 'produc'];

describe('minMaxNormalize against base R (test/reference/entropy-coupling.R)', () => {
  for (const name of DATASETS) {
    const panel = referencePanel(name);
    const expected = referenceExpected(name);
    for (const c of expected.cases) {
      it(`minMaxNormalize(${name}, ${c.scope}) matches R within ${REFERENCE_TOLERANCE}`, () => {
        const result = minMaxNormalize(
          panel.x,
          expected.directions,
          c.scope === 'per-year' ? { groups: panel.years } : {},
        );
        expect(result.values).toHaveLength(expected.rows);
        expect(maxAbsDiff(result.values, c.normalized)).toBeLessThan(REFERENCE_TOLERANCE);
        expect(result.constantColumns).toEqual([]);
      });
    }
  }
});

describe('minMaxNormalize(x, directions)', () => {
  const x = Object.freeze([Object.freeze([1, 10]), Object.freeze([3, 30]), Object.freeze([2, 20])]);

  it('minMaxNormalize(x, [positive, negative]) maps best to 1 and worst to 0', () => {
    const { values } = minMaxNormalize(x, ['positive', 'negative']);
    expect(values).toEqual([
      [0, 1],
      [1, 0],
      [0.5, 0.5],
    ]);
  });

  it('minMaxNormalize(x, d, { groups }) takes min and max within each group', () => {
    const { values } = minMaxNormalize([[1], [3], [10], [20]], ['positive'], { groups: [1, 1, 2, 2] });
    expect(values).toEqual([[0], [1], [0], [1]]);
  });

  it('minMaxNormalize(constant column) sets every value to 1 and reports the column', () => {
    const pooled = minMaxNormalize([[5, 1], [5, 2]], ['negative', 'positive']);
    expect(pooled.values).toEqual([
      [1, 0],
      [1, 1],
    ]);
    expect(pooled.constantColumns).toEqual([{ column: 0, value: 5 }]);

    const grouped = minMaxNormalize([[5], [5], [1], [2]], ['positive'], { groups: [2001, 2001, 2002, 2002] });
    expect(grouped.values).toEqual([[1], [1], [0], [1]]);
    expect(grouped.constantColumns).toEqual([{ column: 0, group: 2001, value: 5 }]);
  });

  it('minMaxNormalize(x, d) leaves its frozen input unchanged', () => {
    const before = JSON.stringify(x);
    minMaxNormalize(x, ['positive', 'positive']);
    expect(JSON.stringify(x)).toBe(before);
  });

  it('minMaxNormalize(bad input) throws a RangeError naming the problem', () => {
    expect(() => minMaxNormalize([], [])).toThrow(/no rows/);
    expect(() => minMaxNormalize([[1, 2]], ['positive'])).toThrow(/row 0 has 2 values, expected 1/);
    expect(() => minMaxNormalize([[Number.NaN]], ['positive'])).toThrow(/row 0, column 0 is not a finite number/);
    expect(() => minMaxNormalize([[1]], ['upward' as 'positive'])).toThrow(/unknown direction "upward"/);
    expect(() => minMaxNormalize([[1], [2]], ['positive'], { groups: [1] })).toThrow(/1 group labels given for 2 rows/);
    expect(() => minMaxNormalize([[1]], ['positive'])).not.toThrow();
  });

  it('minMaxNormalize(any finite matrix) gives values in [0, 1] with a 1 and a 0 in each varying column', () => {
    const matrix = fc
      .integer({ min: 1, max: 4 })
      .chain((cols) =>
        fc.array(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: cols, maxLength: cols }), {
          minLength: 1,
          maxLength: 12,
        }),
      );
    fc.assert(
      fc.property(matrix, fc.boolean(), (m, negative) => {
        const dirs: Direction[] = m[0].map(() => (negative ? 'negative' : 'positive'));
        const { values, constantColumns } = minMaxNormalize(m, dirs);
        for (const row of values) for (const v of row) expect(v >= 0 && v <= 1).toBe(true);
        for (let j = 0; j < dirs.length; j++) {
          const col = values.map((r) => r[j]);
          if (constantColumns.some((c) => c.column === j)) expect(col.every((v) => v === 1)).toBe(true);
          else expect(Math.max(...col) === 1 && Math.min(...col) === 0).toBe(true);
        }
      }),
    );
  });

  it('minMaxNormalize(columns from -1.75e308 to 1.75e308, where max - min overflows) still spans [0, 1]', () => {
    const { values } = minMaxNormalize([[-1.75e308, 1.75e308], [0, 0], [1.75e308, -1.75e308]], ['positive', 'negative']);
    expect(values).toEqual([[0, 0], [0.5, 0.5], [1, 1]]);
    const wide = fc.double({ min: -Number.MAX_VALUE, max: Number.MAX_VALUE, noNaN: true });
    fc.assert(
      fc.property(fc.array(wide, { minLength: 2, maxLength: 12 }), (col) => {
        const { values: v, constantColumns } = minMaxNormalize(col.map((x) => [x]), ['positive']);
        const out = v.map((r) => r[0]);
        for (const x of out) expect(x >= 0 && x <= 1).toBe(true);
        if (constantColumns.length === 0) expect(Math.max(...out) === 1 && Math.min(...out) === 0).toBe(true);
      }),
    );
  });
});
