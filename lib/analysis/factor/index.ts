/** Exploratory factor analysis by principal components, with varimax. */
export { principalComponents } from './principal-components.js';
export type {
  PrincipalComponentsOptions,
  PrincipalComponentsResult,
  Rotation,
  VarianceShare,
} from './principal-components.js';
export { correlationMatrix, standardize, columnMoments } from './correlation.js';
export { kmo, type KmoResult } from './kmo.js';
export { bartlettSphericity, type BartlettResult } from './bartlett.js';
export { collinearIndicators, COLLINEAR_TOLERANCE } from './collinear-indicators.js';
export { retainComponents, type RetentionRule } from './retain-components.js';
export { varimax, type VarimaxOptions, type VarimaxResult } from './varimax.js';
export { rankDescending } from './rank-descending.js';
