import { fileURLToPath } from 'node:url';
import { STEPS, type StepInfo } from '../pipeline/step-list.js';

/**
 * Every Lambda handler of the app. Steps map to handlers by name; a step
 * that fans out has three: `<step>-plan`, `<step>-work` (one chunk, run by
 * the Distributed Map) and `<step>-merge`. The other handlers start runs,
 * handle failures and open report links.
 */
export const SERVICE_HANDLERS = ['start-run', 'scheduled-run', 'on-failure', 'report-link'] as const;

export type HandlerName = string;

/** Handler names of one step, in the order they run. */
export function stepHandlerNames(step: StepInfo): readonly HandlerName[] {
  return step.fanOut ? [`${step.name}-plan`, `${step.name}-work`, `${step.name}-merge`] : [step.name];
}

/** All handler names: the steps' in workflow order, then the service handlers. */
export function allHandlerNames(): readonly HandlerName[] {
  return [...STEPS.flatMap(stepHandlerNames), ...SERVICE_HANDLERS];
}

/** Source file of a handler: `functions/<name>.ts` at the repository root. */
export function handlerEntry(name: HandlerName): string {
  return fileURLToPath(new URL(`../../functions/${name}.ts`, import.meta.url));
}

/** The repository root, where package-lock.json and tsconfig.json are. */
export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
