export { CASE_TIME_BOUND_MS, CaseRunner, type FuzzInput } from './case-runner.js';
export type { CaseReport } from './case-report.js';
export { type Expectation, judge, MESSAGE_LIMIT } from './judge.js';
export { fuzzParameters, propertyTimeout } from './settings.js';
