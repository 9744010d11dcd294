import chisquareCdf from '@stdlib/stats-base-dists-chisquare-cdf';
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import type { Matrix } from '../matrix.js';
import { inverseSpd, logDetSpd } from '../linalg/cholesky.js';
import { solve } from '../linalg/solve.js';
import { noncentralityFor } from './noncentral-chisquare-cdf.js';

/** One latent factor: its name and the column indices of its indicators; the first is the marker. */
export interface CfaFactor {
  readonly name: string;
  readonly indicators: readonly number[];
}

export interface CfaOptions {
  /** Column names, for messages and tables; default the column index. */
  readonly names?: readonly string[];
  /** Most Fisher-scoring iterations. Default 500. */
  readonly maxIterations?: number;
}

/** Test statistic and the indices built on it, under one chi-square convention. */
export interface FitUnderConvention {
  /** Which convention, in words. */
  readonly label: string;
  /** The multiplier of F_ML: N (lavaan's default) or N − 1 (AMOS, LISREL, lavaan likelihood = "wishart"). */
  readonly multiplier: number;
  readonly chiSquare: number;
  readonly df: number;
  /**
   * Upper-tail p of the chi-square test; null when df = 0, where the model
   * is saturated, reproduces S exactly and there is nothing to test
   * (lavaan prints NA).
   */
  readonly pValue: number | null;
  readonly baselineChiSquare: number;
  readonly baselineDf: number;
  readonly cfi: number;
  readonly tli: number;
  readonly rmsea: number;
  /** 90 % confidence interval of RMSEA. */
  readonly rmseaLower: number;
  readonly rmseaUpper: number;
}

export interface CfaEstimate {
  readonly estimate: number;
  /** Standard error from the expected information; null when fixed or not identified. */
  readonly se: number | null;
  readonly z: number | null;
  readonly pValue: number | null;
}

export interface CfaLoading extends CfaEstimate {
  readonly factor: string;
  readonly indicator: string;
  /** True for the marker, fixed at 1. */
  readonly fixed: boolean;
  /** Completely standardized loading λ √φ_ff / √σ_ii. */
  readonly standardized: number;
}

export interface CfaResidual extends CfaEstimate {
  readonly indicator: string;
  /** ψ_i / σ_ii: the share of the indicator's variance left unexplained. */
  readonly standardized: number;
}

export interface CfaFactorCovariance extends CfaEstimate {
  readonly lhs: string;
  readonly rhs: string;
  /** φ_fg / √(φ_ff φ_gg); 1 on the diagonal. */
  readonly correlation: number;
}

export interface HeywoodCase {
  readonly kind:
    | 'negative-residual-variance'
    | 'standardized-loading-above-one'
    | 'non-positive-factor-variance'
    | 'factor-correlation-above-one';
  /** The indicator or factor(s) concerned. */
  readonly where: string;
  readonly value: number;
}

export interface CfaResult {
  readonly n: number;
  /** Observed variables in the model. */
  readonly p: number;
  readonly freeParameters: number;
  readonly converged: boolean;
  readonly iterations: number;
  /** F_ML = ln|Σ| + tr(SΣ⁻¹) − ln|S| − p at the estimate (lavaan's `fmin` is half of it). */
  readonly fmin: number;
  /** χ² = N·F, lavaan's default (likelihood = "normal"). */
  readonly normal: FitUnderConvention;
  /** χ² = (N − 1)·F, as AMOS and LISREL report it. */
  readonly wishart: FitUnderConvention;
  /** Bentler's standardized root mean square residual over the p(p + 1)/2 variances and covariances. */
  readonly srmr: number;
  readonly logLikelihood: number;
  readonly aic: number;
  readonly bic: number;
  readonly loadings: CfaLoading[];
  readonly residualVariances: CfaResidual[];
  /** Lower triangle including variances, row by row. */
  readonly factorCovariances: CfaFactorCovariance[];
  /** Composite reliability per factor (Raykov 1997; Fornell & Larcker 1981). */
  readonly compositeReliability: Record<string, number>;
  /** Average variance extracted per factor (Fornell & Larcker 1981). */
  readonly averageVarianceExtracted: Record<string, number>;
  readonly heywood: HeywoodCase[];
}

