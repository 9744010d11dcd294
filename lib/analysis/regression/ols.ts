import fCdf from '@stdlib/stats-base-dists-f-cdf';
import tCdf from '@stdlib/stats-base-dists-t-cdf';
import type { Matrix, Vector } from '../matrix.js';
import {
  applyQt,
  householderQr,
  inverseGramDiagonal,
  norm2,
  RANK_TOLERANCE,
  solveUpper,
} from './householder-qr.js';

export interface OlsCoefficient {
  /** "(Intercept)" or the predictor's name. */
  readonly name: string;
  readonly estimate: number;
  readonly se: number;
  readonly t: number;
  /** Two-sided p value of t on n − p − 1 degrees of freedom. */
  readonly p: number;
  /** Standardized coefficient b · s_x / s_y; null for the intercept. */
  readonly beta: number | null;
  /** Variance inflation factor 1 / (1 − R²_j); null for the intercept. */
  readonly vif: number | null;
}

export interface OlsResult {
  readonly dependent: string;
  readonly predictors: string[];
  readonly coefficients: OlsCoefficient[];
  readonly r2: number;
  readonly adjR2: number;
  /** Overall F statistic of all slopes against the intercept-only model. */
  readonly f: number;
  readonly fP: number;
  /** [p, n − p − 1], the F test's degrees of freedom. */
  readonly df: [number, number];
  readonly n: number;
  /** Residual standard error √(RSS / (n − p − 1)). */
  readonly sigma: number;
  readonly residuals: number[];
  readonly fitted: number[];
}

export interface OlsOptions {
  readonly dependent?: string;
  /** One name per predictor column; "x1", "x2", … by default. */
  readonly predictors?: readonly string[];
}

/** Thrown when the predictors are linearly dependent; names them. */
export class CollinearPredictorsError extends RangeError {
  override readonly name = 'CollinearPredictorsError';
  constructor(
    readonly predictor: string,
    readonly dependsOn: readonly string[],
  ) {
    super(
      dependsOn.length === 0
        ? `ols: predictor "${predictor}" is constant, so it cannot be told apart from the intercept`
        : `ols: predictor "${predictor}" is a linear combination of ${dependsOn.map((d) => `"${d}"`).join(', ')} (collinear; drop one of them)`,
    );
  }
}

/**
 * Ordinary least squares with an intercept, y = b₀ + X b + e, as R's
 * `summary(lm(y ~ X))`. Solved by Householder QR of the design [1 X]
 * (never the normal equations, which square the condition number; the
 * Longley data is the classic test): b = R⁻¹ Qᵀy, residuals e = y − ŷ,
 * σ² = eᵀe / (n − p − 1), se(b_j) = σ √[(RᵀR)⁻¹]_jj, t = b / se with a
 * two-sided p from Student's t on n − p − 1 df; R² = 1 − RSS/TSS,
 * adjusted R² = 1 − (1 − R²)(n − 1)/(n − p − 1), F = ((TSS − RSS)/p) /
 * σ² with its upper-tail p (computed as the lower tail of F(df₂, df₁) at
 * 1/F, which keeps tiny p values exact). Standardized betas b_j s_xj / s_y;
 * VIF_j = 1/(1 − R²_j) = ‖x_j − x̄_j‖² [(X_cᵀX_c)⁻¹]_jj from a second QR of
 * the centred predictors.
 *
 * Degenerate input: y and X must be finite and the same length; n must
 * exceed p + 1; a predictor whose part not explained by the intercept and
 * the earlier predictors is below 1e-7 of its norm (R's `lm` tolerance)
 * raises CollinearPredictorsError naming it and the predictors it depends
 * on. A constant y gives R² = NaN, as R does.
 */
