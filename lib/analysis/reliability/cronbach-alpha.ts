import type { Matrix } from '../matrix.js';

export interface ItemReliability {
  /** Column index of the item in the input. */
  readonly index: number;
  /** Raw alpha of the scale without this item. */
  readonly alphaIfDeleted: number;
  /** Standardized alpha of the scale without this item. */
  readonly standardizedAlphaIfDeleted: number;
  /** Pearson correlation of the item with the sum of the other items. */
  readonly correctedItemTotal: number;
}

export interface CronbachAlphaResult {
  readonly items: number;
  readonly n: number;
  /** α = k/(k − 1) · (1 − Σ var_i / var_total), on the raw covariances. */
  readonly alpha: number;
  /** α from the mean inter-item correlation r̄: k r̄ / (1 + (k − 1) r̄). */
  readonly standardizedAlpha: number;
  /** Per item; empty for two items, where deleting one leaves no scale. */
  readonly itemStatistics: ItemReliability[];
}

/**
 * Cronbach's (1951) coefficient alpha for the columns of x (observations ×
 * items), raw and standardized, with alpha if item deleted and the
 * corrected item-total correlation, as psych::alpha reports them
 * (raw_alpha, std.alpha, alpha.drop, r.drop) and SPSS RELIABILITY prints
 * them. Variances use the n − 1 divisor; alpha does not depend on it.
 *
 * Alpha assumes items measure one thing in the same direction: feed it
 * direction-adjusted indicators. It is not scale-free: the raw alpha of
 * indicators in different units is dominated by the ones with the largest
 * variance, which is why the standardized alpha is reported beside it.
 *
 * Needs at least 2 items and 2 rows; a constant item raises a RangeError
 * naming it, since neither its correlation nor the standardized alpha exists.
 */
export function cronbachAlpha(x: Matrix, names?: readonly string[]): CronbachAlphaResult {
  const n = x.length;
  if (n < 2) throw new RangeError(`cronbachAlpha: need at least 2 rows, got ${n}`);
  const k = x[0].length;
  if (k < 2) throw new RangeError(`cronbachAlpha: need at least 2 items, got ${k}`);
  const cov = covariance(x, names);
  const sd = cov.map((row, i) => Math.sqrt(row[i]));
  sd.forEach((s, i) => {
    if (!(s > 0)) throw new RangeError(`cronbachAlpha: item ${names?.[i] ?? i} is constant (zero variance)`);
  });
  const cor = cov.map((row, i) => row.map((v, j) => v / (sd[i] * sd[j])));
  const all = x[0].map((_, i) => i);
  const itemStatistics: ItemReliability[] =
    k < 3
      ? []
      : all.map((i) => {
          const rest = all.filter((j) => j !== i);
          // cov(item, rest sum) and var(rest sum) straight from the covariance matrix.
          let covItemRest = 0;
          for (const j of rest) covItemRest += cov[i][j];
          const varRest = sumOver(cov, rest);
          return {
            index: i,
            alphaIfDeleted: rawAlpha(cov, rest),
            standardizedAlphaIfDeleted: rawAlpha(cor, rest),
            correctedItemTotal: covItemRest / Math.sqrt(cov[i][i] * varRest),
          };
        });
  return { items: k, n, alpha: rawAlpha(cov, all), standardizedAlpha: rawAlpha(cor, all), itemStatistics };
}

/**
 * α = k/(k − 1) · (1 − tr C / 1ᵀC1) over the items `subset` of C. On a
 * correlation matrix this equals k r̄ / (1 + (k − 1) r̄), the standardized
 * alpha.
 */
function rawAlpha(c: Matrix, subset: readonly number[]): number {
  const k = subset.length;
  let trace = 0;
  for (const i of subset) trace += c[i][i];
  return (k / (k - 1)) * (1 - trace / sumOver(c, subset));
}

function sumOver(c: Matrix, subset: readonly number[]): number {
  let total = 0;
  for (const i of subset) for (const j of subset) total += c[i][j];
  return total;
}

function covariance(x: Matrix, names?: readonly string[]): number[][] {
  const n = x.length;
  const k = x[0].length;
  const means = new Array<number>(k).fill(0);
  for (const row of x) {
    if (row.length !== k) throw new RangeError(`cronbachAlpha: rows have ${row.length} and ${k} values`);
    row.forEach((v, j) => {
      if (!Number.isFinite(v)) throw new RangeError(`cronbachAlpha: item ${names?.[j] ?? j} holds a non-finite value`);
      means[j] += v / n;
    });
  }
  const c = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (const row of x) {
    for (let i = 0; i < k; i++) {
      const di = row[i] - means[i];
      for (let j = 0; j <= i; j++) c[i][j] += di * (row[j] - means[j]);
    }
  }
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      c[i][j] /= n - 1;
      c[j][i] = c[i][j];
    }
  }
  return c;
}
