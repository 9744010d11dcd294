import type { Matrix } from '../matrix.js';
import { symmetricEigen } from '../linalg/symmetric-eigen.js';
import { crossprod, multiply } from '../linalg/products.js';
import { inverseSpd } from '../linalg/cholesky.js';
import { type BartlettResult, bartlettSphericity } from './bartlett.js';
import { collinearIndicators } from './collinear-indicators.js';
import { correlationMatrix, standardize } from './correlation.js';
import { type KmoResult, kmo } from './kmo.js';
import { type RetentionRule, retainComponents } from './retain-components.js';
import { varimax } from './varimax.js';

export type Rotation = 'varimax' | 'none';

export interface PrincipalComponentsOptions {
  /** Default: eigenvalue > 1. */
  readonly retain?: RetentionRule;
  /** Default: varimax with Kaiser normalization. */
  readonly rotation?: Rotation;
  /** Indicator names, used in error messages only. */
  readonly names?: readonly string[];
}

export interface VarianceShare {
  /** Sum of squared loadings (the eigenvalue, for unrotated components). */
  readonly ss: number;
  /** 100 · ss / p: percent of the total standardized variance. */
  readonly percent: number;
  readonly cumulativePercent: number;
}

export interface PrincipalComponentsResult {
  /** Rows (observations) and indicators. */
  readonly n: number;
  readonly p: number;
  readonly correlation: number[][];
  /** All p eigenvalues of R, largest first. */
  readonly eigenvalues: number[];
  /** Total variance explained, one entry per eigenvalue. */
  readonly variance: VarianceShare[];
  readonly retained: number;
  /** True when R is singular or near-singular (some indicator is collinear). */
  readonly singular: boolean;
  /** Indices of indicators that are linear combinations of earlier ones. */
  readonly collinear: number[];
  readonly kmo: KmoResult;
  readonly bartlett: BartlettResult;
  /** p × k loadings V_k Λ_k^½, each column signed to a positive sum. */
  readonly unrotatedLoadings: number[][];
  /** p × k rotated loadings, ordered by `rotatedVariance` and signed to positive column sums. */
  readonly rotatedLoadings: number[][];
  /** k × k orthogonal T with rotatedLoadings = unrotatedLoadings · T. */
  readonly rotationMatrix: number[][];
  readonly rotation: Rotation;
  readonly iterations: number;
  readonly converged: boolean;
  readonly rotatedVariance: VarianceShare[];
  /** Row sums of squared loadings, h²_i (the same before and after rotation). */
  readonly communalities: number[];
  /** p × k component score coefficients W = A (AᵀA)⁻¹. */
  readonly scoreCoefficients: number[][];
  /** n × k component scores Z W, Z the z-scores with the n − 1 standard deviation. */
  readonly scores: number[][];
  /** Share of each retained component in the retained variance; sums to 1. */
  readonly compositeWeights: number[];
  /** F = Σ_k w_k F_k per row. */
  readonly composite: number[];
}

/** Eigenvalues below this fraction of the largest count as zero. */
const ZERO_EIGENVALUE = 1e-10;

/**
 * Principal-component factor analysis as SPSS's FACTOR /EXTRACTION PC and
 * psych::principal perform it, on the columns of x (observations ×
 * indicators, already direction-adjusted so that larger is better):
 *
 * 1. R = the Pearson correlation matrix; KMO and Bartlett's sphericity test.
 * 2. R = V Λ Vᵀ (Jacobi); k components retained by `retain`.
 * 3. Unrotated loadings A = V_k Λ_k^½; varimax with Kaiser normalization to
 *    machine precision (see `varimax`).
 * 4. Components are ordered by rotated sum of squares, largest first, and
 *    each column is multiplied by −1 if its loadings sum to less than zero.
 *    On direction-adjusted data this makes a higher component score mean a
 *    better position on the indicators that load on it ("higher is better").
 * 5. Score coefficients by the regression method. For components,
 *    R⁻¹A = A(AᵀA)⁻¹ exactly (Harman 1976, §16.2), so W = A(AᵀA)⁻¹ needs no
 *    R⁻¹ and exists when R is singular.
 * 6. Scores F = Z W, and the composite F = Σ_k (ss_k / Σ ss) F_k, the
 *    variance-share weighting of the source method.
 *
 * Degenerate input: with fewer rows than indicators or collinear
 * indicators, R is singular. Then `singular` is true, `collinear` names the
 * indicators that are combinations of earlier ones, KMO and Bartlett are
 * `{ computable: false, reason }`, and loadings, coefficients and scores are
 * still given, from the eigenvalues above zero. A single retained component
 * is not rotated. Fewer than 3 rows, a constant column or a non-finite value
 * raises a RangeError naming the problem.
 */
