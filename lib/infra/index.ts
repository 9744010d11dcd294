export { SmartcityStack, type SmartcityStackProps, INPUT_PREFIX, RUNS_PREFIX } from './smartcity-stack.js';
export { readSettings, DEFAULT_SETTINGS, type Settings } from './settings.js';
export { Workflow, NOT_RETRIED_ERRORS, RETRIED_ERRORS, RETRY, stepStateNames } from './workflow.js';
export { allHandlerNames, stepHandlerNames, handlerEntry } from './handlers.js';
export { BUNDLE } from './bundling.js';
