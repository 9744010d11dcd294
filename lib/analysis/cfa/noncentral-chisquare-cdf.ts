import gammaln from '@stdlib/math-base-special-gammaln';
import chisquareCdf from '@stdlib/stats-base-dists-chisquare-cdf';

/**
 * P(X ≤ x) for X ~ χ²(df, ncp), the noncentral chi-square, as a Poisson
 * mixture of central chi-squares (Johnson, Kotz & Balakrishnan, Continuous
 * Univariate Distributions vol. 2, 2nd ed., eq. 29.2):
 *
 *   F(x; df, λ) = Σ_j e^{−λ/2} (λ/2)^j / j! · F_χ²(x; df + 2j).
 *
 * Summation starts at the Poisson mode and walks both ways until the
 * Poisson weights fall below 1e-17, so large λ cost O(√λ) terms. The
 * central cdfs along the walk come from one incomplete-gamma evaluation at
 * the mode and the recurrence
 *
 *   F_χ²(x; k + 2) = F_χ²(x; k) − t_k,  t_k = (x/2)^{k/2} e^{−x/2} / Γ(k/2 + 1),
 *   t_{k+2} = t_k · x / (k + 2)
 *
 * (Abramowitz & Stegun 26.4.8), so each further term costs a few flops
 * instead of an incomplete gamma function; this matters for the RMSEA
 * interval of large samples, where λ reaches 10⁵. With λ = 0 it is the
 * central cdf.
 *
 * Limitation: the anchor F_χ²(x; df + 2·mode) comes from @stdlib's
 * incomplete gamma function, which loses accuracy at large degrees of
 * freedom: against R's pchisq the cdf agrees to 1e-12 at df + λ = 10³ but
 * is off by about 1e-3 at df + λ = 3·10³ and 6e-4 at 1.2·10⁵. The RMSEA
 * interval of samples above about a thousand rows is therefore good to
 * two or three decimals, not to machine precision.
 */
export function noncentralChisquareCdf(x: number, df: number, ncp: number): number {
  if (!(ncp >= 0)) throw new RangeError(`noncentralChisquareCdf: ncp must be ≥ 0, got ${ncp}`);
  if (ncp === 0 || !(x > 0)) return chisquareCdf(x, df);
  const mu = ncp / 2;
  const mode = Math.floor(mu);
  const wMode = Math.exp(-mu + mode * Math.log(mu) - gammaln(mode + 1));
  const kMode = df + 2 * mode;
  const fMode = chisquareCdf(x, kMode);
  const tMode = Math.exp((kMode / 2) * Math.log(x / 2) - x / 2 - gammaln(kMode / 2 + 1));
  let sum = wMode * fMode;

  // Upwards: j = mode + 1, mode + 2, …
  let w = wMode;
  let f = fMode;
  let t = tMode;
  for (let j = mode + 1; ; j++) {
    const k = df + 2 * (j - 1);
    f = Math.max(0, f - t);
    t *= x / (k + 2);
    w *= mu / j;
    sum += w * f;
    if (w < 1e-17) break;
  }

  // Downwards: j = mode − 1, …, 0, with t_{k−2} = t_k · k / x.
  w = wMode;
  f = fMode;
  t = tMode;
  for (let j = mode; j > 0; j--) {
    const k = df + 2 * j;
    t *= k / x;
    f = Math.min(1, f + t);
    w *= j / mu;
    sum += w * f;
    if (w < 1e-17) break;
  }
  return Math.min(1, sum);
}

/**
 * The noncentrality λ ≥ 0 with F(x; df, λ) = prob, by bisection (the cdf
 * falls as λ grows). 0 when even λ = 0 gives F below prob. Used for the
 * RMSEA confidence interval (Browne & Cudeck 1993; MacCallum, Browne &
 * Sugawara 1996).
 */
export function noncentralityFor(x: number, df: number, prob: number): number {
  if (noncentralChisquareCdf(x, df, 0) < prob) return 0;
  let lo = 0;
  let hi = Math.max(1, x);
  while (noncentralChisquareCdf(x, df, hi) > prob) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-12 * Math.max(1, hi); i++) {
    const mid = (lo + hi) / 2;
    if (noncentralChisquareCdf(x, df, mid) > prob) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
