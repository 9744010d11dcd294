import type { Matrix } from '../matrix.js';

/** Which way is better for an indicator: larger (positive) or smaller (negative). */
export type Direction = 'positive' | 'negative';

const DIRECTIONS: readonly Direction[] = ['positive', 'negative'];

export interface MinMaxOptions {
  /**
   * One group label per row (for example the year of each row). When given,
   * min and max are taken within each group; when absent, over all rows
   * (pooled).
   */
  readonly groups?: readonly number[];
}

/** A column whose max equals its min, over all rows or within one group. */
export interface ConstantColumn {
  readonly column: number;
  /** The group label, when normalization was done per group. */
  readonly group?: number;
  /** The single value the column takes there. */
  readonly value: number;
}

export interface MinMaxResult {
  /** Normalized values in [0, 1], rows × columns, 1 = best. */
  readonly values: number[][];
  /** Columns where max = min; every value there was set to 1. */
  readonly constantColumns: readonly ConstantColumn[];
}

/**
 * Min-max (range) normalization with a direction per column, the
 * standardization step of the entropy weight method (for example Zou et al.
 * 2006, "Entropy method for determination of weight of evaluating indicators
 * in fuzzy synthetic evaluation for water quality assessment", J. Environ.
 * Sci. 18(5)):
 *
 *   positive: v_ij = (x_ij − min_j) / (max_j − min_j)
 *   negative: v_ij = (max_j − x_ij) / (max_j − min_j)
 *
 * min_j and max_j are taken over all rows, or within each group of rows
 * when `groups` is given (per-year normalization of a panel).
 *
 * Degenerate input: where max_j = min_j the column carries no information
 * and every unit ties for the best value observed, so each value becomes 1
 * (not 0) and the column is reported in `constantColumns`. With 1, the
 * entropy method then sees a uniform column (e_j = 1, d_j = 0, weight 0)
 * instead of an all-zero column whose shares are 0/0.
 *
 * Any finite values work: when max_j − min_j overflows (a column from
 * −1e308 to 1e308), the differences are taken on halved values.
 *
 * Throws a RangeError for an empty matrix, ragged rows, a non-finite value,
 * an unknown direction, or a group list of the wrong length.
 */
export function minMaxNormalize(
  x: Matrix,
  directions: readonly Direction[],
  options: MinMaxOptions = {},
): MinMaxResult {
  checkInput(x, directions, options.groups);

  const groups = options.groups ?? x.map(() => 0);
  const pooled = options.groups === undefined;
  const values = x.map((row) => new Array<number>(row.length).fill(0));
  const constantColumns: ConstantColumn[] = [];

  for (const [group, rows] of rowsByGroup(groups)) {
    for (let j = 0; j < directions.length; j++) {
      const { min, max } = columnRange(x, rows, j);
      if (max === min) {
        constantColumns.push(pooled ? { column: j, value: min } : { column: j, group, value: min });
      }
      // A column spanning most of the double range (say −1e308 to 1e308)
      // has max − min = Infinity; halving every term first keeps it finite
      // and leaves each ratio unchanged.
      const half = Number.isFinite(max - min) ? 1 : 0.5;
      const lo = min * half;
      const hi = max * half;
      const range = hi - lo;
      for (const i of rows) {
        const v = x[i][j] * half;
        if (max === min) values[i][j] = 1;
        else if (directions[j] === 'positive') values[i][j] = (v - lo) / range;
        else values[i][j] = (hi - v) / range;
      }
    }
  }

  return { values, constantColumns };
}

function checkInput(
  x: Matrix,
  directions: readonly Direction[],
  groups: readonly number[] | undefined,
): void {
  if (x.length === 0) throw new RangeError('minMaxNormalize: the matrix has no rows');
  directions.forEach((d, j) => {
    if (!DIRECTIONS.includes(d)) {
      throw new RangeError(`minMaxNormalize: unknown direction "${String(d)}" for column ${j}`);
    }
  });
  x.forEach((row, i) => {
    if (row.length !== directions.length) {
      throw new RangeError(
        `minMaxNormalize: row ${i} has ${row.length} values, expected ${directions.length} (one per direction)`,
      );
    }
    row.forEach((value, j) => {
      if (!Number.isFinite(value)) {
        throw new RangeError(`minMaxNormalize: value at row ${i}, column ${j} is not a finite number (${value})`);
      }
    });
  });
  if (groups !== undefined && groups.length !== x.length) {
    throw new RangeError(`minMaxNormalize: ${groups.length} group labels given for ${x.length} rows`);
  }
}

/** Row indices of each group, groups in first-seen order. */
function rowsByGroup(groups: readonly number[]): Map<number, number[]> {
  const byGroup = new Map<number, number[]>();
  groups.forEach((g, i) => {
    const rows = byGroup.get(g);
    if (rows) rows.push(i);
    else byGroup.set(g, [i]);
  });
  return byGroup;
}

function columnRange(x: Matrix, rows: readonly number[], j: number): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (const i of rows) {
    if (x[i][j] < min) min = x[i][j];
    if (x[i][j] > max) max = x[i][j];
  }
  return { min, max };
}
