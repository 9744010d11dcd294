import { squaredDistance } from './packed-points.js';
import type { PackedPoints, RawMerge } from './types.js';

/**
 * Single linkage (nearest neighbour) through a minimum spanning tree built
 * by Prim's algorithm (Gower and Ross 1969, "Minimum spanning trees and
 * single linkage cluster analysis", Applied Statistics 18:54–64; Müllner
 * 2011, MST-linkage): the single-linkage hierarchy is the MST's edges taken
 * in ascending order. Distances are computed on the fly, so time is
 * O(n² d) and memory O(n). Heights are squared Euclidean distances, as R's
 * `hclust(dist(x)^2, "single")` reports.
 *
 * Ties: Prim's step takes the lowest-index observation among equally near
 * ones; the caller's stable sort keeps the tree's discovery order among
 * equal heights.
 */
export function singleLinkageMst(points: PackedPoints): RawMerge[] {
  const { n, d, values } = points;
  const inTree = new Uint8Array(n);
  const nearest = new Float64Array(n).fill(Infinity);
  const from = new Int32Array(n);
  const merges: RawMerge[] = [];

  let current = 0;
  inTree[0] = 1;
  for (let step = 1; step < n; step++) {
    let next = -1;
    let nextValue = Infinity;
    for (let j = 0; j < n; j++) {
      if (inTree[j]) continue;
      const value = squaredDistance(values, d, current, j);
      if (value < nearest[j]) {
        nearest[j] = value;
        from[j] = current;
      }
      if (nearest[j] < nextValue) {
        nextValue = nearest[j];
        next = j;
      }
    }
    inTree[next] = 1;
    merges.push({ x: from[next], y: next, height: nextValue });
    current = next;
  }
  return merges;
}
