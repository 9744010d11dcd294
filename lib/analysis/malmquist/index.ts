export {
  type InfeasibleDistance,
  malmquist,
  type MalmquistDistances,
  type MalmquistPair,
  type MalmquistResult,
} from './malmquist.js';
export {
  type MalmquistIndices,
  type MalmquistSummary,
  malmquistSummary,
} from './malmquist-summary.js';
