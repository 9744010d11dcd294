/** Confirmatory factor analysis (maximum likelihood measurement model). */
export { confirmatoryFactorAnalysis } from './confirmatory-factor-analysis.js';
export type {
  CfaEstimate,
  CfaFactor,
  CfaFactorCovariance,
  CfaLoading,
  CfaOptions,
  CfaResidual,
  CfaResult,
  FitUnderConvention,
  HeywoodCase,
} from './confirmatory-factor-analysis.js';
export { noncentralChisquareCdf, noncentralityFor } from './noncentral-chisquare-cdf.js';
