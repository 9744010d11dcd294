import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  LINKAGES,
  type Linkage,
  MAX_MATRIX_OBSERVATIONS,
  cutTree,
  hierarchicalClustering,
} from '../../../lib/analysis/cluster/index.js';

/** Small integer-valued grids produce many exact ties, the hard case. */
const pointsArbitrary = (maxRows: number) =>
  fc.integer({ min: 1, max: 4 }).chain((d) =>
    fc.array(fc.array(fc.integer({ min: -5, max: 5 }), { minLength: d, maxLength: d }), {
      minLength: 3,
      maxLength: maxRows,
    }),
  );
/**
 * Points drawn uniformly from a seeded generator: real-valued data in
 * general position. (fast-check's own doubles favour 0 and the bounds, which
 * makes tied distances the rule rather than the exception.)
 */
const realPoints = (maxRows: number) =>
  fc
    .record({
      d: fc.integer({ min: 1, max: 4 }),
      n: fc.integer({ min: 3, max: maxRows }),
      seed: fc.integer({ min: 1, max: 0x7fffffff }),
    })
    .map(({ d, n, seed }) => {
      let state = seed;
      const uniform = () => {
        // Park–Miller minimal standard generator.
        state = (state * 48271) % 0x7fffffff;
        return state / 0x7fffffff;
      };
      return Array.from({ length: n }, () => Array.from({ length: d }, () => 200 * uniform() - 100));
    });

/**
 * Whether all pairwise distances differ by more than rounding. With tied
 * distances the linkage is free to merge either pair, and two correct
 * algorithms may then build different trees; the comparison with the
 * textbook algorithm is only meaningful without such ties.
 */
function inGeneralPosition(points: readonly (readonly number[])[]): boolean {
  const distances: number[] = [];
  for (let i = 0; i < points.length; i++) {
    for (let j = i + 1; j < points.length; j++) {
      distances.push(points[i].reduce((sum, x, k) => sum + (x - points[j][k]) ** 2, 0));
    }
  }
  distances.sort((a, b) => a - b);
  const scale = Math.max(1, distances.at(-1) ?? 0);
  return distances.every((d, i) => i === 0 || d - distances[i - 1] > 1e-9 * scale);
}

const MONOTONE: readonly Linkage[] = ['ward', 'average', 'complete', 'single'];

/**
 * The textbook O(n³) agglomeration with Lance–Williams updates on squared
 * Euclidean distances (Ward's on squared distances then square-rooted, to
 * give ward.D2 heights). An independent implementation of the definitions,
 * to check the fast algorithms on data beyond the R fixtures.
 */
function naiveHeights(points: number[][], method: Linkage): number[] {
  const n = points.length;
  const d: number[][] = points.map((p) =>
    points.map((q) => p.reduce((s, v, c) => s + (v - q[c]) ** 2, 0)),
  );
  const size = new Array<number>(n).fill(1);
  const open = new Set(points.map((_, i) => i));
  const heights: number[] = [];
  while (open.size > 1) {
    let best = [-1, -1];
    let bestValue = Infinity;
    for (const i of open) for (const j of open) {
      if (i < j && d[i][j] < bestValue) {
        bestValue = d[i][j];
        best = [i, j];
      }
    }
    const [i, j] = best;
    heights.push(method === 'ward' ? Math.sqrt(bestValue) : bestValue);
    for (const k of open) {
      if (k === i || k === j) continue;
      const [ni, nj, nk] = [size[i], size[j], size[k]];
      let value: number;
      if (method === 'single') value = Math.min(d[i][k], d[j][k]);
      else if (method === 'complete') value = Math.max(d[i][k], d[j][k]);
      else if (method === 'average') value = (ni * d[i][k] + nj * d[j][k]) / (ni + nj);
      else if (method === 'centroid') {
        value = (ni * d[i][k] + nj * d[j][k]) / (ni + nj) - (ni * nj * d[i][j]) / (ni + nj) ** 2;
      } else {
        value = ((ni + nk) * d[i][k] + (nj + nk) * d[j][k] - nk * d[i][j]) / (ni + nj + nk);
      }
      d[i][k] = value;
      d[k][i] = value;
    }
    size[i] += size[j];
    open.delete(j);
  }
  return heights;
}

