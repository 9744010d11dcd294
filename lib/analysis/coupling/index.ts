export { COUPLING_FORMULAS, type CouplingFormula, couplingDegree } from './coupling-degree.js';
export {
  ALPHA_SUM_TOLERANCE,
  type CouplingCoordination,
  type CouplingCoordinationOptions,
  couplingCoordination,
} from './coupling-coordination.js';
export { COORDINATION_SCALE, type CoordinationLevel, coordinationGrade } from './coordination-grade.js';
