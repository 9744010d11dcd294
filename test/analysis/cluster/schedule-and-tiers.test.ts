import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  agglomerationSchedule,
  chooseK,
  cutTree,
  dendrogramLayout,
  hierarchicalClustering,
  kmeansRefine,
  nameTiers,
  tierLetter,
} from '../../../lib/analysis/cluster/index.js';

/** Hand-computed values below are exact up to rounding of a few operations. */
const HAND_TOLERANCE = 1e-12;

// Four points on a line: squared gaps 1, 4, 16.
const line = [[0], [1], [3], [7]];

describe('agglomerationSchedule(merges, method)', () => {
  it('agglomerationSchedule(single linkage) names clusters by lowest case and links stages', () => {
    const tree = hierarchicalClustering(line, { method: 'single', standardize: false });
    expect(tree.merges.map((m) => [m.a, m.b, m.height, m.size])).toEqual([
      [-1, -2, 1, 2],
      [-3, 1, 4, 3],
      [-4, 2, 16, 4],
    ]);
    expect(agglomerationSchedule(tree.merges, 'single')).toEqual([
      { stage: 1, cluster1: 1, cluster2: 2, coefficient: 1, firstAppears1: 0, firstAppears2: 0, nextStage: 2 },
      { stage: 2, cluster1: 1, cluster2: 3, coefficient: 4, firstAppears1: 1, firstAppears2: 0, nextStage: 3 },
      { stage: 3, cluster1: 1, cluster2: 4, coefficient: 16, firstAppears1: 2, firstAppears2: 0, nextStage: 0 },
    ]);
  });

  it("agglomerationSchedule(ward) prints the cumulative error sum of squares, SPSS's coefficient", () => {
    const tree = hierarchicalClustering(line, { method: 'ward', standardize: false });
    const coefficients = agglomerationSchedule(tree.merges, 'ward').map((s) => s.coefficient);
    // ΔESS: {0,1}: 1/2; {0,1}+{3}: (2·1/3)·2.5²; {0,1,3}+{7}: (3·1/4)·(7 − 4/3)².
    const steps = [0.5, (2 / 3) * 6.25, 0.75 * (17 / 3) ** 2];
    const want = [steps[0], steps[0] + steps[1], steps[0] + steps[1] + steps[2]];
    coefficients.forEach((c, i) => expect(Math.abs(c - want[i])).toBeLessThan(HAND_TOLERANCE));
    // The last coefficient is the total sum of squares about the mean 2.75.
    expect(Math.abs(coefficients[2] - 28.75)).toBeLessThan(HAND_TOLERANCE);
    expect(Math.abs(tree.merges[0].height - 1)).toBeLessThan(HAND_TOLERANCE);
  });
});

describe('dendrogramLayout(merges, schedule)', () => {
  it("dendrogramLayout rescales coefficients to SPSS's 1–25 axis", () => {
    const tree = hierarchicalClustering(line, { method: 'single', standardize: false });
    const layout = dendrogramLayout(tree.merges, agglomerationSchedule(tree.merges, 'single'));
    expect(layout.order).toEqual([3, 2, 0, 1]);
    expect(layout.rescaled[0]).toBe(1);
    expect(Math.abs(layout.rescaled[1] - (1 + (24 * 3) / 15))).toBeLessThan(HAND_TOLERANCE);
    expect(layout.rescaled[2]).toBe(25);
    // Leaves at slots 0..3 in `order`: 0 → slot 2, 1 → slot 3, 2 → slot 1, 3 → slot 0.
    expect(layout.position).toEqual([2.5, 1.75, 0.875]);
  });

  it('dendrogramLayout puts every merge at 25 when all coefficients are equal', () => {
    const tree = hierarchicalClustering([[0], [1]], { method: 'single', standardize: false });
    const layout = dendrogramLayout(tree.merges, agglomerationSchedule(tree.merges, 'single'));
    expect(layout.rescaled).toEqual([25]);
  });
});