describe('hierarchicalClustering invariants (fast-check)', () => {
  for (const method of MONOTONE) {
    it(`hierarchicalClustering(points, ${method}) heights never decrease`, () => {
      fc.assert(
        fc.property(pointsArbitrary(40), (points) => {
          const tree = hierarchicalClustering(points, { method, standardize: false });
          for (let i = 1; i < tree.merges.length; i++) {
            expect(tree.merges[i].height).toBeGreaterThanOrEqual(tree.merges[i - 1].height);
          }
          expect(tree.monotone).toBe(true);
        }),
      );
    });
  }

  for (const method of LINKAGES) {
    it(`cutTree(hierarchicalClustering(points, ${method}), k) gives exactly k non-empty clusters`, () => {
      fc.assert(
        fc.property(pointsArbitrary(30), fc.nat(), (points, pick) => {
          const tree = hierarchicalClustering(points, { method, standardize: false });
          const k = 1 + (pick % points.length);
          const clusters = cutTree(tree.merges, k);
          expect(new Set(clusters).size).toBe(k);
          expect(Math.min(...clusters)).toBe(1);
          expect(Math.max(...clusters)).toBe(k);
          expect(tree.merges.at(-1)?.size).toBe(points.length);
        }),
      );
    });

    it(`hierarchicalClustering(points, ${method}) heights equal the textbook algorithm's`, () => {
      fc.assert(
        fc.property(realPoints(25), (points) => {
          fc.pre(inGeneralPosition(points));
          const tree = hierarchicalClustering(points, { method, standardize: false });
          const want = naiveHeights(points, method);
          const got = tree.merges.map((m) => m.height);
          // Monotone linkages: same multiset of heights in ascending order.
          // Centroid: same sequence (inversions included).
          const scale = Math.max(1, ...want.map(Math.abs));
          got.forEach((h, i) => expect(Math.abs(h - want[i])).toBeLessThanOrEqual(1e-9 * scale));
        }),
        { numRuns: 60 },
      );
    });

    it(`hierarchicalClustering(points, ${method}) leaves its input unchanged`, () => {
      const points = Object.freeze([
        Object.freeze([1, 2]),
        Object.freeze([2, 1]),
        Object.freeze([8, 9]),
        Object.freeze([9, 7]),
      ]);
      const copy = JSON.stringify(points);
      hierarchicalClustering(points, { method });
      expect(JSON.stringify(points)).toBe(copy);
    });
  }
});

describe('hierarchicalClustering(data, options) input checks', () => {
  it('hierarchicalClustering rejects an unknown linkage by name', () => {
    expect(() =>
      hierarchicalClustering([[1], [2]], { method: 'median' as Linkage }),
    ).toThrow(/unknown linkage "median"/);
  });

  it('hierarchicalClustering names the row and column of a non-finite value', () => {
    expect(() => hierarchicalClustering([[1, 2], [3, Number.NaN]], { method: 'ward' })).toThrow(
      /row 2, column 2 is not a finite number/,
    );
  });

  it('hierarchicalClustering names a ragged row', () => {
    expect(() => hierarchicalClustering([[1, 2], [3]], { method: 'ward' })).toThrow(
      /row 2 has 1 values, expected 2/,
    );
  });

  it('hierarchicalClustering needs two rows', () => {
    expect(() => hierarchicalClustering([[1, 2]], { method: 'single' })).toThrow(/at least 2 rows/);
  });

  it('hierarchicalClustering reports a constant column and ignores it', () => {
    const tree = hierarchicalClustering(
      [
        [1, 5],
        [2, 5],
        [4, 5],
      ],
      { method: 'single' },
    );
    expect(tree.constantColumns).toEqual([1]);
    expect(tree.merges[0]).toMatchObject({ a: -1, b: -2 });
  });
});

describe('hierarchicalClustering memory bound', () => {
  it('hierarchicalClustering(average) refuses more rows than MAX_MATRIX_OBSERVATIONS, naming both', () => {
    const rows = Array.from({ length: MAX_MATRIX_OBSERVATIONS + 1 }, (_, i) => [i % 97, i % 13]);
    expect(() => hierarchicalClustering(rows, { method: 'average' })).toThrow(
      new RegExp(`${MAX_MATRIX_OBSERVATIONS + 1} observations exceed the limit of ${MAX_MATRIX_OBSERVATIONS}`),
    );
  });
});
