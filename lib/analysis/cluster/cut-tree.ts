import type { Merge } from './types.js';

/**
 * Cuts a hierarchy into k clusters, as R's `cutree(tree, k)`: the state
 * after the first n − k merges of the merge list (merge order, not height
 * order, so it is defined for centroid linkage too). Clusters are numbered
 * 1…k in the order their first observation appears, which is cutree's
 * numbering. Returns one cluster number per observation.
 *
 * k must be an integer in [1, n]; the result has exactly k non-empty
 * clusters.
 */
export function cutTree(merges: readonly Merge[], k: number): number[] {
  const n = merges.length + 1;
  if (!Number.isInteger(k) || k < 1 || k > n) {
    throw new RangeError(`cutTree: k must be an integer from 1 to ${n}, got ${k}`);
  }
  // representative[s] is one observation of the cluster formed at stage s.
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  };
  const representative = new Int32Array(n);
  const rep = (node: number) => (node < 0 ? -node - 1 : representative[node - 1]);
  for (let s = 0; s < n - k; s++) {
    const ra = find(rep(merges[s].a));
    const rb = find(rep(merges[s].b));
    parent[rb] = ra;
    representative[s] = ra;
  }

  const number = new Map<number, number>();
  return Array.from({ length: n }, (_, i) => {
    const root = find(i);
    let c = number.get(root);
    if (c === undefined) {
      c = number.size + 1;
      number.set(root, c);
    }
    return c;
  });
}