export function principalComponents(
  x: Matrix,
  options: PrincipalComponentsOptions = {},
): PrincipalComponentsResult {
  const rotation: Rotation = options.rotation ?? 'varimax';
  if (rotation !== 'varimax' && rotation !== 'none') {
    throw new RangeError(`principalComponents: unknown rotation "${String(rotation)}"`);
  }
  const n = x.length;
  if (n < 3) throw new RangeError(`principalComponents: need at least 3 rows, got ${n}`);
  const p = x[0].length;
  if (p < 2) throw new RangeError(`principalComponents: need at least 2 indicators, got ${p}`);
  const correlation = correlationMatrix(x, options.names);
  const eigen = symmetricEigen(correlation);
  const eigenvalues = eigen.values;
  const collinear = collinearIndicators(correlation);
  const singular = collinear.length > 0;
  const label = (j: number): string => options.names?.[j] ?? String(j);
  let kmoResult: KmoResult;
  let bartlettResult: BartlettResult;
  if (singular) {
    const rankNote = n <= p ? ` (${n} rows for ${p} indicators: rank at most ${n - 1})` : '';
    const reason =
      `the correlation matrix is singular${rankNote}; ` +
      `${collinear.map(label).join(', ')} ${collinear.length === 1 ? 'is a linear combination' : 'are linear combinations'} of other indicators`;
    kmoResult = { computable: false, reason };
    bartlettResult = { computable: false, reason };
  } else {
    kmoResult = kmo(correlation);
    bartlettResult = bartlettSphericity(correlation, n);
  }
  const usable = eigenvalues.filter((v) => v > ZERO_EIGENVALUE * eigenvalues[0]).length;
  const k = retainComponents(eigenvalues, options.retain ?? { method: 'kaiser' }, usable);

  const unrotated = correlation.map((_, i) =>
    Array.from({ length: k }, (__, j) => eigen.vectors[i][j] * Math.sqrt(eigenvalues[j])),
  );
  signColumns(unrotated);

  let rotated = unrotated.map((row) => [...row]);
  let tmat = identity(k);
  let iterations = 0;
  let converged = true;
  if (rotation === 'varimax' && k > 1) {
    const v = varimax(unrotated);
    rotated = v.loadings;
    tmat = v.rotation;
    iterations = v.iterations;
    converged = v.converged;
  }
  const ss = columnSumsOfSquares(rotated);
  const order = ss.map((_, j) => j).sort((a, b) => ss[b] - ss[a] || a - b);
  rotated = rotated.map((row) => order.map((j) => row[j]));
  tmat = tmat.map((row) => order.map((j) => row[j]));
  const signs = signColumns(rotated);
  tmat = tmat.map((row) => row.map((v, j) => v * signs[j]));

  const rotatedSs = columnSumsOfSquares(rotated);
  const rotatedVariance = shares(rotatedSs, p);
  const communalities = rotated.map((row) => row.reduce((s, v) => s + v * v, 0));
  const gramInverse = inverseSpd(crossprod(rotated));
  if (gramInverse === undefined) {
    throw new RangeError('principalComponents: the retained loadings are linearly dependent; retain fewer components');
  }
  const scoreCoefficients = multiply(rotated, gramInverse);
  const scores = multiply(standardize(x, options.names), scoreCoefficients);
  const total = rotatedSs.reduce((s, v) => s + v, 0);
  const compositeWeights = rotatedSs.map((v) => v / total);
  const composite = scores.map((row) => row.reduce((s, v, j) => s + v * compositeWeights[j], 0));

  return {
    n,
    p,
    correlation,
    eigenvalues,
    variance: shares(eigenvalues, p),
    retained: k,
    singular,
    collinear,
    kmo: kmoResult,
    bartlett: bartlettResult,
    unrotatedLoadings: unrotated,
    rotatedLoadings: rotated,
    rotationMatrix: tmat,
    rotation,
    iterations,
    converged,
    rotatedVariance,
    communalities,
    scoreCoefficients,
    scores,
    compositeWeights,
    composite,
  };
}

function identity(k: number): number[][] {
  return Array.from({ length: k }, (_, i) => Array.from({ length: k }, (__, j) => (i === j ? 1 : 0)));
}

function columnSumsOfSquares(a: Matrix): number[] {
  const k = a.length === 0 ? 0 : a[0].length;
  return Array.from({ length: k }, (_, j) => a.reduce((s, row) => s + row[j] * row[j], 0));
}

/** Flips (in place) each column whose sum is negative; returns the signs used. */
function signColumns(a: number[][]): number[] {
  const k = a.length === 0 ? 0 : a[0].length;
  const signs = Array.from({ length: k }, (_, j) => (a.reduce((s, row) => s + row[j], 0) < 0 ? -1 : 1));
  for (const row of a) for (let j = 0; j < k; j++) row[j] *= signs[j];
  return signs;
}

function shares(ss: readonly number[], p: number): VarianceShare[] {
  let cumulative = 0;
  return ss.map((v) => {
    const percent = (100 * v) / p;
    cumulative += percent;
    return { ss: v, percent, cumulativePercent: cumulative };
  });
}
