export type {
  DeaData,
  LpStatus,
  Multipliers,
  Orientation,
  Peer,
  Rts,
  UnitSolution,
} from './types.js';
export { ORIENTATION_VALUES, RTS_VALUES } from './types.js';
export {
  checkDeaData,
  DeaDataError,
  type DeaCell,
  packData,
  type PackedData,
  selectUnits,
  variableScales,
} from './pack-data.js';
export { DualFeasibleBases, EnvelopmentSolver, type WarmStart } from './envelopment-solver.js';
export { efficientFrame, type EfficientFrame } from './efficient-frame.js';
export {
  dea,
  deaAgainst,
  deaFrame,
  deaFrameAmong,
  frameOfUnits,
  frameSurvivors,
  type DeaFrame,
  type DeaOptions,
  type DeaResult,
  resolveDeaOptions,
  type ResolvedDeaOptions,
  solveAgainstFrame,
} from './dea.js';
export { superEfficiency } from './super-efficiency.js';
export {
  classifyScale,
  type ReturnsToScale,
  RTS_TOLERANCE,
  type ScaleAnalysis,
  scaleEfficiency,
  type ScaleResult,
} from './returns-to-scale.js';
export { translateNonPositive, type Translation } from './translate.js';
export {
  UNDESIRABLE_TREATMENTS,
  type UndesirableTreatment,
  withUndesirableOutputs,
} from './undesirable-outputs.js';
