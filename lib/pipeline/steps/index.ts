import type { FanOutStep, StepFunction } from '../step.js';
import type { StepName } from '../step-list.js';
import { clusterStep } from './cluster.js';
import { couplingStep } from './coupling.js';
import { deaStep } from './dea.js';
import { factorStep } from './factor.js';
import { normalizeStep } from './normalize.js';
import { recordStep } from './record.js';
import { reportStep } from './report.js';
import { validateStep } from './validate.js';

/**
 * Every step's implementation by name. The local runner and the Lambda
 * handlers both call these; the step order lives in step-list.ts.
 */
export const stepImplementations = {
  validate: validateStep,
  normalize: normalizeStep,
  factor: factorStep,
  dea: deaStep,
  coupling: couplingStep,
  cluster: clusterStep,
  report: reportStep,
  record: recordStep,
} satisfies Record<StepName, StepFunction | FanOutStep>;

export function isFanOut(step: StepFunction | FanOutStep): step is FanOutStep {
  return typeof step !== 'function';
}
