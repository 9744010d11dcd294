import type { Matrix } from '../matrix.js';
import { packPoints } from './packed-points.js';

export interface Silhouette {
  /** s(i) per observation. */
  readonly widths: number[];
  /** Mean of s(i) over all observations. */
  readonly average: number;
}

/**
 * Silhouette widths (Rousseeuw 1987, J. Comput. Appl. Math. 20:53–65) on
 * Euclidean distances, as R's `cluster::silhouette(clusters, dist(x))`:
 * a(i) is the mean distance from i to the rest of its cluster, b(i) the
 * smallest mean distance to another cluster, s(i) = (b − a) / max(a, b).
 * An observation alone in its cluster has s(i) = 0, as in R; so does one
 * with a = b = 0. Distances are computed on the fly: O(n² d) time and
 * O(n k) memory.
 *
 * `clusters` holds cluster numbers 1…k, one per row; at least 2 clusters
 * are needed.
 */
export function silhouette(data: Matrix, clusters: readonly number[]): Silhouette {
  const { n, d, values } = packPoints(data);
  if (clusters.length !== n) {
    throw new RangeError(`silhouette: ${clusters.length} cluster numbers for ${n} rows`);
  }
  const k = clusters.reduce((a, b) => Math.max(a, b), 0);
  if (k < 2) throw new RangeError('silhouette needs at least 2 clusters');
  const counts = new Float64Array(k + 1);
  for (const c of clusters) {
    if (!Number.isInteger(c) || c < 1) {
      throw new RangeError(`silhouette: cluster numbers must be integers ≥ 1, got ${c}`);
    }
    counts[c]++;
  }

  const sums = new Float64Array(k + 1);
  const widths = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    sums.fill(0);
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      let ss = 0;
      for (let c = 0; c < d; c++) {
        const diff = values[i * d + c] - values[j * d + c];
        ss += diff * diff;
      }
      sums[clusters[j]] += Math.sqrt(ss);
    }
    const own = clusters[i];
    if (counts[own] === 1) {
      widths[i] = 0;
      continue;
    }
    const a = sums[own] / (counts[own] - 1);
    let b = Infinity;
    for (let c = 1; c <= k; c++) {
      if (c !== own && counts[c] > 0) b = Math.min(b, sums[c] / counts[c]);
    }
    const denominator = Math.max(a, b);
    widths[i] = denominator > 0 ? (b - a) / denominator : 0;
  }
  return { widths, average: widths.reduce((s, w) => s + w, 0) / n };
}
