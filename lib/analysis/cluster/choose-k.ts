import type { Matrix } from '../matrix.js';
import { cutTree } from './cut-tree.js';
import { silhouette } from './silhouette.js';
import type { Merge } from './types.js';

export type KCriterion = 'jump' | 'silhouette';

export interface KChoice {
  readonly k: number;
  readonly criterion: KCriterion;
  /** The criterion's value for each candidate k, ascending k. */
  readonly candidates: { readonly k: number; readonly value: number }[];
}

/** Candidate cluster counts run from 2 to this, or to n − 1 if smaller. */
export const DEFAULT_MAX_K = 10;

/**
 * Chooses the number of clusters by a stated criterion.
 * - `jump`: the largest gap between successive merge heights (Mojena's
 *   idea of stopping before a big jump in the fusion level). Cutting into k
 *   clusters stops before merge n − k + 1 (1-based), so the value for k is
 *   h[n − k + 1] − h[n − k].
 * - `silhouette`: the largest average silhouette width (Rousseeuw 1987) of
 *   the cut, on Euclidean distances of `points`, which must be the data the
 *   tree was built on (the z-scores when the tree standardized).
 * Ties go to the smaller k, the simpler grouping. Needs n ≥ 3.
 */
export function chooseK(
  merges: readonly Merge[],
  criterion: KCriterion,
  points?: Matrix,
  maxK = DEFAULT_MAX_K,
): KChoice {
  const n = merges.length + 1;
  if (n < 3) throw new RangeError(`choosing k needs at least 3 observations, got ${n}`);
  const top = Math.min(maxK, n - 1);
  const candidates: { k: number; value: number }[] = [];
  for (let k = 2; k <= top; k++) {
    candidates.push({ k, value: criterionValue(merges, criterion, k, points) });
  }
  let best = candidates[0];
  for (const c of candidates) if (c.value > best.value) best = c;
  return { k: best.k, criterion, candidates };
}

function criterionValue(
  merges: readonly Merge[],
  criterion: KCriterion,
  k: number,
  points: Matrix | undefined,
): number {
  const n = merges.length + 1;
  switch (criterion) {
    case 'jump':
      return merges[n - k].height - merges[n - k - 1].height;
    case 'silhouette':
      if (!points) throw new RangeError('the silhouette criterion needs the clustered points');
      return silhouette(points, cutTree(merges, k)).average;
    default:
      throw new RangeError(
        `unknown k criterion "${String(criterion)}"; expected jump or silhouette`,
      );
  }
}
