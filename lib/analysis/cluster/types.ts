/**
 * Shared shapes of the hierarchical clustering core.
 */

/**
 * Agglomeration methods, with SPSS's names: `ward` (Ward's method),
 * `average` (between-groups linkage, SPSS's default), `complete` (furthest
 * neighbour), `single` (nearest neighbour) and `centroid` (centroid
 * clustering).
 */
export type Linkage = 'ward' | 'average' | 'complete' | 'single' | 'centroid';

export const LINKAGES: readonly Linkage[] = [
  'ward',
  'average',
  'complete',
  'single',
  'centroid',
];

/**
 * One merge in R's `hclust` convention. `a` and `b` are negative for a
 * single observation (−i is observation i, 1-based) and positive for the
 * cluster formed at that (1-based) stage. A singleton comes before a
 * cluster; two singletons or two clusters come in ascending order.
 */
export interface Merge {
  readonly a: number;
  readonly b: number;
  /** The linkage distance at which the two clusters joined. */
  readonly height: number;
  /** Observations in the merged cluster. */
  readonly size: number;
}

/**
 * A merge as an algorithm finds it: the two clusters named by any one of
 * their observations (0-based), before sorting and relabelling.
 */
export interface RawMerge {
  readonly x: number;
  readonly y: number;
  readonly height: number;
}

/** Observations as a packed row-major n × d array, the algorithms' input. */
export interface PackedPoints {
  readonly n: number;
  readonly d: number;
  readonly values: Float64Array;
}
