/**
 * Householder QR factorization A = QR of an n × m matrix (n ≥ m): Golub
 * and Van Loan, "Matrix Computations" (4th ed., 2013), §5.2.1. Each
 * reflector H_j = I − 2 v vᵀ / (vᵀv) maps the remaining part of column j
 * onto ±‖x‖ e₁, with the sign chosen opposite to x₁ so that forming v never
 * cancels. This is the factorization behind R's `lm` (LINPACK dqrdc2),
 * without its column pivoting: a column that is numerically dependent on
 * the earlier ones stops the factorization and is reported instead, so the
 * coefficients keep the caller's order.
 */
export interface HouseholderQr {
  readonly n: number;
  readonly m: number;
  /** Upper-triangular R, m × m, row-major (zeros below the diagonal). */
  readonly r: Float64Array;
  /** Reflector vectors, column j in entries [j·n, (j+1)·n), zero above row j. */
  readonly v: Float64Array;
  /** vᵀv of each reflector (0 for an identity reflector). */
  readonly vNorm2: Float64Array;
  /**
   * 0-based index of the first column whose norm, after removing the span
   * of the earlier columns, is at most `tolerance` × its original norm; −1
   * when A has full column rank. R and the reflectors are complete only up
   * to that column.
   */
  readonly deficientColumn: number;
}

/** R's `lm` tolerance for declaring a column linearly dependent (`qr(tol = 1e-7)`). */
export const RANK_TOLERANCE = 1e-7;

/** Factorizes the matrix whose columns are `columns` (m columns of length n). */
export function householderQr(
  columns: readonly (readonly number[])[],
  tolerance = RANK_TOLERANCE,
): HouseholderQr {
  const m = columns.length;
  const n = m === 0 ? 0 : columns[0].length;
  if (n < m) throw new RangeError(`householderQr needs n ≥ m, got ${n} rows and ${m} columns`);
  const a = new Float64Array(n * m);
  columns.forEach((col, j) => a.set(col, j * n));
  const r = new Float64Array(m * m);
  const v = new Float64Array(n * m);
  const vNorm2 = new Float64Array(m);
  const originalNorm = columns.map(norm2);

  for (let j = 0; j < m; j++) {
    const base = j * n;
    let scale = 0;
    for (let i = j; i < n; i++) scale = Math.max(scale, Math.abs(a[base + i]));
    let sum = 0;
    for (let i = j; i < n; i++) sum += (a[base + i] / (scale || 1)) ** 2;
    const norm = scale * Math.sqrt(sum);
    if (norm === 0 || norm <= tolerance * originalNorm[j]) {
      return { n, m, r, v, vNorm2, deficientColumn: j };
    }

    const alpha = a[base + j] >= 0 ? -norm : norm;
    for (let i = j; i < n; i++) v[base + i] = a[base + i];
    v[base + j] -= alpha;
    let vv = 0;
    for (let i = j; i < n; i++) vv += v[base + i] * v[base + i];
    // Values so small that vᵀv underflows (subnormal data) cannot define a
    // reflector; such a column is numerically zero and counts as dependent.
    if (!(vv >= Number.MIN_VALUE / Number.EPSILON) || !Number.isFinite(vv)) {
      return { n, m, r, v, vNorm2, deficientColumn: j };
    }
    vNorm2[j] = vv;

    r[j * m + j] = alpha;
    for (let k = j + 1; k < m; k++) {
      reflect(v, base, vv, j, n, a, k * n);
      r[j * m + k] = a[k * n + j];
    }
  }
  return { n, m, r, v, vNorm2, deficientColumn: -1 };
}

/** Applies Qᵀ = H_{m−1} ⋯ H_0 to a vector of length n, returning a new one. */
export function applyQt(qr: HouseholderQr, y: readonly number[]): Float64Array {
  const out = Float64Array.from(y);
  const steps = qr.deficientColumn >= 0 ? qr.deficientColumn : qr.m;
  for (let j = 0; j < steps; j++) reflect(qr.v, j * qr.n, qr.vNorm2[j], j, qr.n, out, 0);
  return out;
}

/** Solves R x = b for the leading `size` × `size` block of R (back substitution). */
export function solveUpper(qr: HouseholderQr, b: ArrayLike<number>, size = qr.m): Float64Array {
  const { r, m } = qr;
  const x = new Float64Array(size);
  for (let i = size - 1; i >= 0; i--) {
    let s = b[i];
    for (let k = i + 1; k < size; k++) s -= r[i * m + k] * x[k];
    x[i] = s / r[i * m + i];
  }
  return x;
}

/**
 * Squared row norms of R⁻¹, i.e. the diagonal of (RᵀR)⁻¹ = (AᵀA)⁻¹, from
 * which standard errors and variance inflation factors follow.
 */
export function inverseGramDiagonal(qr: HouseholderQr): Float64Array {
  const { m } = qr;
  const diag = new Float64Array(m);
  // Column c of R⁻¹ solves R x = e_c; accumulate x_i² into row i's norm.
  for (let c = 0; c < m; c++) {
    const e = new Float64Array(m);
    e[c] = 1;
    const x = solveUpper(qr, e, c + 1);
    for (let i = 0; i <= c; i++) diag[i] += x[i] * x[i];
  }
  return diag;
}

function reflect(
  v: Float64Array,
  vBase: number,
  vv: number,
  from: number,
  n: number,
  target: Float64Array,
  tBase: number,
): void {
  let dot = 0;
  for (let i = from; i < n; i++) dot += v[vBase + i] * target[tBase + i];
  const f = (2 * dot) / vv;
  for (let i = from; i < n; i++) target[tBase + i] -= f * v[vBase + i];
}

/** Euclidean norm, scaled so that large or tiny values neither overflow nor underflow. */
export function norm2(values: readonly number[]): number {
  let scale = 0;
  for (const x of values) scale = Math.max(scale, Math.abs(x));
  if (scale === 0) return 0;
  let sum = 0;
  for (const x of values) sum += (x / scale) ** 2;
  return scale * Math.sqrt(sum);
}
