import type { Matrix } from '../matrix.js';

export interface ItemReliability {
  /** Column index of the item in the input. */
  readonly index: number;
  /** Raw alpha of the scale without this item; null where undefined (see below). */
  readonly alphaIfDeleted: number | null;
  /** Standardized alpha of the scale without this item; null where undefined. */
  readonly standardizedAlphaIfDeleted: number | null;
  /**
   * Pearson correlation of the item with the sum of the other items; null
   * when that sum does not vary.
   */
  readonly correctedItemTotal: number | null;
}

export interface CronbachAlphaResult {
  readonly items: number;
  readonly n: number;
  /** α = k/(k − 1) · (1 − Σ var_i / var_total), on the raw covariances. */
  readonly alpha: number | null;
  /** α from the mean inter-item correlation r̄: k r̄ / (1 + (k − 1) r̄). */
  readonly standardizedAlpha: number | null;
  /** Per item; empty for two items, where deleting one leaves no scale. */
  readonly itemStatistics: ItemReliability[];
}

/**
 * Below this share of the summed item variances, the variance of the total
 * is rounding error: the items cancel (say, one is the negative of
 * another), and alpha, a ratio over that variance, does not exist.
 */
export const CANCELLING_TOTAL = 1e-12;

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
 * Any finite input works, 1e300 and 1e-300 included: each item is divided
 * by its largest magnitude before its moments are summed, and the raw
 * covariances are rebuilt relative to the largest item, a common factor
 * that alpha does not depend on. (Summing raw squares of 1e300 overflows
 * to Infinity and makes every statistic NaN.)
 *
 * Needs at least 2 items and 2 rows; a constant item raises a RangeError
 * naming it, since neither its correlation nor the standardized alpha exists.
 * Where the total of the items (or of the items left after deleting one)
 * does not vary beyond {@link CANCELLING_TOTAL}, that alpha and the
 * item-total correlation are null.
 */
export function cronbachAlpha(x: Matrix, names?: readonly string[]): CronbachAlphaResult {
  const n = x.length;
  if (n < 2) throw new RangeError(`cronbachAlpha: need at least 2 rows, got ${n}`);
  const k = x[0].length;
  if (k < 2) throw new RangeError(`cronbachAlpha: need at least 2 items, got ${k}`);
  const { scaled, scale } = scaledCovariance(x, names);
  scaled.forEach((row, i) => {
    if (!(row[i] > 0)) throw new RangeError(`cronbachAlpha: item ${names?.[i] ?? i} is constant (zero variance)`);
  });
  const sd = scaled.map((row, i) => Math.sqrt(row[i]));
  const cor = scaled.map((row, i) => row.map((v, j) => v / (sd[i] * sd[j])));

  const all = x[0].map((_, i) => i);
  const itemStatistics: ItemReliability[] =
    k < 3
      ? []
      : all.map((i) => {
          const rest = all.filter((j) => j !== i);
          const cov = relativeCovariance(scaled, scale, rest);
          // cov(item, rest sum) and var(rest sum) from the covariances, with
          // the item's own scale factor cancelled out of the correlation.
          let covItemRest = 0;
          for (const j of rest) covItemRest += (scale[j] / largestOf(scale, rest)) * scaled[i][j];
          const varRest = sumOver(cov, rest);
          return {
            index: i,
            alphaIfDeleted: rawAlpha(cov, rest),
            standardizedAlphaIfDeleted: rawAlpha(cor, rest),
            correctedItemTotal: cancels(cov, rest, varRest)
              ? null
              : clampCorrelation(covItemRest / Math.sqrt(scaled[i][i] * varRest)),
          };
        });
  const cov = relativeCovariance(scaled, scale, all);
  return { items: k, n, alpha: rawAlpha(cov, all), standardizedAlpha: rawAlpha(cor, all), itemStatistics };
}

function largestOf(scale: readonly number[], subset: readonly number[]): number {
  return Math.max(...subset.map((j) => scale[j]));
}

/**
 * Raw covariances of the items in `subset`, all divided by the square of
 * the subset's largest scale: a common factor, which alpha does not see,
 * chosen so that the largest item of the subset has magnitude 1. Entries
 * outside the subset are left 0.
 */
function relativeCovariance(scaled: Matrix, scale: readonly number[], subset: readonly number[]): number[][] {
  const largest = largestOf(scale, subset);
  const c = scaled.map((row) => row.map(() => 0));
  for (const i of subset) {
    for (const j of subset) c[i][j] = (scale[i] / largest) * (scale[j] / largest) * scaled[i][j];
  }
  return c;
}

/**
 * α = k/(k − 1) · (1 − tr C / 1ᵀC1) over the items `subset` of C. On a
 * correlation matrix this equals k r̄ / (1 + (k − 1) r̄), the standardized
 * alpha. Null when the total 1ᵀC1 cancels.
 */
function rawAlpha(c: Matrix, subset: readonly number[]): number | null {
  const k = subset.length;
  const total = sumOver(c, subset);
  if (cancels(c, subset, total)) return null;
  let trace = 0;
  for (const i of subset) trace += c[i][i];
  return (k / (k - 1)) * (1 - trace / total);
}

function cancels(c: Matrix, subset: readonly number[], total: number): boolean {
  let trace = 0;
  for (const i of subset) trace += c[i][i];
  return !(total > CANCELLING_TOTAL * trace);
}

/** Rounding can carry a correlation of ±1 a few ulps past it. */
function clampCorrelation(r: number): number {
  return Math.max(-1, Math.min(1, r));
}

function sumOver(c: Matrix, subset: readonly number[]): number {
  let total = 0;
  for (const i of subset) for (const j of subset) total += c[i][j];
  return total;
}

/**
 * Covariances of the items each divided by its largest magnitude (`scale`;
 * 1 for an item of zeros), so that no product overflows or underflows.
 */
function scaledCovariance(x: Matrix, names?: readonly string[]): { scaled: number[][]; scale: number[] } {
  const n = x.length;
  const k = x[0].length;
  const scale = new Array<number>(k).fill(0);
  for (const row of x) {
    if (row.length !== k) throw new RangeError(`cronbachAlpha: rows have ${row.length} and ${k} values`);
    row.forEach((v, j) => {
      if (!Number.isFinite(v)) throw new RangeError(`cronbachAlpha: item ${names?.[j] ?? j} holds a non-finite value`);
      scale[j] = Math.max(scale[j], Math.abs(v));
    });
  }
  for (let j = 0; j < k; j++) if (scale[j] === 0) scale[j] = 1;
  const means = new Array<number>(k).fill(0);
  for (const row of x) row.forEach((v, j) => (means[j] += v / scale[j] / n));
  const c = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (const row of x) {
    for (let i = 0; i < k; i++) {
      const di = row[i] / scale[i] - means[i];
      for (let j = 0; j <= i; j++) c[i][j] += di * (row[j] / scale[j] - means[j]);
    }
  }
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      c[i][j] /= n - 1;
      c[j][i] = c[i][j];
    }
  }
  return { scaled: c, scale };
}