type Parameter =
  | { readonly kind: 'loading'; readonly variable: number; readonly factor: number }
  | { readonly kind: 'residual'; readonly variable: number }
  | { readonly kind: 'factor'; readonly f: number; readonly g: number };

/**
 * Confirmatory factor analysis by maximum likelihood, as lavaan::cfa with
 * its defaults (estimator ML, expected information, no mean structure):
 *
 *   Σ(θ) = Λ Φ Λᵀ + Ψ,  Ψ diagonal, Φ free and symmetric,
 *   F_ML(θ) = ln|Σ| + tr(S Σ⁻¹) − ln|S| − p,   S with divisor N,
 *
 * identified by marker variables (the first indicator of each factor has a
 * loading fixed to 1). F is minimized by Fisher scoring — Newton steps with
 * the expected Hessian H_kl = tr(Σ⁻¹ ∂_kΣ Σ⁻¹ ∂_lΣ) (Lee & Jennrich 1979) —
 * halving the step while F does not fall or Σ is not positive definite,
 * until the parameters change by less than a relative 1e-10. Standard
 * errors are √diag((N/2 · H)⁻¹), lavaan's expected-information default.
 *
 * Fit: χ² under both conventions (N·F as lavaan, (N − 1)·F as AMOS and
 * LISREL; see `FitUnderConvention`), CFI (Bentler 1990), TLI (Tucker &
 * Lewis 1973) against the independence model Σ = diag(S);
 * RMSEA = √(max(χ² − df, 0) / (m · df)) with m the convention's multiplier
 * (Steiger 1990), and its 90 % interval from the noncentral χ² (Browne &
 * Cudeck 1993); SRMR (Bentler 1995, lavaan's `srmr`); log-likelihood, AIC
 * and BIC with N.
 *
 * Composite reliability CR = (Σλ*)² / ((Σλ*)² + Σθ*) and AVE = mean λ*²
 * use the completely standardized loadings λ* and residual variances θ* of
 * each factor's indicators; with cross-loadings they count only the
 * loadings listed under that factor.
 *
 * Reported, never hidden: `converged` false when the iteration cap is hit
 * (the estimates at that point are still returned), and Heywood cases
 * (negative residual variances, standardized loadings or factor
 * correlations beyond 1, non-positive factor variances). A sample
 * covariance matrix that is not positive definite (fewer rows than
 * indicators, collinear or constant indicators), a model with more free
 * parameters than moments, or a factor with fewer than two indicators raise
 * a RangeError naming the problem.
 */
