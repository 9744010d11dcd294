import type { Matrix } from '../matrix.js';
import { centroidGeneric } from './centroid-generic.js';
import { matrixNnChain } from './matrix-nn-chain.js';
import { leafOrder, toMergeList } from './merge-list.js';
import { packPoints } from './packed-points.js';
import { singleLinkageMst } from './single-linkage-mst.js';
import { standardize } from './standardize.js';
import { LINKAGES, type Linkage, type Merge, type RawMerge } from './types.js';
import { wardNnChain } from './ward-nn-chain.js';

export interface HierarchicalOptions {
  readonly method: Linkage;
  /** Z-score the columns first (n − 1 divisor), as SPSS's "Z scores". Default true. */
  readonly standardize?: boolean;
}

export interface Hierarchy {
  readonly method: Linkage;
  /** The dissimilarity the heights are measured in. */
  readonly distance: 'euclidean' | 'squared-euclidean';
  readonly n: number;
  /** n − 1 merges in R's `hclust` convention (see Merge). */
  readonly merges: Merge[];
  /** Dendrogram leaf order, 0-based observations (R's `order` − 1). */
  readonly order: number[];
  /** Whether heights never decrease along the merge list. */
  readonly monotone: boolean;
  /** 0-based columns with zero spread, set to 0 by standardization. */
  readonly constantColumns: number[];
}

/**
 * Agglomerative hierarchical clustering of the rows of `data`.
 *
 * Dissimilarity, per method (all computed on the z-scores by default):
 * - `ward`: Ward's minimum-variance method. Heights are √(2 ΔESS), equal
 *   to R's `hclust(dist(z), "ward.D2")` on Euclidean distances; SPSS's
 *   schedule prints the cumulative ESS instead (see agglomerationSchedule).
 *   Centroid-based nearest-neighbour chain, O(n²d) time, O(nd) memory.
 * - `average` (between-groups linkage, SPSS's default), `complete`: squared
 *   Euclidean distances as SPSS uses, heights equal to R's
 *   `hclust(dist(z)^2, method)`. Nearest-neighbour chain over an n × n
 *   matrix, limited to MAX_MATRIX_OBSERVATIONS rows.
 * - `single`: squared Euclidean, through a minimum spanning tree, O(n)
 *   memory. The partitions equal those on Euclidean distances; the heights
 *   are their squares.
 * - `centroid`: squared Euclidean distance between centroids (R's
 *   `hclust(dist(z)^2, "centroid")`), generic algorithm, O(nd) memory; not
 *   monotone, so heights may decrease.
 *
 * Ties between equal dissimilarities: see each algorithm (in short: the
 * lower slot wins); equal heights keep the order they were found in. With
 * exact ties two correct hierarchies can differ in which tied pair merges
 * first, and so can R; partitions at k are unaffected unless the tie sits
 * exactly at the cut.
 *
 * Degenerate input: at least 2 rows are needed; every value must be
 * finite; a constant column is reported in `constantColumns`.
 */
export function hierarchicalClustering(
  data: Matrix,
  options: HierarchicalOptions,
): Hierarchy {
  const method = options.method;
  if (!LINKAGES.includes(method)) {
    throw new RangeError(
      `unknown linkage "${String(method)}"; expected one of ${LINKAGES.join(', ')}`,
    );
  }
  const packedRaw = packPoints(data);
  if (packedRaw.n < 2) {
    throw new RangeError('hierarchical clustering needs at least 2 rows, got 1');
  }

  const scaled = options.standardize === false ? undefined : standardize(data);
  const points = scaled ? packPoints(scaled.values) : packedRaw;
  const raw = runLinkage(method, points);
  const merges = toMergeList(raw, points.n, method !== 'centroid');

  return {
    method,
    distance: method === 'ward' ? 'euclidean' : 'squared-euclidean',
    n: points.n,
    merges,
    order: leafOrder(merges),
    monotone: merges.every((m, i) => i === 0 || m.height >= merges[i - 1].height),
    constantColumns: scaled?.constantColumns ?? [],
  };
}

function runLinkage(
  method: Linkage,
  points: ReturnType<typeof packPoints>,
): RawMerge[] {
  switch (method) {
    case 'ward':
      return wardNnChain(points);
    case 'average':
    case 'complete':
      return matrixNnChain(points, method);
    case 'single':
      return singleLinkageMst(points);
    case 'centroid':
      return centroidGeneric(points);
  }
}
