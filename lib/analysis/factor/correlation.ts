import type { Matrix } from '../matrix.js';

/**
 * Column means and sample standard deviations (divisor n − 1, as R's `sd`
 * and SPSS). Raises a RangeError naming the column when it has zero
 * variance, since neither a correlation nor a z-score exists for it, or when
 * fewer than two rows are given.
 */
export function columnMoments(
  x: Matrix,
  names?: readonly string[],
): { means: number[]; sds: number[] } {
  const n = x.length;
  if (n < 2) throw new RangeError(`columnMoments: need at least 2 rows, got ${n}`);
  const p = x[0].length;
  const means = new Array<number>(p).fill(0);
  for (const row of x) {
    if (row.length !== p) throw new RangeError(`columnMoments: rows have ${row.length} and ${p} values`);
    for (let j = 0; j < p; j++) {
      if (!Number.isFinite(row[j])) {
        throw new RangeError(`columnMoments: column ${names?.[j] ?? j} holds a non-finite value`);
      }
      means[j] += row[j];
    }
  }
  for (let j = 0; j < p; j++) means[j] /= n;
  const sds = new Array<number>(p).fill(0);
  for (const row of x) {
    for (let j = 0; j < p; j++) sds[j] += (row[j] - means[j]) ** 2;
  }
  for (let j = 0; j < p; j++) {
    sds[j] = Math.sqrt(sds[j] / (n - 1));
    // A spread below 1e-12 of the column's magnitude is rounding, not data.
    if (!(sds[j] > 1e-12 * Math.max(1, Math.abs(means[j])))) {
      throw new RangeError(`column ${names?.[j] ?? j} is constant (zero variance); it cannot enter a correlation`);
    }
  }
  return { means, sds };
}

/** z-scores (x − mean) / sd with the n − 1 standard deviation, as R's `scale`. */
export function standardize(x: Matrix, names?: readonly string[]): number[][] {
  const { means, sds } = columnMoments(x, names);
  return x.map((row) => row.map((v, j) => (v - means[j]) / sds[j]));
}

/**
 * Pearson correlation matrix of the columns of x (observations × variables),
 * computed as Zᵀ Z / (n − 1) from the z-scores, so the diagonal is exactly 1.
 */
export function correlationMatrix(x: Matrix, names?: readonly string[]): number[][] {
  const z = standardize(x, names);
  const n = z.length;
  const p = z[0].length;
  const r: number[][] = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  // Row by row, so each observation is read once while it is in cache.
  for (let k = 0; k < n; k++) {
    const zk = z[k];
    for (let i = 1; i < p; i++) {
      const zi = zk[i];
      const ri = r[i];
      for (let j = 0; j < i; j++) ri[j] += zi * zk[j];
    }
  }
  for (let i = 0; i < p; i++) {
    r[i][i] = 1;
    for (let j = 0; j < i; j++) {
      r[i][j] /= n - 1;
      r[j][i] = r[i][j];
    }
  }
  return r;
}
