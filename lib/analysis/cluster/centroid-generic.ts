import { ActiveSet } from './active-set.js';
import type { PackedPoints, RawMerge } from './types.js';

/**
 * Centroid linkage (SPSS "centroid clustering", UPGMC) by Müllner's generic
 * algorithm with cached nearest neighbours (Müllner 2011, arXiv:1109.2378,
 * Generic-linkage; the idea goes back to Anderberg 1973). Centroid linkage
 * is not reducible: a merged cluster can lie closer to a third cluster than
 * either part did, heights can decrease ("inversions"), and the
 * nearest-neighbour chain would give a wrong hierarchy. So every step
 * merges the globally closest pair, as the textbook algorithm does.
 *
 * The distance is the squared Euclidean distance between centroids, which
 * is what the Lance–Williams centroid update computes on squared Euclidean
 * input (SPSS; R's `hclust(dist(x)^2, "centroid")`). Centroids and sizes
 * are kept instead of a matrix, so memory is O(n d). Each open slot caches
 * its nearest neighbour among higher slots; a merge only invalidates the
 * caches that pointed at the two merged clusters. Time is O(n²) for the
 * scans plus O(n d) per invalidated cache: typically near O(n² d), O(n³ d)
 * in the worst case.
 *
 * Ties: the pair with the lowest first slot wins, then the lowest second.
 * Merges are returned in the order they happen and must not be re-sorted.
 */
export function centroidGeneric(points: PackedPoints): RawMerge[] {
  const { n, d } = points;
  const centroid = Float64Array.from(points.values);
  const size = new Float64Array(n).fill(1);
  const active = new ActiveSet(n);
  const nn = new Int32Array(n).fill(-1);
  const nnDist = new Float64Array(n).fill(Infinity);
  const merges: RawMerge[] = [];

  const distance = (a: number, b: number): number => {
    let sum = 0;
    for (let c = 0; c < d; c++) {
      const diff = centroid[a * d + c] - centroid[b * d + c];
      sum += diff * diff;
    }
    return sum;
  };
  const refresh = (i: number): void => {
    nn[i] = -1;
    nnDist[i] = Infinity;
    for (let j = active.after(i); j >= 0; j = active.after(j)) {
      const value = distance(i, j);
      if (value < nnDist[i]) {
        nnDist[i] = value;
        nn[i] = j;
      }
    }
  };

  for (let i = 0; i < n; i++) refresh(i);

  while (active.size > 1) {
    let i = -1;
    for (let k = active.first; k >= 0; k = active.after(k)) {
      if (nn[k] >= 0 && (i < 0 || nnDist[k] < nnDist[i])) i = k;
    }
    const j = nn[i];
    merges.push({ x: i, y: j, height: nnDist[i] });

    // The merged cluster lives on in slot j; slot i closes.
    const total = size[i] + size[j];
    for (let c = 0; c < d; c++) {
      centroid[j * d + c] =
        (size[i] * centroid[i * d + c] + size[j] * centroid[j * d + c]) / total;
    }
    size[j] = total;
    active.remove(i);
    nn[i] = -1;

    refresh(j);
    for (let k = active.first; k >= 0 && k < j; k = active.after(k)) {
      if (nn[k] === i || nn[k] === j) {
        refresh(k);
        continue;
      }
      const value = distance(k, j);
      if (value < nnDist[k] || (value === nnDist[k] && j < nn[k])) {
        nnDist[k] = value;
        nn[k] = j;
      }
    }
  }
  return merges;
}
