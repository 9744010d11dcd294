import type { Merge, RawMerge } from './types.js';

/**
 * Turns merges named by member observations into R's `hclust` merge list:
 * optionally sorted by height (stably, so equal heights keep the order the
 * algorithm found them in), then relabelled so that a singleton is −i
 * (1-based observation) and a cluster is the stage that formed it. Within a
 * merge a singleton comes first, two singletons or two clusters ascend;
 * this is the layout of `hclust()$merge`.
 *
 * Sorting is right for the monotone linkages (every one here but
 * centroid), whose hierarchy does not depend on the order merges were
 * found; it is wrong for centroid linkage, whose merges keep their order.
 */
export function toMergeList(
  raw: readonly RawMerge[],
  n: number,
  sortByHeight: boolean,
): Merge[] {
  const ordered = sortByHeight
    ? raw
        .map((m, index) => ({ m, index }))
        .sort((p, q) => p.m.height - q.m.height || p.index - q.index)
        .map((p) => p.m)
    : raw;

  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const label = Int32Array.from({ length: n }, (_, i) => -(i + 1));
  const size = new Float64Array(n).fill(1);
  const find = (i: number): number => {
    let root = i;
    while (parent[root] !== root) root = parent[root];
    while (parent[i] !== root) {
      const up = parent[i];
      parent[i] = root;
      i = up;
    }
    return root;
  };

  return ordered.map((m, index) => {
    const rx = find(m.x);
    const ry = find(m.y);
    const [a, b] = rMergeOrder(label[rx], label[ry]);
    parent[ry] = rx;
    size[rx] += size[ry];
    label[rx] = index + 1;
    return { a, b, height: m.height, size: size[rx] };
  });
}

function rMergeOrder(p: number, q: number): [number, number] {
  if (p < 0 && q < 0) return p > q ? [p, q] : [q, p];
  if (p < 0 || q < 0) return p < 0 ? [p, q] : [q, p];
  return p < q ? [p, q] : [q, p];
}

/**
 * Leaf order of the dendrogram (0-based observations), as `hclust()$order`:
 * starting from the last merge, each cluster lists its first member's
 * subtree before its second's, so no branches cross when drawn.
 */
export function leafOrder(merges: readonly Merge[]): number[] {
  const order: number[] = [];
  if (merges.length === 0) return [0];
  const stack: number[] = [merges.length];
  while (stack.length > 0) {
    const node = stack.pop() as number;
    if (node < 0) {
      order.push(-node - 1);
      continue;
    }
    const m = merges[node - 1];
    stack.push(m.b, m.a);
  }
  return order;
}
