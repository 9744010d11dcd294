import type { ScheduleStage } from './agglomeration-schedule.js';
import { leafOrder } from './merge-list.js';
import type { Merge } from './types.js';

export interface DendrogramLayout {
  /** Leaves from top to bottom (0-based observations). */
  readonly order: number[];
  /** Each merge's coefficient on SPSS's rescaled axis (1 to 25), in merge order. */
  readonly rescaled: number[];
  /**
   * Each merge's position across the leaves, in leaf slots (leaf i of
   * `order` sits at i): the midpoint of the two joined branches.
   */
  readonly position: number[];
}

/**
 * What a renderer needs to draw the dendrogram SPSS draws ("Rescaled
 * Distance Cluster Combine"): the leaf order and, for every merge, where it
 * sits. SPSS rescales the schedule's coefficients linearly so that the
 * lowest (the first stage, for monotone methods) sits at 1 and the highest
 * (the last stage) at 25, which keeps the ratios of the gaps:
 *   rescaled = 1 + 24 · (c − c_min) / (c_max − c_min).
 * Known limitation: this mapping follows descriptions of SPSS's plot and
 * has not been compared with SPSS output (SPSS is not available to the
 * test suite); if SPSS puts the first stage at 0 rather than 1, drawn
 * branches shift by at most 1 of 25 units and no grouping changes.
 * Degenerate rule: when every coefficient is equal (including n = 2) all
 * merges sit at 25. With centroid linkage coefficients can decrease, and
 * then so do rescaled values.
 */
export function dendrogramLayout(
  merges: readonly Merge[],
  schedule: readonly ScheduleStage[],
): DendrogramLayout {
  const order = leafOrder(merges);
  const coefficients = schedule.map((s) => s.coefficient);
  const lowest = coefficients.reduce((a, b) => Math.min(a, b), Infinity);
  const highest = coefficients.reduce((a, b) => Math.max(a, b), -Infinity);
  const span = highest - lowest;
  const rescaled = coefficients.map((c) =>
    span > 0 ? 1 + (24 * (c - lowest)) / span : 25,
  );

  const slot = new Array<number>(order.length);
  order.forEach((leaf, i) => {
    slot[leaf] = i;
  });
  const position: number[] = [];
  const positionOf = (node: number) => (node < 0 ? slot[-node - 1] : position[node - 1]);
  merges.forEach((m) => {
    position.push((positionOf(m.a) + positionOf(m.b)) / 2);
  });
  return { order, rescaled, position };
}
