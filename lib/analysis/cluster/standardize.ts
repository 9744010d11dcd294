import type { Matrix } from '../matrix.js';
import { packPoints } from './packed-points.js';

export interface Standardized {
  /** z-scores, observations × variables. */
  readonly values: number[][];
  readonly means: number[];
  /** Sample standard deviations (divisor n − 1). */
  readonly sds: number[];
  /** 0-based columns whose standard deviation is zero; their z-scores are 0. */
  readonly constantColumns: number[];
}

/**
 * Z-scores by column, z = (x − mean) / s with the sample standard deviation
 * s (divisor n − 1): SPSS's "Z scores" transformation and R's `scale()`.
 *
 * Degenerate input: a column with zero spread carries no information about
 * differences between observations, so its z-scores are set to 0 (it then
 * adds nothing to any distance) and its index is listed in
 * `constantColumns`. One row is rejected, since no spread can be measured.
 * Means use a two-pass sum for accuracy.
 */
export function standardize(data: Matrix): Standardized {
  const { n, d, values: packed } = packPoints(data);
  if (n < 2) {
    throw new RangeError('standardize(data) needs at least 2 rows, got 1');
  }

  const means = new Array<number>(d).fill(0);
  const sds = new Array<number>(d).fill(0);
  for (let j = 0; j < d; j++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += packed[i * d + j];
    const mean = sum / n;
    let ss = 0;
    for (let i = 0; i < n; i++) ss += (packed[i * d + j] - mean) ** 2;
    means[j] = mean;
    sds[j] = Math.sqrt(ss / (n - 1));
  }

  const constantColumns = sds.flatMap((s, j) => (s > 0 ? [] : [j]));
  const z = Array.from({ length: n }, (_, i) =>
    Array.from({ length: d }, (_, j) =>
      sds[j] > 0 ? (packed[i * d + j] - means[j]) / sds[j] : 0,
    ),
  );
  return { values: z, means, sds, constantColumns };
}
