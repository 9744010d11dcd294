export {
  householderQr,
  applyQt,
  solveUpper,
  inverseGramDiagonal,
  RANK_TOLERANCE,
  type HouseholderQr,
} from './householder-qr.js';
export {
  ols,
  CollinearPredictorsError,
  type OlsCoefficient,
  type OlsOptions,
  type OlsResult,
} from './ols.js';
