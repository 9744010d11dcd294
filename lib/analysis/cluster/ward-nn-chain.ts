import { ActiveSet } from './active-set.js';
import type { PackedPoints, RawMerge } from './types.js';

/**
 * Ward's minimum-variance clustering by the nearest-neighbour chain
 * (Murtagh 1983; Müllner 2011, "Modern hierarchical, agglomerative
 * clustering algorithms", arXiv:1109.2378, algorithm NN-chain-linkage),
 * working on cluster centroids and sizes instead of a dissimilarity matrix:
 * O(n² d) time and O(n d) memory, so tens of thousands of observations run
 * without an n × n matrix.
 *
 * Ward's criterion between clusters A and B is the increase in the error
 * sum of squares when they merge,
 *   ΔESS(A, B) = |A| |B| / (|A| + |B|) · ‖c_A − c_B‖²,
 * and the reported height is √(2 ΔESS), which is exactly the height R's
 * `hclust(dist(x), "ward.D2")` reports (and √ of `hclust(dist(x)^2,
 * "ward.D")`); for two single observations it is their Euclidean distance.
 * The criterion is reducible, so the chain finds the same hierarchy as the
 * textbook algorithm.
 *
 * Ties: the chain's predecessor wins a tie (needed for the chain to stop),
 * otherwise the cluster in the lowest slot. Merges come out of order; the
 * caller sorts them by height.
 */
export function wardNnChain(points: PackedPoints): RawMerge[] {
  const { n, d } = points;
  const centroid = Float64Array.from(points.values);
  const size = new Float64Array(n).fill(1);
  const active = new ActiveSet(n);
  const chain = new Int32Array(n);
  let top = 0;
  const merges: RawMerge[] = [];

  const criterion = (a: number, b: number): number => {
    let sum = 0;
    const oa = a * d;
    const ob = b * d;
    for (let c = 0; c < d; c++) {
      const diff = centroid[oa + c] - centroid[ob + c];
      sum += diff * diff;
    }
    return ((size[a] * size[b]) / (size[a] + size[b])) * sum;
  };

  while (active.size > 1) {
    if (top === 0) chain[top++] = active.first;
    for (;;) {
      const a = chain[top - 1];
      const previous = top > 1 ? chain[top - 2] : -1;
      let best = previous;
      let bestValue = previous >= 0 ? criterion(a, previous) : Infinity;
      for (let c = active.first; c >= 0; c = active.after(c)) {
        if (c === a) continue;
        const value = criterion(a, c);
        if (value < bestValue) {
          bestValue = value;
          best = c;
        }
      }
      if (best === previous) break;
      chain[top++] = best;
    }

    const a = chain[--top];
    const b = chain[--top];
    const ess = criterion(a, b);
    mergeCentroids(centroid, size, d, a, b);
    active.remove(b);
    merges.push({ x: a, y: b, height: Math.sqrt(2 * ess) });
  }
  return merges;
}

/** Writes the merged centroid and size into slot a. */
function mergeCentroids(
  centroid: Float64Array,
  size: Float64Array,
  d: number,
  a: number,
  b: number,
): void {
  const total = size[a] + size[b];
  for (let c = 0; c < d; c++) {
    centroid[a * d + c] =
      (size[a] * centroid[a * d + c] + size[b] * centroid[b * d + c]) / total;
  }
  size[a] = total;
}
