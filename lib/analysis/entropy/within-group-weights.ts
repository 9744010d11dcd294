import type { Vector } from '../matrix.js';

export interface WithinGroupWeights {
  /** Weight of each column renormalized within its group; each group sums to 1. */
  readonly weights: number[];
  /** Group ids in first-seen order. */
  readonly groups: string[];
  /** Share of the global weight that each group holds, Σ_{j ∈ k} w_j. */
  readonly groupTotals: Record<string, number>;
  /** Groups whose global weights were all 0 and fell back to equal weights. */
  readonly equalWeightGroups: string[];
}

/**
 * Renormalizes global weights within groups of columns (the subsystems of
 * an index system): w_jk = w_j / Σ_{l ∈ k} w_l for column j in group k, so
 * each group's weights sum to 1 and the subsystem index built from them
 * stays in [0, 1] (the usual construction of subsystem evaluation indices
 * that a coupling coordination analysis takes as its U_k).
 *
 * Degenerate input: a group whose global weights are all 0 gets equal
 * weights 1/|k| and is listed in `equalWeightGroups`.
 *
 * Throws a RangeError when the lengths differ, a weight is negative or not
 * finite, or the input is empty.
 */
export function withinGroupWeights(
  weights: Vector,
  groupOfColumn: readonly string[],
): WithinGroupWeights {
  if (weights.length === 0) throw new RangeError('withinGroupWeights: no weights given');
  if (weights.length !== groupOfColumn.length) {
    throw new RangeError(
      `withinGroupWeights: ${weights.length} weights but ${groupOfColumn.length} group labels`,
    );
  }
  weights.forEach((w, j) => {
    if (!Number.isFinite(w) || w < 0) {
      throw new RangeError(`withinGroupWeights: weight ${j} must be a finite number ≥ 0, got ${w}`);
    }
  });

  const groups = [...new Set(groupOfColumn)];
  const groupTotals: Record<string, number> = {};
  for (const g of groups) groupTotals[g] = 0;
  weights.forEach((w, j) => (groupTotals[groupOfColumn[j]] += w));

  const equalWeightGroups = groups.filter((g) => groupTotals[g] === 0);
  const sizes = new Map(groups.map((g) => [g, groupOfColumn.filter((h) => h === g).length]));
  const within = weights.map((w, j) => {
    const g = groupOfColumn[j];
    return groupTotals[g] === 0 ? 1 / (sizes.get(g) ?? 1) : w / groupTotals[g];
  });

  return { weights: within, groups, groupTotals, equalWeightGroups };
}