export function ols(y: Vector, x: Matrix, options: OlsOptions = {}): OlsResult {
  const n = y.length;
  const p = n === 0 ? 0 : x[0]?.length ?? 0;
  const names = options.predictors ? [...options.predictors] : Array.from({ length: p }, (_, j) => `x${j + 1}`);
  validate(y, x, names, p);
  const df = n - p - 1;

  const columns = [new Array<number>(n).fill(1), ...names.map((_, j) => x.map((row) => row[j]))];
  const qr = householderQr(columns);
  if (qr.deficientColumn >= 0) throw collinearity(columns, qr.deficientColumn, names);

  const qty = applyQt(qr, y);
  const b = solveUpper(qr, qty);
  const fitted = Array.from({ length: n }, (_, i) => columns.reduce((s, col, j) => s + col[i] * b[j], 0));
  const residuals = y.map((v, i) => v - fitted[i]);
  const rss = residuals.reduce((s, e) => s + e * e, 0);
  const meanY = y.reduce((s, v) => s + v, 0) / n;
  const tss = y.reduce((s, v) => s + (v - meanY) ** 2, 0);
  const sigma2 = rss / df;
  const gram = inverseGramDiagonal(qr);

  const sdY = Math.sqrt(tss / (n - 1));
  const vif = varianceInflation(columns.slice(1));
  const coefficients = Array.from({ length: p + 1 }, (_, j) => {
    const se = Math.sqrt(sigma2 * gram[j]);
    const t = b[j] / se;
    const sdX = j === 0 ? 0 : sampleSd(columns[j]);
    return {
      name: j === 0 ? '(Intercept)' : names[j - 1],
      estimate: b[j],
      se,
      t,
      p: 2 * tCdf(-Math.abs(t), df),
      beta: j === 0 ? null : (b[j] * sdX) / sdY,
      vif: j === 0 ? null : vif[j - 1],
    };
  });

  const r2 = 1 - rss / tss;
  const f = (tss - rss) / p / sigma2;
  return {
    dependent: options.dependent ?? 'y',
    predictors: names,
    coefficients,
    r2,
    adjR2: 1 - ((1 - r2) * (n - 1)) / df,
    f,
    fP: fCdf(1 / f, df, p),
    df: [p, df],
    n,
    sigma: Math.sqrt(sigma2),
    residuals,
    fitted,
  };
}

function validate(y: Vector, x: Matrix, names: readonly string[], p: number): void {
  const n = y.length;
  if (x.length !== n) throw new RangeError(`ols: y has ${n} values but X has ${x.length} rows`);
  if (p === 0) throw new RangeError('ols needs at least one predictor');
  if (names.length !== p) {
    throw new RangeError(`ols: ${names.length} predictor names for ${p} columns`);
  }
  if (n <= p + 1) {
    throw new RangeError(`ols needs more observations than coefficients: n = ${n}, coefficients = ${p + 1}`);
  }
  y.forEach((v, i) => {
    if (!Number.isFinite(v)) throw new TypeError(`ols: y[${i + 1}] is not a finite number: ${v}`);
  });
  x.forEach((row, i) => {
    if (row.length !== p) throw new RangeError(`ols: X row ${i + 1} has ${row.length} values, expected ${p}`);
    row.forEach((v, j) => {
      if (!Number.isFinite(v)) {
        throw new TypeError(`ols: predictor "${names[j]}" row ${i + 1} is not a finite number: ${v}`);
      }
    });
  });
}

/**
 * Names what the deficient column depends on: the least-squares fit of it
 * on the earlier columns (from the partial QR), keeping the columns whose
 * contribution is not negligible.
 */
function collinearity(
  columns: readonly (readonly number[])[],
  j: number,
  names: readonly string[],
): CollinearPredictorsError {
  const earlier = householderQr(columns.slice(0, j));
  const z = solveUpper(earlier, applyQt(earlier, columns[j]), j);
  const scale = norm2(columns[j]);
  const dependsOn: string[] = [];
  for (let i = 1; i < j; i++) {
    if (Math.abs(z[i]) * norm2(columns[i]) > Math.sqrt(RANK_TOLERANCE) * scale) {
      dependsOn.push(names[i - 1]);
    }
  }
  return new CollinearPredictorsError(names[j - 1], dependsOn);
}

/** VIF_j from the QR of the centred predictors (1 for a single predictor). */
function varianceInflation(predictors: readonly (readonly number[])[]): number[] {
  const centred = predictors.map((col) => {
    const mean = col.reduce((s, v) => s + v, 0) / col.length;
    return col.map((v) => v - mean);
  });
  const qr = householderQr(centred);
  const diag = inverseGramDiagonal(qr);
  return centred.map((col, j) => col.reduce((s, v) => s + v * v, 0) * diag[j]);
}

function sampleSd(values: readonly number[]): number {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  return Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1));
}
