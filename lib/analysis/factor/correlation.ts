import type { Matrix } from '../matrix.js';

/**
 * Column means and sample standard deviations (divisor n − 1, as R's `sd`
 * and SPSS). Raises a RangeError naming the column when it has zero
 * variance, since neither a correlation nor a z-score exists for it, or when
 * fewer than two rows are given.
 *
 * Each column's sums run on the column divided by its largest magnitude, so
 * values anywhere in the finite double range (1e300, 1e-300) give the same
 * moments as values near 1 would; squaring raw 1e300s overflows.
 */
export function columnMoments(
  x: Matrix,
  names?: readonly string[],
): { means: number[]; sds: number[] } {
  const { scale, scaledMeans, scaledSds } = scaledMoments(x, names);
  return {
    means: scaledMeans.map((m, j) => m * scale[j]),
    sds: scaledSds.map((s, j) => s * scale[j]),
  };
}

/** Moments of each column divided by `scale`, its largest magnitude (1 for zeros). */
function scaledMoments(
  x: Matrix,
  names?: readonly string[],
): { scale: number[]; scaledMeans: number[]; scaledSds: number[] } {
  const n = x.length;
  if (n < 2) throw new RangeError(`columnMoments: need at least 2 rows, got ${n}`);
  const p = x[0].length;
  const scale = new Array<number>(p).fill(0);
  for (const row of x) {
    if (row.length !== p) throw new RangeError(`columnMoments: rows have ${row.length} and ${p} values`);
    for (let j = 0; j < p; j++) {
      if (!Number.isFinite(row[j])) {
        throw new RangeError(`columnMoments: column ${names?.[j] ?? j} holds a non-finite value`);
      }
      scale[j] = Math.max(scale[j], Math.abs(row[j]));
    }
  }
  for (let j = 0; j < p; j++) if (scale[j] === 0) scale[j] = 1;
  const means = new Array<number>(p).fill(0);
  for (const row of x) {
    for (let j = 0; j < p; j++) means[j] += row[j] / scale[j];
  }
  for (let j = 0; j < p; j++) means[j] /= n;
  const sds = new Array<number>(p).fill(0);
  for (const row of x) {
    for (let j = 0; j < p; j++) sds[j] += (row[j] / scale[j] - means[j]) ** 2;
  }
  for (let j = 0; j < p; j++) {
    sds[j] = Math.sqrt(sds[j] / (n - 1));
    // A spread below 1e-12 of the column's largest magnitude is rounding,
    // not data; the column is scaled so that magnitude is 1.
    if (!(sds[j] > 1e-12)) {
      throw new RangeError(`column ${names?.[j] ?? j} is constant (zero variance); it cannot enter a correlation`);
    }
  }
  return { scale, scaledMeans: means, scaledSds: sds };
}

/** z-scores (x − mean) / sd with the n − 1 standard deviation, as R's `scale`. */
export function standardize(x: Matrix, names?: readonly string[]): number[][] {
  const { scale, scaledMeans, scaledSds } = scaledMoments(x, names);
  return x.map((row) => row.map((v, j) => (v / scale[j] - scaledMeans[j]) / scaledSds[j]));
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