export function confirmatoryFactorAnalysis(
  x: Matrix,
  factors: readonly CfaFactor[],
  options: CfaOptions = {},
): CfaResult {
  const maxIterations = options.maxIterations ?? 500;
  const n = x.length;
  const width = n === 0 ? 0 : x[0].length;
  const nameOf = (j: number): string => options.names?.[j] ?? String(j);
  if (factors.length === 0) throw new RangeError('confirmatoryFactorAnalysis: the model has no factors');
  const seenFactor = new Set<string>();
  for (const f of factors) {
    if (seenFactor.has(f.name)) throw new RangeError(`confirmatoryFactorAnalysis: factor "${f.name}" is defined twice`);
    seenFactor.add(f.name);
    if (f.indicators.length < 2) {
      throw new RangeError(`confirmatoryFactorAnalysis: factor "${f.name}" needs at least 2 indicators, has ${f.indicators.length}`);
    }
    for (const j of f.indicators) {
      if (!Number.isInteger(j) || j < 0 || j >= width) {
        throw new RangeError(`confirmatoryFactorAnalysis: factor "${f.name}" names column ${j}, but the data have ${width} columns`);
      }
    }
  }
  // Observed variables in order of first mention, as lavaan orders them.
  const columns: number[] = [];
  for (const f of factors) for (const j of f.indicators) if (!columns.includes(j)) columns.push(j);
  const p = columns.length;
  const m = factors.length;
  const rawS = sampleCovariance(x, columns, nameOf);
  // Fit on S scaled to unit variances, D⁻¹ S D⁻¹ with D = diag(√s_ii): ML
  // with marker identification is scale-equivariant, so χ², the fit indices
  // and the standardized solution are unchanged, and raw estimates and
  // standard errors follow by multiplying back (below). Indicators measured
  // in units 10⁵ apart would otherwise make the information matrix too
  // ill-conditioned to solve.
  const scale = rawS.map((row, i) => Math.sqrt(row[i]));
  const s = rawS.map((row, i) => row.map((v, j) => v / (scale[i] * scale[j])));
  const logDetS = logDetSpd(s);
  if (logDetS === undefined || scale.some((d) => !(d > 0))) {
    throw new RangeError(
      `confirmatoryFactorAnalysis: the sample covariance matrix of ${p} indicators over ${n} rows is not positive definite` +
        (n <= p ? ' (fewer rows than indicators)' : ' (collinear indicators)'),
    );
  }

  const params: Parameter[] = [];
  factors.forEach((f, fi) => {
    f.indicators.forEach((j, pos) => {
      if (pos > 0) params.push({ kind: 'loading', variable: columns.indexOf(j), factor: fi });
    });
  });
  for (let v = 0; v < p; v++) params.push({ kind: 'residual', variable: v });
  for (let f = 0; f < m; f++) for (let g = 0; g <= f; g++) params.push({ kind: 'factor', f, g });
  const q = params.length;
  const moments = (p * (p + 1)) / 2;
  const df = moments - q;
  if (df < 0) {
    throw new RangeError(`confirmatoryFactorAnalysis: ${q} free parameters but only ${moments} variances and covariances`);
  }
  const markers = factors.map((f) => columns.indexOf(f.indicators[0]));

  const unpack = (theta: readonly number[]): { lambda: number[][]; phi: number[][]; psi: number[] } => {
    const lambda = Array.from({ length: p }, () => new Array<number>(m).fill(0));
    markers.forEach((v, f) => (lambda[v][f] = 1));
    const phi = Array.from({ length: m }, () => new Array<number>(m).fill(0));
    const psi = new Array<number>(p).fill(0);
    params.forEach((par, k) => {
      if (par.kind === 'loading') lambda[par.variable][par.factor] = theta[k];
      else if (par.kind === 'residual') psi[par.variable] = theta[k];
      else {
        phi[par.f][par.g] = theta[k];
        phi[par.g][par.f] = theta[k];
      }
    });
    return { lambda, phi, psi };
  };
  const implied = (theta: readonly number[]): number[][] => {
    const { lambda, phi, psi } = unpack(theta);
    const lp = lambda.map((row) => phi[0].map((_, g) => row.reduce((acc, l, f) => acc + l * phi[f][g], 0)));
    return lambda.map((_, a) =>
      lambda.map((__, b) => lp[a].reduce((acc, v, g) => acc + v * lambda[b][g], 0) + (a === b ? psi[a] : 0)),
    );
  };
  const objective = (theta: readonly number[]): number => {
    const sigma = implied(theta);
    const logDet = logDetSpd(sigma);
    const inv = inverseSpd(sigma);
    if (logDet === undefined || inv === undefined) return Infinity;
    let trace = 0;
    for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) trace += s[a][b] * inv[b][a];
    return logDet + trace - logDetS - p;
  };
  // ∂Σ/∂θ_k written as a sum of one or two outer products u vᵀ, which
  // turns the traces below into dot products: tr(Σ⁻¹ u vᵀ Σ⁻¹ u′ v′ᵀ) =
  // (v · Σ⁻¹u′)(v′ · Σ⁻¹u).
  const unit = (i: number): number[] => Array.from({ length: p }, (_, a) => (a === i ? 1 : 0));
  const derivativeTerms = (theta: readonly number[]): [number[], number[]][][] => {
    const { lambda, phi } = unpack(theta);
    const column = (f: number): number[] => lambda.map((row) => row[f]);
    return params.map((par): [number[], number[]][] => {
      if (par.kind === 'residual') {
        const e = unit(par.variable);
        return [[e, e]];
      }
      if (par.kind === 'loading') {
        // ∂Σ/∂λ_if = e_i cᵀ + c e_iᵀ with c = column f of Λ Φ.
        const e = unit(par.variable);
        const c = lambda.map((row) => row.reduce((acc, l, g) => acc + l * phi[g][par.factor], 0));
        return [
          [e, c],
          [c, e],
        ];
      }
      const lf = column(par.f);
      if (par.f === par.g) return [[lf, lf]];
      const lg = column(par.g);
      return [
        [lf, lg],
        [lg, lf],
      ];
    });
  };
  const dot = (a: readonly number[], b: readonly number[]): number => {
    let sum = 0;
    for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
    return sum;
  };
  const scoring = (theta: readonly number[]): { gradient: number[]; information: number[][] } | undefined => {
    const sigma = implied(theta);
    const inv = inverseSpd(sigma);
    if (inv === undefined) return undefined;
    // ∂F/∂θ_k = tr(M ∂_kΣ) with M = Σ⁻¹ − Σ⁻¹ S Σ⁻¹.
    const invSInv = mul(mul(inv, s), inv);
    const resid = inv.map((row, a) => row.map((v, b) => v - invSInv[a][b]));
    const terms = derivativeTerms(theta);
    // tr(M u vᵀ) = vᵀ M u.
    const gradient = terms.map((list) => list.reduce((acc, [u, v]) => acc + dot(v, matVec(resid, u)), 0));
    const solved = terms.map((list) => list.map(([u, v]) => ({ v, invU: matVec(inv, u) })));
    const information = solved.map((k) =>
      solved.map((l) => {
        let t = 0;
        for (const a of k) for (const b of l) t += dot(a.v, b.invU) * dot(b.v, a.invU);
        return t;
      }),
    );
    return { gradient, information };
  };

  let theta = startingValues(s, params, markers);
  if (!Number.isFinite(objective(theta))) {
    // Covariances of the markers can make the start indefinite; start uncorrelated.
    theta = theta.map((v, k) => {
      const par = params[k];
      return par.kind === 'factor' && par.f !== par.g ? 0 : v;
    });
  }
  let value = objective(theta);
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    iterations++;
    const sc = scoring(theta);
    if (sc === undefined) break;
    const step = solve(sc.information, sc.gradient.map((g) => [g]));
    if (step === undefined) break;
    const relative = (delta: (k: number) => number): number =>
      Math.max(...theta.map((t, k) => Math.abs(delta(k)) / Math.max(1, Math.abs(t))));
    let factor = 1;
    let next = theta;
    let nextValue = Infinity;
    let accepted = false;
    for (let halving = 0; halving < 40 && !accepted; halving++) {
      next = theta.map((t, k) => t - factor * step[k][0]);
      nextValue = objective(next);
      // A rise at the level of rounding counts as no rise.
      if (nextValue <= value + 1e-14 * Math.abs(value)) accepted = true;
      else factor /= 2;
    }
    if (!accepted) {
      // No step along the scoring direction lowers F. At the optimum that is
      // rounding (the full step is already negligible); anywhere else the
      // iteration has stalled, and the result says so.
      converged = relative((k) => step[k][0]) < 1e-8;
      break;
    }
    const change = relative((k) => next[k] - theta[k]);
    theta = next;
    value = nextValue;
    if (change < 1e-10) {
      converged = true;
      break;
    }
  }

  const { lambda, phi, psi } = unpack(theta);
  const sigma = implied(theta);
  const final = scoring(theta);
  const covariance = final ? inverseSpd(final.information.map((row) => row.map((v) => (v * n) / 2))) : undefined;
  // Back to the data's units: λ_if · d_i / d_marker(f), ψ_i · d_i²,
  // φ_fg · d_marker(f) · d_marker(g); standard errors scale the same way.
  const unitsFactor = params.map((par) => {
    if (par.kind === 'loading') return scale[par.variable] / scale[markers[par.factor]];
    if (par.kind === 'residual') return scale[par.variable] ** 2;
    return scale[markers[par.f]] * scale[markers[par.g]];
  });
  const estimateOf = (k: number): CfaEstimate => {
    const estimate = theta[k] * unitsFactor[k];
    const variance = covariance?.[k][k];
    if (variance === undefined || !(variance > 0)) return { estimate, se: null, z: null, pValue: null };
    const se = Math.sqrt(variance) * unitsFactor[k];
    const z = estimate / se;
    return { estimate, se, z, pValue: 2 * (1 - normalCdf(Math.abs(z), 0, 1)) };
  };
  const fixed: CfaEstimate = { estimate: 1, se: null, z: null, pValue: null };

  const loadings: CfaLoading[] = [];
  factors.forEach((f, fi) => {
    f.indicators.forEach((j, pos) => {
      const v = columns.indexOf(j);
      const k = params.findIndex((par) => par.kind === 'loading' && par.variable === v && par.factor === fi);
      const est = pos === 0 ? fixed : estimateOf(k);
      loadings.push({
        factor: f.name,
        indicator: nameOf(j),
        fixed: pos === 0,
        ...est,
        standardized: (lambda[v][fi] * Math.sqrt(phi[fi][fi])) / Math.sqrt(sigma[v][v]),
      });
    });
  });
  const residualVariances: CfaResidual[] = columns.map((j, v) => {
    const k = params.findIndex((par) => par.kind === 'residual' && par.variable === v);
    return { indicator: nameOf(j), ...estimateOf(k), standardized: psi[v] / sigma[v][v] };
  });
  const factorCovariances: CfaFactorCovariance[] = [];
  params.forEach((par, k) => {
    if (par.kind !== 'factor') return;
    factorCovariances.push({
      lhs: factors[par.f].name,
      rhs: factors[par.g].name,
      ...estimateOf(k),
      correlation: phi[par.f][par.g] / Math.sqrt(phi[par.f][par.f] * phi[par.g][par.g]),
    });
  });

  const compositeReliability: Record<string, number> = {};
  const averageVarianceExtracted: Record<string, number> = {};
  for (const f of factors) {
    const own = loadings.filter((l) => l.factor === f.name);
    const sumL = own.reduce((acc, l) => acc + l.standardized, 0);
    const sumTheta = own.reduce(
      (acc, l) => acc + residualVariances.find((r) => r.indicator === l.indicator)!.standardized,
      0,
    );
    compositeReliability[f.name] = (sumL * sumL) / (sumL * sumL + sumTheta);
    averageVarianceExtracted[f.name] = own.reduce((acc, l) => acc + l.standardized ** 2, 0) / own.length;
  }

  const heywood: HeywoodCase[] = [];
  residualVariances.forEach((r) => {
    if (r.estimate < 0) heywood.push({ kind: 'negative-residual-variance', where: r.indicator, value: r.estimate });
  });
  factors.forEach((f, fi) => {
    if (!(phi[fi][fi] > 0)) heywood.push({ kind: 'non-positive-factor-variance', where: f.name, value: phi[fi][fi] });
  });
  loadings.forEach((l) => {
    if (Math.abs(l.standardized) > 1) {
      heywood.push({ kind: 'standardized-loading-above-one', where: `${l.factor} → ${l.indicator}`, value: l.standardized });
    }
  });
  factorCovariances.forEach((c) => {
    if (c.lhs !== c.rhs && Math.abs(c.correlation) > 1) {
      heywood.push({ kind: 'factor-correlation-above-one', where: `${c.lhs} ~ ${c.rhs}`, value: c.correlation });
    }
  });

  // Independence model Σ = diag(S): F_b = Σ ln s_ii − ln|S|.
  const baselineF = s.reduce((acc, row, i) => acc + Math.log(row[i]), 0) - logDetS;
  const baselineDf = (p * (p - 1)) / 2;
  const fitFor = (multiplier: number, label: string): FitUnderConvention => {
    const chiSquare = multiplier * value;
    const baselineChiSquare = multiplier * baselineF;
    const t1 = Math.max(chiSquare - df, 0);
    const t2 = Math.max(chiSquare - df, baselineChiSquare - baselineDf, 0);
    const rmseaOf = (ncp: number): number => (df > 0 ? Math.sqrt(ncp / (multiplier * df)) : 0);
    return {
      label,
      multiplier,
      chiSquare,
      df,
      pValue: df > 0 ? 1 - chisquareCdf(chiSquare, df) : null,
      baselineChiSquare,
      baselineDf,
      cfi: t2 === 0 ? 1 : 1 - t1 / t2,
      tli: df > 0 ? (baselineChiSquare / baselineDf - chiSquare / df) / (baselineChiSquare / baselineDf - 1) : 1,
      rmsea: rmseaOf(Math.max(chiSquare - df, 0)),
      rmseaLower: df > 0 ? rmseaOf(noncentralityFor(chiSquare, df, 0.95)) : 0,
      rmseaUpper: df > 0 ? rmseaOf(noncentralityFor(chiSquare, df, 0.05)) : 0,
    };
  };

  let srmrSum = 0;
  for (let a = 0; a < p; a++) {
    for (let b = 0; b <= a; b++) srmrSum += ((s[a][b] - sigma[a][b]) / Math.sqrt(s[a][a] * s[b][b])) ** 2;
  }
  // ln|S| of the data in its own units: ln|D⁻¹SD⁻¹| + 2 Σ ln d_i.
  const rawLogDetS = logDetS + 2 * scale.reduce((acc, d) => acc + Math.log(d), 0);
  const logLikelihood = (-n / 2) * (p * Math.log(2 * Math.PI) + value + rawLogDetS + p);

  return {
    n,
    p,
    freeParameters: q,
    converged,
    iterations,
    fmin: value,
    normal: fitFor(n, 'N·F_ML (lavaan default, likelihood = "normal")'),
    wishart: fitFor(n - 1, '(N − 1)·F_ML (AMOS, LISREL; lavaan likelihood = "wishart")'),
    srmr: Math.sqrt(srmrSum / moments),
    logLikelihood,
    aic: -2 * logLikelihood + 2 * q,
    bic: -2 * logLikelihood + q * Math.log(n),
    loadings,
    residualVariances,
    factorCovariances,
    compositeReliability,
    averageVarianceExtracted,
    heywood,
  };
}

