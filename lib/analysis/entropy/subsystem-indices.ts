import type { Matrix, Vector } from '../matrix.js';

/**
 * Subsystem (comprehensive evaluation) indices: for each row i and group k,
 *
 *   U_ik = Σ_{j ∈ k} w_jk v_ij
 *
 * with v the normalized values and w_jk the weights renormalized within
 * each group (see withinGroupWeights). With v in [0, 1] and each group's
 * weights summing to 1, every U_ik is in [0, 1]. The shift of the entropy
 * method is not applied here: U uses the normalized values themselves.
 *
 * Returns rows × groups, groups in the order of `groups`. Throws a
 * RangeError when lengths disagree or a group has no column.
 */
export function subsystemIndices(
  v: Matrix,
  withinWeights: Vector,
  groupOfColumn: readonly string[],
  groups: readonly string[],
): number[][] {
  const m = withinWeights.length;
  if (groupOfColumn.length !== m) {
    throw new RangeError(`subsystemIndices: ${m} weights but ${groupOfColumn.length} group labels`);
  }
  v.forEach((row, i) => {
    if (row.length !== m) {
      throw new RangeError(`subsystemIndices: row ${i} has ${row.length} values, expected ${m}`);
    }
  });
  const position = new Map(groups.map((g, k) => [g, k]));
  groupOfColumn.forEach((g, j) => {
    if (!position.has(g)) {
      throw new RangeError(`subsystemIndices: column ${j} names unknown group "${g}"`);
    }
  });
  for (const g of groups) {
    if (!groupOfColumn.includes(g)) {
      throw new RangeError(`subsystemIndices: group "${g}" has no column`);
    }
  }

  const target = groupOfColumn.map((g) => position.get(g) as number);
  return v.map((row) => {
    const u = new Array<number>(groups.length).fill(0);
    row.forEach((value, j) => (u[target[j]] += withinWeights[j] * value));
    return u;
  });
}
