import { describe, expect, it } from 'vitest';
import {
  LINKAGES,
  cutTree,
  hierarchicalClustering,
  kmeansRefine,
  silhouette,
  standardize,
} from '../../../lib/analysis/cluster/index.js';
import {
  CLUSTER_DATASETS,
  TIE_FREE_DATASETS,
  clusterExpected,
  readFixtureTable,
} from '../../fixtures/cluster/load.js';

/**
 * Merge heights must agree with R's hclust to this absolute tolerance (the
 * requirement); observed differences are below 1e-13.
 */
const HEIGHT_TOLERANCE = 1e-9;
/** Silhouette widths and k-means sums of squares against R. */
const STATISTIC_TOLERANCE = 1e-9;

const expected = clusterExpected();

describe('hierarchicalClustering against R hclust + cutree (test/reference/cluster.R)', () => {
  for (const name of CLUSTER_DATASETS) {
    const table = readFixtureTable(name);
    for (const method of LINKAGES) {
      const want = expected[name].methods[method];
      const tree = hierarchicalClustering(table.rows, { method });

      it(`hierarchicalClustering(${name}, ${method}) heights match R within ${HEIGHT_TOLERANCE}`, () => {
        expect(tree.merges).toHaveLength(table.rows.length - 1);
        tree.merges.forEach((m, i) => {
          expect(Math.abs(m.height - want.height[i])).toBeLessThanOrEqual(HEIGHT_TOLERANCE);
        });
      });

      it(`cutTree(${name}, ${method}, k = 2, 3, 4) equals R's cutree exactly`, () => {
        expect(cutTree(tree.merges, 2)).toEqual(want.cut.k2);
        expect(cutTree(tree.merges, 3)).toEqual(want.cut.k3);
        expect(cutTree(tree.merges, 4)).toEqual(want.cut.k4);
      });
    }
  }

  for (const name of TIE_FREE_DATASETS) {
    const table = readFixtureTable(name);
    for (const method of LINKAGES) {
      it(`hierarchicalClustering(${name}, ${method}) merge list and leaf order equal R's`, () => {
        const tree = hierarchicalClustering(table.rows, { method });
        const want = expected[name].methods[method];
        expect(tree.merges.map((m) => [m.a, m.b])).toEqual(want.merge);
        expect(tree.order.map((o) => o + 1)).toEqual(want.order);
      });
    }
  }
});

describe('silhouette and kmeansRefine against R cluster::silhouette and kmeans(Lloyd)', () => {
  for (const name of CLUSTER_DATASETS) {
    const table = readFixtureTable(name);
    const z = standardize(table.rows).values;
    const tree = hierarchicalClustering(table.rows, { method: 'ward' });
    const want = expected[name];

    it(`silhouette(${name}, ward cut k = 2…6) averages match R within ${STATISTIC_TOLERANCE}`, () => {
      want.wardSilhouette.k.forEach((k, i) => {
        const s = silhouette(z, cutTree(tree.merges, k));
        expect(Math.abs(s.average - want.wardSilhouette.average[i])).toBeLessThanOrEqual(
          STATISTIC_TOLERANCE,
        );
      });
    });

    it(`kmeansRefine(${name}, ward cut k = 3) reaches R's Lloyd partition`, () => {
      const refined = kmeansRefine(z, cutTree(tree.merges, 3));
      expect(refined.converged).toBe(true);
      expect(refined.clusters).toEqual(want.wardKmeans3.cluster);
      refined.withinSS.forEach((w, i) => {
        expect(Math.abs(w - want.wardKmeans3.withinss[i])).toBeLessThanOrEqual(STATISTIC_TOLERANCE);
      });
    });
  }
});
