import { ActiveSet } from './active-set.js';
import { squaredDistance } from './packed-points.js';
import type { PackedPoints, RawMerge } from './types.js';

/**
 * The largest number of observations for which a dissimilarity matrix is
 * built: the condensed matrix holds n(n − 1)/2 doubles, 400 MB at 10,000
 * observations and growing with n². Average and complete linkage cannot
 * be updated from centroids, so above this size they are refused instead
 * of exhausting memory (Ward and single linkage have no such limit).
 */
export const MAX_MATRIX_OBSERVATIONS = 10_000;

/**
 * Average (UPGMA, SPSS "between-groups linkage") or complete linkage by the
 * nearest-neighbour chain over a condensed matrix of squared Euclidean
 * distances (Müllner 2011, arXiv:1109.2378, NN-chain-linkage), updated by
 * the Lance–Williams formulas
 *   average:  d(A∪B, K) = (|A| d(A, K) + |B| d(B, K)) / (|A| + |B|)
 *   complete: d(A∪B, K) = max(d(A, K), d(B, K)).
 * Both linkages are reducible, so the chain gives the same hierarchy as the
 * textbook algorithm in O(n²) time, with O(n²) memory for the matrix
 * (bounded by MAX_MATRIX_OBSERVATIONS). Heights are squared Euclidean, as
 * SPSS uses and as R's `hclust(dist(x)^2, method)` reports.
 *
 * Ties: the chain's predecessor wins, otherwise the lowest slot.
 */
export function matrixNnChain(
  points: PackedPoints,
  method: 'average' | 'complete',
): RawMerge[] {
  const { n, d, values } = points;
  if (n > MAX_MATRIX_OBSERVATIONS) {
    throw new RangeError(
      `${method} linkage needs an n × n distance matrix; ${n} observations exceed the limit of ${MAX_MATRIX_OBSERVATIONS} (use ward or single linkage for more)`,
    );
  }
  const dist = new Float64Array((n * (n - 1)) / 2);
  // Row i of the condensed upper triangle starts at offset(i) - i - 1.
  const offset = (i: number) => i * n - (i * (i + 1)) / 2 - i - 1;
  const at = (i: number, j: number) =>
    i < j ? offset(i) + j : offset(j) + i;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      dist[offset(i) + j] = squaredDistance(values, d, i, j);
    }
  }

  const size = new Float64Array(n).fill(1);
  const active = new ActiveSet(n);
  const chain = new Int32Array(n);
  let top = 0;
  const merges: RawMerge[] = [];

  while (active.size > 1) {
    if (top === 0) chain[top++] = active.first;
    for (;;) {
      const a = chain[top - 1];
      const previous = top > 1 ? chain[top - 2] : -1;
      let best = previous;
      let bestValue = previous >= 0 ? dist[at(a, previous)] : Infinity;
      for (let c = active.first; c >= 0; c = active.after(c)) {
        if (c === a) continue;
        const value = dist[at(a, c)];
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
    merges.push({ x: a, y: b, height: dist[at(a, b)] });
    active.remove(b);
    for (let k = active.first; k >= 0; k = active.after(k)) {
      if (k === a) continue;
      const ak = at(a, k);
      const bk = dist[at(b, k)];
      dist[ak] =
        method === 'complete'
          ? Math.max(dist[ak], bk)
          : (size[a] * dist[ak] + size[b] * bk) / (size[a] + size[b]);
    }
    size[a] += size[b];
  }
  return merges;
}