/**
 * Starting values: half of each variance is unique (ψ_i = s_ii / 2), the
 * factor variance is half the marker's variance, a loading is
 * cov(indicator, marker) / φ_ff, and factor covariances are the markers'
 * covariances.
 */
function startingValues(
  s: readonly (readonly number[])[],
  params: readonly Parameter[],
  markers: readonly number[],
): number[] {
  return params.map((par) => {
    if (par.kind === 'residual') return s[par.variable][par.variable] / 2;
    if (par.kind === 'loading') {
      const marker = markers[par.factor];
      return s[par.variable][marker] / (s[marker][marker] / 2);
    }
    const mf = markers[par.f];
    const mg = markers[par.g];
    return par.f === par.g ? s[mf][mf] / 2 : s[mf][mg];
  });
}

/** Covariance of the chosen columns with divisor N (the ML estimate lavaan fits). */
function sampleCovariance(x: Matrix, columns: readonly number[], nameOf: (j: number) => string): number[][] {
  const n = x.length;
  if (n < 2) throw new RangeError(`confirmatoryFactorAnalysis: need at least 2 rows, got ${n}`);
  const means = columns.map((j) => {
    let sum = 0;
    for (const row of x) {
      if (!Number.isFinite(row[j])) throw new RangeError(`confirmatoryFactorAnalysis: column ${nameOf(j)} holds a non-finite value`);
      sum += row[j];
    }
    return sum / n;
  });
  return columns.map((a, ia) =>
    columns.map((b, ib) => {
      let sum = 0;
      for (const row of x) sum += (row[a] - means[ia]) * (row[b] - means[ib]);
      return sum / n;
    }),
  );
}

function matVec(a: readonly (readonly number[])[], x: readonly number[]): number[] {
  return a.map((row) => {
    let sum = 0;
    for (let i = 0; i < x.length; i++) sum += row[i] * x[i];
    return sum;
  });
}

function mul(a: readonly (readonly number[])[], b: readonly (readonly number[])[]): number[][] {
  return a.map((row) => b[0].map((_, j) => row.reduce((acc, v, k) => acc + v * b[k][j], 0)));
}