describe('nameTiers(clusters, scores)', () => {
  it('nameTiers(clusters, scores) gives A to the highest mean score', () => {
    const named = nameTiers([1, 2, 1, 3], [10, 50, 20, 30]);
    expect(named.tierOf).toEqual(['C', 'A', 'C', 'B']);
    expect(named.tiers).toEqual([
      { tier: 'A', cluster: 2, size: 1, meanScore: 50 },
      { tier: 'B', cluster: 3, size: 1, meanScore: 30 },
      { tier: 'C', cluster: 1, size: 2, meanScore: 15 },
    ]);
  });

  it('nameTiers(clusters, scores) breaks a tie in mean score by the lower cluster number', () => {
    expect(nameTiers([2, 1], [5, 5]).tierOf).toEqual(['B', 'A']);
  });

  it('nameTiers labels do not depend on how clusters are numbered (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 1000 })), {
          minLength: 1,
          maxLength: 30,
        }),
        (pairs) => {
          const clusters = pairs.map(([c]) => c);
          const scores = pairs.map(([, s]) => s);
          const relabelled = clusters.map((c) => 5 - c);
          const means = new Map<number, number>();
          // With distinct means, renumbering clusters must not change any tier.
          for (const c of new Set(clusters)) {
            const values = scores.filter((_, i) => clusters[i] === c);
            means.set(c, values.reduce((a, b) => a + b, 0) / values.length);
          }
          fc.pre(new Set(means.values()).size === means.size);
          expect(nameTiers(relabelled, scores).tierOf).toEqual(nameTiers(clusters, scores).tierOf);
        },
      ),
    );
  });

  it('tierLetter(index) runs A…Z, then AA', () => {
    expect([0, 1, 25, 26, 27, 701].map(tierLetter)).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'ZZ']);
  });

  it('nameTiers rejects mismatched lengths and non-finite scores', () => {
    expect(() => nameTiers([1, 2], [1])).toThrow(/2 cluster numbers but 1 scores/);
    expect(() => nameTiers([1], [Number.NaN])).toThrow(/score 1 is not a finite number/);
  });
});

describe('chooseK(merges, criterion)', () => {
  // Three tight groups far apart on a line.
  const groups = [[0], [0.1], [0.2], [10], [10.1], [10.3], [20], [20.2], [20.1]];
  const tree = hierarchicalClustering(groups, { method: 'ward', standardize: false });

  it('chooseK(merges, "jump") picks the cut before the largest jump in height', () => {
    const choice = chooseK(tree.merges, 'jump');
    expect(choice.k).toBe(3);
    const h = tree.merges.map((m) => m.height);
    // 9 points, 8 merges: three clusters remain before merge 7 (1-based).
    expect(choice.candidates[1]).toEqual({ k: 3, value: h[6] - h[5] });
  });

  it('chooseK(merges, "silhouette", points) picks the best average silhouette', () => {
    const choice = chooseK(tree.merges, 'silhouette', groups);
    expect(choice.k).toBe(3);
    expect(choice.candidates.map((c) => c.k)).toEqual([2, 3, 4, 5, 6, 7, 8]);
  });

  it('chooseK rejects an unknown criterion and too few observations', () => {
    expect(() => chooseK(tree.merges, 'gap' as 'jump')).toThrow(/unknown k criterion "gap"/);
    const two = hierarchicalClustering([[0], [1]], { method: 'ward', standardize: false });
    expect(() => chooseK(two.merges, 'jump')).toThrow(/at least 3 observations/);
  });
});

describe('kmeansRefine(points, clusters)', () => {
  it('kmeansRefine moves a misassigned point to its nearest centre', () => {
    const points = [[0], [1], [2], [10], [11]];
    const refined = kmeansRefine(points, [1, 1, 2, 2, 2]);
    expect(refined.clusters).toEqual([1, 1, 1, 2, 2]);
    expect(refined.converged).toBe(true);
    expect(refined.withinSS).toEqual([2, 0.5]);
  });

  it('kmeansRefine stops instead of emptying a cluster', () => {
    // Cluster 1 = {−1, 1} has its centre at 0, but −1 is nearer cluster 2's
    // centre (−1) and 1 nearer cluster 3's (+1): one Lloyd step empties it.
    const start = [1, 1, 2, 2, 3, 3];
    const refined = kmeansRefine([[-1], [1], [-1.1], [-0.9], [0.9], [1.1]], start);
    expect(refined.stoppedBecause).toBe('empty-cluster');
    expect(refined.converged).toBe(false);
    expect(refined.clusters).toEqual(start);
  });

  it('cutTree then kmeansRefine keeps exactly k clusters (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -50, max: 50, noNaN: true }), { minLength: 4, maxLength: 40 }),
        fc.integer({ min: 2, max: 4 }),
        (values, k) => {
          const points = values.map((v, i) => [v, (i * 7) % 5]);
          const tree = hierarchicalClustering(points, { method: 'ward', standardize: false });
          const refined = kmeansRefine(points, cutTree(tree.merges, k));
          expect(new Set(refined.clusters).size).toBe(k);
        },
      ),
    );
  });
});
