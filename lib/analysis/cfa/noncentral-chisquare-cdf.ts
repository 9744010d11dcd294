import chisquareCdf from '@stdlib/stats-base-dists-chisquare-cdf';

/**
 * P(X ≤ x) for X ~ χ²(df, ncp), the noncentral chi-square, as a Poisson
 * mixture of central chi-squares (Johnson, Kotz & Balakrishnan, Continuous
 * Univariate Distributions vol. 2, 2nd ed., eq. 29.2):
 *
 *   F(x; df, λ) = Σ_j e^{−λ/2} (λ/2)^j / j! · F_χ²(x; df + 2j).
 *
 * Summation starts at the Poisson mode and walks both ways until the
 * Poisson weights fall below 1e-17 of the total, so large λ cost O(√λ)
 * terms. With λ = 0 it is the central cdf.
 */
export function noncentralChisquareCdf(x: number, df: number, ncp: number): number {
  if (!(ncp >= 0)) throw new RangeError(`noncentralChisquareCdf: ncp must be ≥ 0, got ${ncp}`);
  if (ncp === 0) return chisquareCdf(x, df);
  const mu = ncp / 2;
  const mode = Math.floor(mu);
  let logFactorial = 0;
  for (let j = 2; j <= mode; j++) logFactorial += Math.log(j);
  const wMode = Math.exp(-mu + mode * Math.log(mu) - logFactorial);
  let sum = wMode * chisquareCdf(x, df + 2 * mode);
  let w = wMode;
  for (let j = mode + 1; ; j++) {
    w *= mu / j;
    sum += w * chisquareCdf(x, df + 2 * j);
    if (w < 1e-17) break;
  }
  w = wMode;
  for (let j = mode; j > 0; j--) {
    w *= j / mu;
    sum += w * chisquareCdf(x, df + 2 * (j - 1));
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
