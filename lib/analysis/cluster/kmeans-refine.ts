import type { Matrix } from '../matrix.js';
import { packPoints } from './packed-points.js';

export interface KmeansRefinement {
  /** Cluster numbers 1…k per observation after refinement. */
  readonly clusters: number[];
  /** Within-cluster sums of squares, per cluster. */
  readonly withinSS: number[];
  readonly iterations: number;
  readonly converged: boolean;
  /** Set when a step would have emptied a cluster and refinement stopped early. */
  readonly stoppedBecause?: 'empty-cluster';
}

/** Lloyd steps before refinement gives up; R's kmeans uses 10, cuts converge in a few. */
export const KMEANS_MAX_ITERATIONS = 100;

/**
 * Refines a cut of the hierarchy by k-means (Lloyd 1982, IEEE Trans. Inf.
 * Theory 28:129–137), started from the centroids of the cut's clusters, as
 * R's `kmeans(x, centers, algorithm = "Lloyd")`. The start is the cut, so
 * the result is deterministic and needs no seed. Each step assigns every
 * row to its nearest centre (squared Euclidean; ties to the lower cluster
 * number) and moves each centre to its cluster's mean, until no row moves.
 *
 * Degenerate rule: Lloyd's algorithm can empty a cluster, which would
 * break "k clusters". Then refinement stops, keeps the last assignment in
 * which all k clusters were non-empty and says so in `stoppedBecause`.
 */
export function kmeansRefine(
  data: Matrix,
  clusters: readonly number[],
  maxIterations = KMEANS_MAX_ITERATIONS,
): KmeansRefinement {
  const { n, d, values } = packPoints(data);
  if (clusters.length !== n) {
    throw new RangeError(`kmeansRefine: ${clusters.length} cluster numbers for ${n} rows`);
  }
  const k = clusters.reduce((a, b) => Math.max(a, b), 0);
  let current: Int32Array = Int32Array.from(clusters, (c) => c - 1);
  const start = centresOf(values, n, d, k, current);
  if (start === undefined) {
    throw new RangeError('kmeansRefine: the starting clusters must number 1…k with none empty');
  }
  let centres: Float64Array = start;
  let iterations = 0;
  let converged = false;
  let stoppedBecause: 'empty-cluster' | undefined;

  while (iterations < maxIterations) {
    iterations++;
    const next = assignNearest(values, n, d, k, centres);
    if (next.every((c, i) => c === current[i])) {
      converged = true;
      break;
    }
    const nextCentres = centresOf(values, n, d, k, next);
    if (nextCentres === undefined) {
      stoppedBecause = 'empty-cluster';
      break;
    }
    current = next;
    centres = nextCentres;
  }
  const withinSS = new Array<number>(k).fill(0);
  for (let i = 0; i < n; i++) {
    const c = current[i];
    for (let j = 0; j < d; j++) withinSS[c] += (values[i * d + j] - centres[c * d + j]) ** 2;
  }
  return {
    clusters: Array.from(current, (c) => c + 1),
    withinSS,
    iterations,
    converged,
    ...(stoppedBecause ? { stoppedBecause } : {}),
  };
}

function centresOf(
  values: Float64Array,
  n: number,
  d: number,
  k: number,
  assignment: Int32Array,
): Float64Array | undefined {
  const centres = new Float64Array(k * d);
  const counts = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const c = assignment[i];
    counts[c]++;
    for (let j = 0; j < d; j++) centres[c * d + j] += values[i * d + j];
  }
  for (let c = 0; c < k; c++) {
    if (counts[c] === 0) return undefined;
    for (let j = 0; j < d; j++) centres[c * d + j] /= counts[c];
  }
  return centres;
}

function assignNearest(
  values: Float64Array,
  n: number,
  d: number,
  k: number,
  centres: Float64Array,
): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    let bestValue = Infinity;
    for (let c = 0; c < k; c++) {
      let ss = 0;
      for (let j = 0; j < d; j++) ss += (values[i * d + j] - centres[c * d + j]) ** 2;
      if (ss < bestValue) {
        bestValue = ss;
        best = c;
      }
    }
    out[i] = best;
  }
  return out;
}
