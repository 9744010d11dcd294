export {
  COUPLING_FORMULAS,
  type CouplingFormula,
  INDEX_ROUNDING_TOLERANCE,
  couplingDegree,
} from './coupling-degree.js';
export {
  ALPHA_SUM_TOLERANCE,
  type CouplingCoordination,
  type CouplingCoordinationOptions,
  couplingCoordination,
} from './coupling-coordination.js';
export {
  COORDINATION_SCALE,
  type CoordinationLevel,
  GRADE_ROUNDING_TOLERANCE,
  coordinationGrade,
} from './coordination-grade.js';
